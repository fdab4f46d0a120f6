"""A pure-Python model of TF's v1 API / tf-slim naming and variable sharing, TF 1.0 ... 2.21.

Drop-in for the naming surface, so one program runs unchanged against either::

    from conformance.model import Graph, tf, slim       # the pinned release, TF 2.21
    with Graph(mode="v1").as_default():
        program(tf, slim)

    tf, slim, _ = namespaces("1.4")                     # any release: what releases.py knows of it
    with Graph(mode="v1", release="1.4").as_default():
        program(tf, slim)

Modes: ``"v1"`` (tf.compat.v1.disable_v2_behavior: ref variables) and ``"graph"`` (TF2
behaviour inside a ``tf.Graph``: resource variables).  Eager mode is outside the model, and
so are Sessions and values: the model computes names, shapes and dtypes (a Session may run
initializers, nothing that needs a value).  Anything else a program uses that the model does
not cover raises ``OutsideModel``, saying what.

The modules follow TF's own files; read them in this order:

* ops.py: graphs, ``Graph.unique_name``, name scopes, devices, collections (framework/ops.py);
* variable_scope.py: variable scopes, their counters, the variable store (ops/variable_scope.py);
* variables.py: ref and resource variables and the ops they make (ops/variables.py, ...);
* init_ops.py: initializers; constant_op.py, array_ops.py, math_ops.py, nn_ops.py,
  random_ops.py: the ops programs make, by name, dtype and static shape;
* template.py: tf.make_template and its Template (ops/template.py);
* layers.py and arg_scope.py: tf_slim's layers (with the legacy Keras layer's scope
  choreography) and arg_scope; training.py: optimizers' slots; session.py: the Session boundary;
* dtypes.py, tensor_shape.py, context.py (per-thread state, OutsideModel); api.py and
  modules.py assemble the ``tf``/``slim`` namespaces and the importable modules.

Fast paths: where TF's control flow is long and the common case simple, a shortcut gives the
same effect (``FAST_PATHS`` in variable_scope.py, layers.py and prelude.py, which runs the
generated programs' helpers natively); tests/test_model_fastpaths.py checks every shortcut
against the general path.

This package imports no TensorFlow.
"""
import builtins
import functools
import io
import re

from ..runner import Observation, normalise_error, normalise_output  # the one place the model names the harness
from .api import namespaces, slim, tf, tf2
from .context import OutsideModel, state
from .modules import BUILTINS, builtins_for
from .ops import Graph
from . import prelude, threads
from .releases import profile
from .variable_scope import AUTO_REUSE

__all__ = ["Graph", "tf", "slim", "tf2", "namespaces", "OutsideModel", "AUTO_REUSE", "run_program", "coverage", "MODES"]

MODES = ("v1", "graph")


def run_program(source, mode, name="program", release=None):
    """Run a program's source on the model as conformance/worker.py runs it on TF ``release``
    (default: the pinned one; see releases.py for what the model knows of each).

    Returns an ``Observation`` (printed lines, normalised ``"Type: message"`` error), or, for a
    mode the release does not have, the ``not-available`` Observation the harness gives.
    Raises ``OutsideModel`` if the program used anything the model does not cover, even if
    the program caught that exception itself.
    """
    if mode not in MODES:
        raise OutsideModel(f"mode {mode!r}: the model covers {MODES}")
    rel = profile(release)
    why = rel.not_available(mode)
    if why:
        return Observation.not_available(why)
    tf_ns, slim_ns, tf2_ns = namespaces(rel)
    code, plain_prints, native = _compile(source, name)
    if native and rel.absent:  # the native helpers read attributes this release lacks: run the prelude
        code, plain_prints, native = _compile(source, name, native=False)
    if plain_prints:
        # print itself, into a buffer: each call gives its arguments joined by sep, then "\n"; as
        # the worker, which joins each call's arguments and splits them into lines
        buffer = io.StringIO()
        out = None
        printer = functools.partial(builtins.print, file=buffer)
    else:  # the program passes end=: the worker ignores it, so the model must too
        buffer = None
        out = []
        append = out.append

        def printer(*args, sep=" ", end="\n", file=None, flush=False):
            if file is not None:
                return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
            append((" " if sep is None else sep).join([a if type(a) is str else str(a) for a in args]))

    namespace = {"tf": tf_ns, "tf2": tf2_ns, "slim": slim_ns, "np": _NUMPY, "workdir": "<workdir>",
                 "print": printer, "__name__": "__main__", "__builtins__": builtins_for(rel, tf_ns)}
    error = None
    graph = Graph(mode, rel)
    state.outside = None
    state.graphs = [graph]
    state.arg_stack[:] = []
    state.sessions = []
    state.slim_shim = 0
    state.created = [graph]
    try:
        if native:  # the generated programs' helpers, natively (see prelude.py)
            prelude.install(namespace, buffer.write)
            exec(code, namespace)
            prelude.epilogue(namespace, buffer.write)
        else:
            exec(code, namespace)
    except BaseException as exc:  # noqa: BLE001 - the program's exception is the observation
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        if not isinstance(exc, OutsideModel):  # the first OutsideModel is raised below
            error = f"{type(exc).__name__}: {exc}"
    finally:
        threads.finish()
        outside = state.outside
        state.outside = False
        state.graphs = []
        state.sessions = []
        _tear_down(namespace, state.created)
    if outside is not None:
        raise outside
    if buffer is not None:
        text = buffer.getvalue()
        lines = text[:-1].split("\n") if text else []
    else:
        lines = []
        for chunk in out:
            if "\n" in chunk:
                lines.extend(chunk.split("\n"))
            else:
                lines.append(chunk)
    if not rel.qualified_call_errors:  # the release's Python words call errors without qualified names
        lines = [_unqualify(line) if "() " in line else line for line in lines]
        if error:
            error = _unqualify(error)
    return Observation(normalise_output(lines), normalise_error(error) if error else None)  # as runner.py


_QUALIFIED = re.compile(r"\b(TypeError: )[\w.]+\.(\w+\(\) (?:got |missing |takes ))")


def _unqualify(text):
    """Python before 3.10 names a function in a call's TypeError without its qualified name."""
    return _QUALIFIED.sub(r"\1\2", text)


def _tear_down(namespace, graphs):
    """Break the reference cycles a program leaves (graph <-> ops <-> tensors, graph <-> variables,
    the namespace <-> the program's functions), so that its objects are freed at once: left to the
    cyclic garbage collector they cost more than running the program."""
    namespace.clear()
    for g in graphs:
        for op in g._ops.values():
            if type(op) is not str:
                op.outputs = []
        g._ops.clear()
        g._collections.clear()
    graphs.clear()


_CODE = {}


def _compile(source, name, native=True):
    """(code, whether print can be the builtin into a buffer, whether the code is the body of a
    generated program whose helpers run natively), kept: hypothesis re-runs a program many times
    while shrinking, the benchmark runs its corpus more than once and each catalogue claim runs in
    two modes."""
    key = (source, name, prelude.FAST_PATHS and native)
    found = _CODE.get(key)
    if found is None:
        if len(_CODE) > 4096:
            _CODE.clear()
        plain_prints = "end=" not in source
        body = prelude.split(source, name) if plain_prints and prelude.FAST_PATHS and native else None
        if body is not None:
            found = (body, True, True)
        else:
            found = (compile(source, f"<{name}>", "exec"), plain_prints, False)
        _CODE[key] = found
    return found


_BUILTINS = BUILTINS

try:
    import numpy as _NUMPY
except ImportError:  # pragma: no cover
    _NUMPY = tf2


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
