"""A TensorFlow worker process: runs programs against real TensorFlow, one at a time.

Started by ``conformance.runner`` as ``python worker.py SETUP_JSON`` with the interpreter of a
release's environment (Python 3.6 at the oldest, so this file uses nothing newer and imports
nothing from the project).  SETUP_JSON says how to set the mode up (``conformance.releases``)::

    {"mode": "v1", "switch": "disable_v2_behavior", "api": "tf.compat.v1", "slim": "tf_slim"}

Protocol: one JSON request per line on stdin, ``{"source": ..., "name": ...}``; one JSON reply
per line on the protocol pipe (the process's original stdout)::

    {"out": [lines], "error": "Type: message" | null, "traceback": str | null,
     "state_changed": [what the program changed in the process] (only when it did)}

A program's output is what it writes to ``sys.stdout`` (print included); anything written to
file descriptor 1 by C code, and everything TensorFlow logs, goes to stderr, so it cannot
corrupt replies.  After each program the worker compares the process-wide state it started
with (v2 behaviour, eager execution, resource variables, the default graph stack, rebound
module attributes, environment, threads, ...); a program that changed it is reported, and the
runner replaces the worker before the next program.
"""
import importlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import traceback
import types
import warnings

MODES = ("v1", "graph", "eager")
_MASK = "<workdir>"


def _setup(setup):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    warnings.filterwarnings("ignore")  # old releases warn at import about numpy and deprecations
    import numpy
    import tensorflow

    switch = setup["switch"]
    # As users write it: `import tensorflow.compat.v1 as tf` (its error messages name the module so).
    v1 = importlib.import_module("tensorflow.compat.v1") if setup["api"] == "tf.compat.v1" else tensorflow
    if switch == "disable_v2_behavior":
        v1.disable_v2_behavior()
    elif switch == "enable_v2_behavior":
        v1.enable_v2_behavior()
    elif switch == "enable_eager_execution":
        v1.enable_eager_execution()
    elif switch == "contrib_eager":
        tensorflow.contrib.eager.enable_eager_execution()
    elif switch != "default":
        raise SystemExit("worker: unknown mode switch %r" % switch)
    v1.logging.set_verbosity(v1.logging.ERROR)
    try:
        if setup["slim"] == "tf_slim":
            import tf_slim as slim
        else:
            # Before TF 1.14 slim is tf.contrib.slim; programs that import tf_slim (or tf_slim.nets)
            # get it under that name too, so that they run unchanged.
            slim = tensorflow.contrib.slim
            sys.modules.setdefault("tf_slim", slim)
    except Exception as exc:  # recorded, and raised again by a program that uses slim
        slim = _Unimportable(setup["slim"], exc)
    return {"tf": v1, "tf2": tensorflow, "slim": slim, "np": numpy}


class _Unimportable(object):
    def __init__(self, name, exc):
        self._name, self._exc = name, exc

    def __getattr__(self, attr):
        raise ImportError("%s could not be imported: %s: %s" % (self._name, type(self._exc).__name__, self._exc))


# --- process-wide state -------------------------------------------------------------------

ABSENT = "<absent>"  # a probe's state does not exist (yet): its module is not imported, or not in this release


def _call(path):
    """A probe reading ``module.attr()`` (or ``module.attr`` if not callable)."""
    module_name, _, attr = path.rpartition(".")

    def probe():
        module = sys.modules.get(module_name)
        if module is None or not hasattr(module, attr):
            return ABSENT
        value = getattr(module, attr)
        return value() if callable(value) and not isinstance(value, type) else value
    return probe


def _first(*probes):
    def probe():
        for p in probes:
            value = p()
            if value is not ABSENT:
                return value
        return ABSENT
    return probe


def _stack_depth(name):
    def probe():
        ops = sys.modules.get("tensorflow.python.framework.ops")
        stack = getattr(getattr(ops, name, None), "stack", None)
        return ABSENT if stack is None else len(stack)
    return probe


def _eager_name_scope():
    """The name scope eager execution keeps in its context (a program leaving a scope open leaks it)."""
    ctx = sys.modules.get("tensorflow.python.eager.context")
    if ctx is None or not hasattr(ctx, "context"):
        return ABSENT
    return getattr(ctx.context(), "scope_name", ABSENT)


def _numpy_print():
    np = sys.modules.get("numpy")
    return ABSENT if np is None else dict((k, repr(v)) for k, v in np.get_printoptions().items())


def _keras_floatx():
    for name in ("tf_keras.backend", "keras.backend", "tensorflow.python.keras.backend"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "floatx"):
            return module.floatx()
    return ABSENT


# name -> probe.  A state that does not exist at start-up and appears later (a module first
# imported by a program) is adopted as it is then.  Dicts are compared key by key.
PROBES = {
    "eager execution": _first(_call("tensorflow.python.eager.context.executing_eagerly"),
                              _call("tensorflow.python.eager.context.in_eager_mode")),
    "v2 behaviour": _call("tensorflow.python.tf2.enabled"),
    "resource variables by default": _call("tensorflow.python.ops.variable_scope._DEFAULT_USE_RESOURCE"),
    "control flow v2": _call("tensorflow.python.ops.control_flow_util.ENABLE_CONTROL_FLOW_V2"),
    "v2 tensor shapes": _call("tensorflow.python.framework.tensor_shape._TENSORSHAPE_V2_OVERRIDE"),
    "functions run eagerly": _call("tensorflow.python.eager.def_function.functions_run_eagerly"),
    "global random seed": _call("tensorflow.python.eager.context.global_seed"),
    "eager name scope": _eager_name_scope,
    "default graph stack depth": _stack_depth("_default_graph_stack"),
    "default session stack depth": _stack_depth("_default_session_stack"),
    "environment variable": lambda: dict(os.environ),
    "working directory": os.getcwd,
    "sys.path": lambda: list(sys.path),
    "threads": threading.active_count,
    "numpy print option": _numpy_print,
    "Keras floatx": _keras_floatx,
    "warning filters": lambda: len(warnings.filters),
    "tensorflow module": lambda: id(sys.modules.get("tensorflow")),
}


class State(object):
    """The process-wide state a program must leave as it found it."""

    def __init__(self, modules):
        # Modules whose functions and classes a program could rebind (monkeypatching).
        watched = list(modules) + [sys.modules.get(name) for name in (
            "tensorflow.python.ops.variable_scope", "tensorflow.python.framework.ops", "builtins",
            "tf_slim.layers.layers")]
        self.modules = []
        for m in watched:
            if isinstance(m, types.ModuleType) and all(m is not seen for seen in self.modules):
                self.modules.append(m)
        self.values = self._read()
        self.bindings = [self._ids(m) for m in self.modules]
        self.graph = self._default_graph()

    @staticmethod
    def _ids(module):
        return tuple(map(id, vars(module).values())), tuple(vars(module))

    @staticmethod
    def _default_graph():
        ops = sys.modules.get("tensorflow.python.framework.ops")
        return id(ops.get_default_graph()) if ops is not None else None

    @staticmethod
    def _read():
        values = {}
        for name, probe in PROBES.items():
            try:
                values[name] = probe()
            except Exception:  # a probe is best effort; an unreadable state is not a change
                values[name] = ABSENT
        return values

    def changes(self, check_graph):
        """What differs from the state at start-up, as short phrases."""
        found = []
        now = self._read()
        for name, before in self.values.items():
            after = now[name]
            if before is ABSENT:
                self.values[name] = after  # first seen now (a module a program imported)
            elif isinstance(before, dict) and isinstance(after, dict):
                for key in sorted(set(before) | set(after)):
                    if before.get(key) != after.get(key):
                        found.append("%s %s (was %s, now %s)" % (name, key, _short(before.get(key)),
                                                                 _short(after.get(key))))
            elif after != before:
                found.append("%s (was %s, now %s)" % (name, _short(before), _short(after)))
        for i, module in enumerate(self.modules):
            ids = self._ids(module)
            if ids != self.bindings[i]:
                rebound = self._rebound(module, i)
                if rebound:
                    found.append("%s.%s rebound" % (module.__name__, ", ".join(rebound[:5])))
                self.bindings[i] = ids if not rebound else self.bindings[i]
        if check_graph and self._default_graph() != self.graph:
            found.append("the global default graph was replaced")
        return found

    def _rebound(self, module, i):
        """Functions and classes replaced, added or deleted; lazily loaded submodules are not a change."""
        old = dict(zip(self.bindings[i][1], self.bindings[i][0]))
        names = []
        for name, value in vars(module).items():
            if isinstance(value, types.ModuleType) or type(value).__name__ == "LazyLoader":
                continue
            if name not in old or old[name] != id(value):
                if callable(value) or name in old:
                    names.append(name)
        for name in old:
            if name not in vars(module):
                names.append(name)
        return sorted(n for n in names if not n.startswith("__"))


def _short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


# --- running one program ------------------------------------------------------------------

class _Capture(io.TextIOBase):
    """sys.stdout while a program runs: everything it writes (print included) is its output."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        self.parts.append(text)
        return len(text)

    def writable(self):
        return True

    def lines(self):
        text = "".join(self.parts)
        if text.endswith("\n"):
            text = text[:-1]
        return text.split("\n") if text else []


def run_program(source, name, mode, modules):
    """Run one program; return its observation as a dict."""
    tf = modules["tf"]
    capture = _Capture()
    # A fresh scratch directory costs milliseconds, more than many programs take, so it is made
    # only for programs whose source names ``workdir``; the others get the masked placeholder.
    workdir = tempfile.mkdtemp(prefix="conformance-") if "workdir" in source else None
    namespace = dict(modules, workdir=workdir or _MASK, __name__="__main__")
    error = tb = None
    real_stdout = sys.stdout
    try:
        code = _compile(source, "<%s>" % name)
        sys.stdout = capture
        if mode == "eager":
            # Eager programs have no graph of their own; the variable-scope store and name
            # counters live in the global default graph: start it afresh.
            tf.reset_default_graph()
            exec(code, namespace)
        else:
            with tf.Graph().as_default():
                exec(code, namespace)
    except BaseException as exc:  # noqa: BLE001 - the program's exception is the observation
        if isinstance(exc, KeyboardInterrupt):
            raise
        error = "%s: %s" % (type(exc).__name__, exc)
        tb = traceback.format_exc()
    finally:
        sys.stdout = real_stdout
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        if mode == "eager":
            try:
                tf.reset_default_graph()
            except Exception:  # a program left a graph entered: the state check reports it
                pass
    lines = capture.lines()
    if workdir is not None:
        lines = [line.replace(workdir, _MASK) for line in lines]
        if error is not None:
            error = error.replace(workdir, _MASK)
    return {"out": lines, "error": error, "traceback": tb}


_CODE = {}


def _compile(source, filename):
    """Compiled code is cached by source: a code object is immutable, so running a cached one is
    running a fresh compile of the same text (repeated programs skip only the compiler)."""
    key = (source, filename)
    if key not in _CODE:
        if len(_CODE) > 1024:
            _CODE.clear()
        _CODE[key] = compile(source, filename, "exec")
    return _CODE[key]


def versions():
    """{distribution: version} of the packages that matter, read from the dist-info folders
    (importlib.metadata does not exist before Python 3.8)."""
    wanted = {"tensorflow", "tensorflow-cpu", "tf-slim", "tf-keras", "keras", "numpy", "protobuf"}
    found = {}
    for entry in sys.path:
        if not os.path.isdir(entry):
            continue
        for item in os.listdir(entry):
            m = re.match(r"^([A-Za-z0-9_.]+)-([^-]+)\.dist-info$", item)
            if m:
                dist = m.group(1).lower().replace("_", "-").replace(".", "-")
                if dist in wanted and dist not in found:
                    found[dist] = m.group(2)
    found["python"] = sys.version.split()[0]
    return found


def main():
    # Programs may import the project's own helpers (e.g. conformance.slim_shim).
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    setup = json.loads(sys.argv[1])
    mode = setup["mode"]
    if mode not in MODES:
        sys.exit("worker: unknown mode %r; expected one of %s" % (mode, MODES))
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever C code or a program writes to fd 1 goes to stderr
    sys.stdout = sys.stderr
    modules = _setup(setup)
    state = State([modules["tf"], modules["tf2"], modules["slim"]])
    protocol.write(json.dumps({"ready": True, "versions": versions(),
                               "legacy_keras": os.environ.get("TF_USE_LEGACY_KERAS", "")}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        reply = run_program(request["source"], request.get("name", "program"), mode, modules)
        sys.stdout = sys.stderr
        changed = state.changes(check_graph=mode != "eager")
        if changed:
            reply["state_changed"] = changed
        protocol.write(json.dumps(reply) + "\n")
        if changed:
            return  # the runner starts a fresh worker for the next program


if __name__ == "__main__":
    main()
