"""A TensorFlow worker process: runs case programs against real TensorFlow.

Started by ``conformance.runner`` as ``python worker.py MODE`` with any
interpreter that has tensorflow and tf_slim (the project's own venv, or one
built for another release by ``conformance.envs``).  It imports nothing from
the project, so it also runs in those environments.

Protocol: one JSON request per line on stdin, ``{"source": ..., "name": ...}``;
one JSON reply per line on the protocol pipe (the process's original stdout),
``{"out": [lines], "error": "Type: message" | null, "traceback": str | null}``.
Everything TensorFlow prints is sent to stderr, so it cannot corrupt replies.
"""
import builtins
import functools
import json
import os
import shutil
import sys
import tempfile
import traceback

MODES = ("v1", "graph", "eager")


def _setup(mode):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import numpy
    import tensorflow
    import tensorflow.compat.v1 as tf

    tf.logging.set_verbosity(tf.logging.ERROR)
    if mode == "v1":
        tf.disable_v2_behavior()
    try:
        import tf_slim as slim
    except Exception as exc:  # recorded, and raised again by a program that uses slim
        slim = _Unimportable("tf_slim", exc)
    return {"tf": tf, "tf2": tensorflow, "slim": slim, "np": numpy}


class _Unimportable:
    def __init__(self, name, exc):
        self._name, self._exc = name, exc

    def __getattr__(self, attr):
        raise ImportError(f"{self._name} could not be imported: {type(self._exc).__name__}: {self._exc}")


def run_program(source, name, mode, modules):
    """Run one program; return its observation as a dict."""
    tf = modules["tf"]
    out = []

    def captured_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None and file is not sys.stdout:
            return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
        out.append(sep.join(str(a) for a in args))

    # A fresh scratch directory costs milliseconds (mkdir + rmtree), more than many programs
    # take, so it is made only for programs whose source names ``workdir``; the others get the
    # masked placeholder itself, which is what they would print for it anyway.
    workdir = tempfile.mkdtemp(prefix="conformance-") if "workdir" in source else None
    namespace = dict(modules, print=captured_print, workdir=workdir or _MASK, __name__="__main__")
    error = tb = None
    try:
        code = _compile(source, f"<{name}>")
        if mode == "eager":
            # Eager programs have no graph of their own; the variable-scope store
            # and name counters live in the global default graph: start it afresh.
            tf.reset_default_graph()
            exec(code, namespace)
        else:
            with tf.Graph().as_default():
                exec(code, namespace)
    except BaseException as exc:  # noqa: BLE001 - the program's exception is the observation
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        error = f"{type(exc).__name__}: {exc}"
        tb = traceback.format_exc()
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        if mode == "eager":
            tf.reset_default_graph()
    lines = [line for chunk in out for line in chunk.split("\n")]
    if workdir is not None:
        lines = [line.replace(workdir, _MASK) for line in lines]
        if error is not None:
            error = error.replace(workdir, _MASK)
    return {"out": lines, "error": error, "traceback": tb}


_MASK = "<workdir>"


@functools.lru_cache(maxsize=1024)
def _compile(source, filename):
    """Compiled code is cached by source: a code object is immutable, so running a cached one is
    running a fresh compile of the same text (repeated programs skip only the compiler)."""
    return compile(source, filename, "exec")


def versions():
    from importlib import metadata

    found = {}
    for dist in ("tensorflow", "tensorflow-cpu", "tf-slim", "tf-keras", "keras", "numpy"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    found["python"] = sys.version.split()[0]
    return found


def main():
    # Programs may import the project's own helpers (e.g. conformance.slim_shim).
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    mode = sys.argv[1]
    if mode not in MODES:
        sys.exit(f"worker: unknown mode {mode!r}; expected one of {MODES}")
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever TF or a program prints to fd 1 goes to stderr
    sys.stdout = sys.stderr
    modules = _setup(mode)
    protocol.write(json.dumps({"ready": True, "versions": versions(),
                               "legacy_keras": os.environ.get("TF_USE_LEGACY_KERAS", "")}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        reply = run_program(request["source"], request.get("name", "program"), mode, modules)
        protocol.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main()
