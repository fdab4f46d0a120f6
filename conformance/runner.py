"""Run programs against real TensorFlow in worker processes, one per configuration.

``TFWorker(config).run(source)`` returns an ``Observation``: the lines the program
printed and the exception it raised, normalised so that equal behaviour gives
equal observations across runs, machines and releases.
"""
import json
import os
import re
import select
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .configs import Config
from .envs import python_for

WORKER = Path(__file__).with_name("worker.py")
DEFAULT_TIMEOUT = float(os.environ.get("CONFORMANCE_TIMEOUT", "300"))


@dataclass(frozen=True)
class Observation:
    out: tuple = ()
    error: str | None = None
    traceback: str | None = field(default=None, compare=False)

    @classmethod
    def from_reply(cls, reply):
        error = reply.get("error")
        return cls(tuple(reply.get("out", ())), normalise_error(error) if error else None, reply.get("traceback"))

    def as_dict(self):
        return {"out": list(self.out), "error": self.error}

    def render(self):
        return "\n".join(observation_lines(self.out, self.error)) or "(nothing printed)"


def observation_lines(out, error):
    """What a program did, as lines: what it printed, then ``raises Type: message`` if it raised."""
    return list(out or ()) + ([f"raises {error}"] if error else [])


_ORIGIN = re.compile(r"\s*Originally defined at:.*", re.S)
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def normalise_error(error):
    """``Type: message`` cut where TF appends the creation traceback, addresses masked.

    In v1 mode TF adds "Originally defined at:" and the stack that created the
    clashing variable to reuse errors; that part names our files and line numbers.
    """
    error = _ORIGIN.sub("", error)
    error = _ADDRESS.sub("0x…", error)
    return error.strip()


class WorkerError(RuntimeError):
    """The worker process died or did not answer."""


class TFWorker:
    """One worker process for one configuration; restarted if it dies."""

    def __init__(self, config: Config, python: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.config = config
        self.python = python
        self.timeout = timeout
        self.proc = None
        self.versions = None
        self._log = None

    def start(self):
        if self.python is None:
            self.python = python_for(self.config.tf, self.config.flavour)
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
        env.pop("TF_USE_LEGACY_KERAS", None)
        if self.config.flavour == "legacy":
            env["TF_USE_LEGACY_KERAS"] = "1"
        self._log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([self.python, str(WORKER), self.config.mode], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._log, text=True, env=env,
                                     cwd=tempfile.gettempdir())
        hello = self._read(timeout=max(self.timeout, 120))
        self.versions = hello["versions"]

    def _stderr_tail(self):
        self._log.seek(0)
        return "\n".join(self._log.read().splitlines()[-20:])

    def _read(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise WorkerError(f"TensorFlow worker for {self.config.name} did not answer within {timeout:.0f} s")
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            tail = self._stderr_tail()
            self.proc = None
            raise WorkerError(f"TensorFlow worker for {self.config.name} exited with status {code}:\n{tail}")
        return json.loads(line)

    def run(self, source: str, name: str = "program") -> Observation:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        self.proc.stdin.write(json.dumps({"source": source, "name": name}) + "\n")
        self.proc.stdin.flush()
        return Observation.from_reply(self._read(self.timeout))

    def close(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class WorkerPool:
    """Lazily started workers, one per configuration."""

    def __init__(self, python_overrides=None):
        self.workers = {}
        self.python_overrides = python_overrides or {}

    def get(self, config: Config) -> TFWorker:
        if config not in self.workers:
            python = self.python_overrides.get((config.tf, config.flavour))
            self.workers[config] = TFWorker(config, python=python)
        return self.workers[config]

    def run(self, config: Config, source: str, name: str = "program") -> Observation:
        return self.get(config).run(source, name)

    def close(self):
        for worker in self.workers.values():
            worker.close()
        self.workers.clear()
