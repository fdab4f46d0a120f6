"""Run programs against real TensorFlow in worker processes, one per configuration.

``TFWorker(config).run(source)`` returns an ``Observation`` (conformance.observation): the
lines the program printed and the exception it raised, normalised so that equal behaviour
gives equal observations across runs, machines and releases (errors cut where TF appends a
creation traceback, object addresses masked).  A program never breaks the
run: one that kills its worker is observed as ``crashed`` (exit status or signal, with the
worker's last stderr lines), one that does not finish within the timeout as ``timed-out``,
and one that changes process-wide TF state (e.g. calls ``disable_v2_behavior()``) keeps its
outcome with a note, and the worker is replaced before the next program.  A configuration
whose mode or flavour does not exist in its release is ``not-available`` without running.
"""
import json
import os
import select
import signal
import subprocess
import tempfile
from pathlib import Path

from .configs import Config
from .envs import python_for
from .observation import CRASHED, TIMED_OUT, Observation, normalise_error, normalise_output

WORKER = Path(__file__).with_name("worker.py")
STARTUP_TIMEOUT = 300.0   # importing TF cold (first run after a build) can take a minute


class WorkerError(RuntimeError):
    """The worker could not be started (TF does not import in that environment); not a program's fault."""


def default_timeout():
    """Seconds a program may run: ``CONFORMANCE_TIMEOUT`` (default 60)."""
    raw = os.environ.get("CONFORMANCE_TIMEOUT", "60")
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise ValueError(f"CONFORMANCE_TIMEOUT={raw!r}: must be a positive number of seconds")
    return value


def _ended(code):
    """How a process ended: "exit 3" or "signal 11 (SIGSEGV)"."""
    if code < 0:
        try:
            return f"signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


class TFWorker:
    """One worker process for one configuration; replaced whenever a program ends it."""

    def __init__(self, config: Config, python: str = None, timeout: float = None):
        self.config = config
        self.python = python
        self.timeout = timeout if timeout is not None else default_timeout()
        self.proc = None
        self.versions = None
        self._log = None

    @property
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        release = self.config.release
        if self.python is None:
            self.python = python_for(release, self.config.flavour)
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="",
                   PYTHONWARNINGS="ignore")
        # The harness alone decides the mode: TF 2.x's `import tensorflow` sets TF2_BEHAVIOR=1 in its
        # process, and a 1.13-1.15 worker that inherits it starts with v2 behaviour (resource
        # variables) where its v1 mode is the release's own default.
        env.pop("TF2_BEHAVIOR", None)
        env.pop("TF_USE_LEGACY_KERAS", None)
        if self.config.flavour == "legacy":
            env["TF_USE_LEGACY_KERAS"] = "1"
        setup = {"mode": self.config.mode, "switch": release.switch(self.config.mode), "api": release.api,
                 "slim": release.slim}
        self._log = tempfile.TemporaryFile(mode="a+")  # appends: the worker shares this file
        self.proc = subprocess.Popen([self.python, str(WORKER), json.dumps(setup)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._log, text=True, env=env,
                                     cwd=tempfile.gettempdir())
        hello = self._read(max(self.timeout, STARTUP_TIMEOUT))
        if not isinstance(hello, dict) or not hello.get("ready"):
            code = self._stop()
            raise WorkerError(f"TensorFlow {self.config.tf} ({self.config.flavour}, {self.config.mode}) did not "
                              f"start: {code}\n{self._stderr_tail()}")
        self.versions = hello["versions"]

    def _stderr_tail(self, since=0, lines=15):
        self._log.flush()
        self._log.seek(since)
        return "\n".join(self._log.read().splitlines()[-lines:])

    def _read(self, timeout):
        """The next reply; None on time-out, "" when the worker ended."""
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else ""

    def _stop(self):
        """Kill the worker; how it ended ("exit 3", "signal 9 (SIGKILL)")."""
        if self.proc is None:
            return "not running"
        if self.proc.poll() is None:
            self.proc.kill()
        code = self.proc.wait()
        self.proc = None
        return _ended(code)

    def run(self, source: str, name: str = "program") -> Observation:
        why = self.config.not_available()
        if why:
            return Observation.not_available(why)
        if not self.alive:
            self.start()
        self._log.seek(0, os.SEEK_END)
        since = self._log.tell()
        try:
            self.proc.stdin.write(json.dumps({"source": source, "name": name}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass  # it died on its own: read() sees the end and reports it
        reply = self._read(self.timeout)
        if reply is None:
            self._stop()
            return Observation(status=TIMED_OUT, detail=f"{self.timeout:g} s",
                               log=self._stderr_tail(since) or None)
        if reply == "":
            ended = self._stop()
            return Observation(status=CRASHED, detail=ended, log=self._stderr_tail(since) or None)
        error = reply.get("error")
        notes = ()
        if reply.get("state_changed"):
            notes = ("changed process-wide state: " + "; ".join(reply["state_changed"])
                     + " (the worker was replaced before the next program)",)
            self._stop()
        return Observation(normalise_output(reply.get("out", ())), normalise_error(error) if error else None,
                           notes=notes, traceback=reply.get("traceback"))

    def close(self):
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class WorkerPool:
    """Lazily started workers, one per configuration."""

    def __init__(self, python_overrides=None, timeout=None):
        self.workers = {}
        self.python_overrides = python_overrides or {}
        self.timeout = timeout

    def get(self, config: Config) -> TFWorker:
        if config not in self.workers:
            python = self.python_overrides.get((config.tf, config.flavour))
            self.workers[config] = TFWorker(config, python=python, timeout=self.timeout)
        return self.workers[config]

    def run(self, config: Config, source: str, name: str = "program") -> Observation:
        return self.get(config).run(source, name)

    def close(self):
        for worker in self.workers.values():
            worker.close()
        self.workers.clear()
