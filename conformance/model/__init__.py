"""A pure-Python model of tf.compat.v1 / tf_slim naming and variable sharing (TF 2.21, slim 1.1.0).

Drop-in for the naming surface, so one program runs unchanged against either::

    from conformance.model import Graph, tf, slim
    with Graph(mode="v1").as_default():
        program(tf, slim)

Modes: ``"v1"`` (tf.compat.v1.disable_v2_behavior: ref variables) and ``"graph"``
(TF2 behaviour inside a ``tf.Graph``: resource variables).  Eager mode is outside
the model.  Anything else a program uses raises ``OutsideModel``.  See core.py for
the subtle rules the model reproduces, and layers.py for the slim layers.

This package imports no TensorFlow.
"""
import builtins
import functools

from ..runner import Observation, normalise_error
from . import core
from .api import slim, tf, tf2
from .core import AUTO_REUSE, Graph, OutsideModel

__all__ = ["Graph", "tf", "slim", "OutsideModel", "AUTO_REUSE", "run_program", "coverage", "MODES"]

MODES = ("v1", "graph")


def run_program(source, mode, name="program"):
    """Run a program's source on the model as conformance/worker.py runs it on TF.

    Returns an ``Observation`` (printed lines, normalised ``"Type: message"`` error).
    Raises ``OutsideModel`` if the program used anything the model does not cover,
    even if the program caught that exception itself.
    """
    if mode not in MODES:
        raise OutsideModel(f"mode {mode!r}: the model covers {MODES}")
    out = []

    def captured_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None:
            return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
        out.append((" " if sep is None else sep).join(map(str, args)))

    namespace = {"tf": tf, "tf2": tf2, "slim": slim, "np": _numpy(), "workdir": "<workdir>",
                 "print": captured_print, "__name__": "__main__", "__builtins__": _BUILTINS}
    error = None
    core._state.outside = None
    try:
        code = _compile(source, name)
        with Graph(mode).as_default():
            exec(code, namespace)
    except OutsideModel:
        raise
    except BaseException as exc:  # noqa: BLE001 - the program's exception is the observation
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        error = f"{type(exc).__name__}: {exc}"
    finally:
        outside = core._state.outside
        core._state.outside = False
        del core._graph_stack()[:]
    if outside is not None:
        raise outside
    lines = [line for chunk in out for line in chunk.split("\n")]
    return Observation(tuple(lines), normalise_error(error) if error else None)


@functools.lru_cache(maxsize=4096)
def _compile(source, name):
    """Compiled programs are cached: hypothesis re-runs a program many times while shrinking,
    and each catalogue claim runs in two modes."""
    return compile(source, f"<{name}>", "exec")


_FOREIGN = ("tensorflow", "tf_slim", "keras", "tf_keras", "conformance")


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name.split(".")[0] in _FOREIGN:
        raise OutsideModel(f"import {name}")
    return builtins.__import__(name, globals, locals, fromlist, level)


_BUILTINS = dict(builtins.__dict__, __import__=_guarded_import)


def _numpy():
    try:
        import numpy
    except ImportError:  # pragma: no cover
        return tf2
    return numpy


def coverage(claims, mode):
    """(covered claim ids, {outside claim id: OutsideModel message}) for testable claims in ``mode``."""
    covered, outside = [], {}
    for claim in claims:
        if not getattr(claim, "testable", True) or not claim.program:
            continue
        if getattr(claim, "fixture", None) is not None:
            outside[claim.id] = f"reads files TensorFlow {claim.fixture.tf} wrote (a fixture)"
            continue
        try:
            run_program(claim.program, mode, claim.id)
        except OutsideModel as exc:
            outside[claim.id] = str(exc)
        else:
            covered.append(claim.id)
    return covered, outside
