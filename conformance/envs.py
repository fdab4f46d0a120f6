"""Python interpreters with a given TensorFlow release and Keras flavour.

The pinned keras3 configuration runs in the project's own virtual environment.
Every other configuration gets an isolated environment under ``.envs/``, built
once with uv (cached; uv's package cache makes a rebuild cheap) and reused.
"""
import fcntl
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from .configs import FLAVOURS, PINNED_SLIM, PINNED_TF

ROOT = Path(__file__).resolve().parent.parent
ENVS = Path(os.environ.get("CONFORMANCE_ENVS", ROOT / ".envs"))


def _own_tf():
    for dist in ("tensorflow-cpu", "tensorflow"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return None


def _has(dist):
    try:
        metadata.version(dist)
        return True
    except metadata.PackageNotFoundError:
        return False


def requirements(tf_version, flavour):
    """The pip requirements of one configuration's environment."""
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown Keras flavour {flavour!r}; expected one of {FLAVOURS}")
    pin = f"=={tf_version}" if tf_version.count(".") == 2 else f"=={tf_version}.*"
    reqs = [f"tensorflow-cpu{pin}", f"tf-slim=={PINNED_SLIM}"]
    if flavour == "legacy":
        reqs.append(f"tf-keras{pin}")
    return reqs


def env_dir(tf_version, flavour):
    return ENVS / f"tf{tf_version}-{flavour}"


def python_for(tf_version=PINNED_TF, flavour="keras3", build=True):
    """The interpreter for a configuration, building its environment if needed."""
    if flavour == "keras3" and tf_version == PINNED_TF and _own_tf() == PINNED_TF and not _has("tf-keras"):
        return sys.executable
    target = env_dir(tf_version, flavour)
    python = target / "bin" / "python"
    done = target / ".complete"
    if done.exists():
        return str(python)
    if not build:
        raise FileNotFoundError(f"no environment for TensorFlow {tf_version} ({flavour}) at {target}")
    ENVS.mkdir(parents=True, exist_ok=True)
    with open(ENVS / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time (xdist workers share .envs)
        if not done.exists():
            _build(target, requirements(tf_version, flavour))
    return str(python)


def _uv():
    candidate = Path(sys.executable).with_name("uv")
    return str(candidate) if candidate.exists() else "uv"


def _build(target, reqs):
    print(f"conformance: building {target.name}: {' '.join(reqs)}", file=sys.stderr, flush=True)
    uv = _uv()
    subprocess.run([uv, "venv", "--quiet", "--allow-existing", "--python", sys.executable, str(target)], check=True)
    result = subprocess.run([uv, "pip", "install", "--quiet", "--python", str(target / "bin" / "python"), *reqs],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"could not build {target.name} ({' '.join(reqs)}):\n{result.stderr.strip()}")
    (target / ".complete").write_text(" ".join(reqs) + "\n")
