"""Python environments with a given TensorFlow release and Keras flavour, built with uv.

The pinned keras3 configuration runs in the project's own virtual environment.  Every other
configuration gets an isolated environment under ``.envs/`` (or ``$CONFORMANCE_ENVS``), built
once with uv from the release's requirements (``conformance.releases``) in the interpreter the
release needs, then reused; uv's cache hard-links the wheels, so a rebuild takes seconds.

Interpreters are found, in order, from ``CONFORMANCE_PYTHON<MAJOR><MINOR>`` (e.g.
``CONFORMANCE_PYTHON36=/opt/python3.6/bin/python3``), pyenv's versions, ``pythonX.Y`` on the
PATH and uv's own managed interpreters.  A missing one is an ``EnvError`` saying which release
needs which Python and how to provide it.
"""
import fcntl
import glob
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from . import releases

ROOT = Path(__file__).resolve().parent.parent
ENVS = Path(os.environ.get("CONFORMANCE_ENVS", ROOT / ".envs"))


class EnvError(RuntimeError):
    """An environment cannot be had: no interpreter for the release, or uv failed."""


def _own_version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _as_release(release):
    return release if isinstance(release, releases.Release) else releases.release(release)


def env_dir(release, flavour):
    return ENVS / f"tf{_as_release(release).version}-{flavour}"


def _version_of(python):
    try:
        out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _candidates(version):
    variable = f"CONFORMANCE_PYTHON{version.replace('.', '')}"
    if os.environ.get(variable):
        yield os.environ[variable], variable
        return
    if f"{sys.version_info[0]}.{sys.version_info[1]}" == version:
        yield sys.executable, "this interpreter"
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    for prefix in sorted(glob.glob(os.path.join(root, "versions", f"{version}.*")), reverse=True):
        yield os.path.join(prefix, "bin", f"python{version}"), "pyenv"
    found = shutil.which(f"python{version}")
    if found:
        yield found, "PATH"
    uv = _uv()
    try:
        out = subprocess.run([uv, "python", "find", version], capture_output=True, text=True, timeout=60)
        if out.returncode == 0 and out.stdout.strip():
            yield out.stdout.strip(), "uv"
    except (OSError, subprocess.TimeoutExpired):
        pass


_FOUND = {}


def interpreter(version, needed_by=None):
    """The path of a Python ``version`` ("3.6"); EnvError naming how to provide it if there is none."""
    if version in _FOUND:
        return _FOUND[version]
    variable = f"CONFORMANCE_PYTHON{version.replace('.', '')}"
    for path, where in _candidates(version):
        if os.path.exists(path) and _version_of(path) == version:
            _FOUND[version] = path
            return path
        if where == variable:
            raise EnvError(f"{variable}={path} is not a Python {version} interpreter")
    who = f"TensorFlow {needed_by.minor} needs Python {version} ({_python_reason(needed_by)})" if needed_by \
        else f"Python {version} is needed"
    raise EnvError(f"{who}, and none was found: install it (`pyenv install {version}`, or "
                   f"`uv python install {version}` where uv offers it) or name one with {variable}=/path/to/python")


def _python_reason(release):
    for span in releases.PYTHONS:
        if span.covers(release.minor):
            return span.reason
    return "?"


def python_for(release=releases.PINNED, flavour="keras3", build=True):
    """The interpreter for a configuration, building its environment if needed."""
    release = _as_release(release)
    why = release.not_available(flavour=flavour)
    if why:
        raise EnvError(why)
    if flavour == "keras3" and release.pinned and _own_version("tensorflow-cpu") == release.version \
            and not _own_version("tf-keras"):
        return sys.executable
    target = env_dir(release, flavour)
    python = target / "bin" / "python"
    done = target / ".complete"
    reqs = release.requirements(flavour)
    wanted = " ".join(reqs) + "\n"
    if done.exists() and done.read_text() == wanted:
        return str(python)
    if not build:
        raise EnvError(f"no environment for TensorFlow {release} ({flavour}) at {target}")
    base = interpreter(release.python, release)
    ENVS.mkdir(parents=True, exist_ok=True)
    with open(ENVS / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time (xdist workers share .envs)
        if not (done.exists() and done.read_text() == wanted):
            _build(target, base, reqs)
            done.write_text(wanted)
    return str(python)


def _uv():
    candidate = Path(sys.executable).with_name("uv")
    return str(candidate) if candidate.exists() else "uv"


def _build(target, base, reqs):
    start = time.monotonic()
    print(f"conformance: building {target.name} (Python {_version_of(base)}): {' '.join(reqs)}",
          file=sys.stderr, flush=True)
    uv = _uv()
    steps = ([uv, "venv", "--quiet", "--clear", "--python", base, str(target)],
             [uv, "pip", "install", "--quiet", "--python", str(target / "bin" / "python"), *reqs])
    for step in steps:
        try:
            result = subprocess.run(step, capture_output=True, text=True)
        except OSError as exc:
            raise EnvError(f"cannot run uv ({uv}): {exc.strerror}; install it with `pip install uv`") from None
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-8:])
            raise EnvError(f"could not build {target.name} ({' '.join(reqs)}):\n{tail}")
    print(f"conformance: built {target.name} in {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
