"""The generated programs' helpers, run natively (a fast path).

Every program of ``conformance.programs`` starts with the same PRELUDE (helpers ``note``,
``step``, ``where``, the list ``V``, placeholders ``x2`` and ``x4``) and ends with the same
EPILOGUE (the collections and the op names).  Run as Python, those helpers cost more than the
statements they observe.  When a program is PRELUDE + body + EPILOGUE and its body cannot
change what the helpers do (``_keeps_helpers``), the model runs only the body, with the
helpers below in the namespace: they print the same lines, reading the model's objects
directly.  Anything they do not know (a type other than a model tensor, variable or variable
scope; a label that is not a str) goes to the prelude's own code, made on first use.
tests/test_model_fastpaths.py checks both ways give the same observations.
"""
import dis

from ..programs import EPILOGUE, PRELUDE
from .array_ops import placeholder
from .dtypes import DTYPES
from .ops import SymbolicTensor, get_default_graph
from .tensor_shape import make_shape
from .variable_scope import VariableScope, get_variable_scope
from .variables import RefVariable, ResourceVariable

FAST_PATHS = True  # tests/test_model_fastpaths.py turns this off to compare

# names whose rebinding would change what the prelude's helpers do
_READ_BY_HELPERS = {"V", "note", "step", "where", "tf", "print", "isinstance", "repr", "type", "hasattr",
                    "enumerate", "str", "Exception", "x2", "x4"}
_ESCAPES = {"exec", "eval", "globals", "vars", "locals", "__builtins__", "__import__", "setattr", "delattr"}
_PRELUDE_DEFS = compile(PRELUDE.split("x2 = ")[0].replace("V = []\n", "", 1), "<prelude>", "exec")


def split(source, name):
    """The code of the body of a generated program whose helpers may run natively, else None."""
    if not (source.startswith(PRELUDE) and source.endswith(EPILOGUE)):
        return None
    try:
        code = compile(source[len(PRELUDE):len(source) - len(EPILOGUE)], f"<{name}>", "exec")
    except SyntaxError:
        return None
    return code if _keeps_helpers(code) else None


_REBINDS = {dis.opmap[op] for op in ("STORE_NAME", "STORE_GLOBAL", "DELETE_NAME", "DELETE_GLOBAL")}
_SETS_ATTRIBUTES = {dis.opmap["STORE_ATTR"], dis.opmap["DELETE_ATTR"]}
_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]


def _keeps_helpers(code):
    """Does the code (the body, and the functions and lambdas in it) leave the helpers and every
    global name they read alone?  It may read them and call them; it may not rebind or delete
    them, assign to any attribute (``tf.get_variable_scope = ...``) or reach the namespace some
    other way (exec, globals(), ...).  Read from the bytecode: cheaper than walking the syntax."""
    if not _ESCAPES.isdisjoint(code.co_names):
        return False
    raw = code.co_code
    arg = 0
    for i in range(0, len(raw), 2):
        op = raw[i]
        if op == _EXTENDED_ARG:
            arg = (arg | raw[i + 1]) << 8
            continue
        if op in _REBINDS and code.co_names[arg | raw[i + 1]] in _READ_BY_HELPERS or op in _SETS_ATTRIBUTES:
            return False
        arg = 0
    return all(_keeps_helpers(const) for const in code.co_consts if type(const) is type(code))


_FLOAT32 = DTYPES["float32"]


def install(namespace, write):
    """Put the helpers, V, x2 and x4 into ``namespace``, printing with ``write`` (the buffer of
    the program's print), as running the PRELUDE would."""
    V = []  # noqa: N806 - the prelude's name
    general = None

    def fallback(label, r):
        nonlocal general
        if general is None:  # the prelude's own helpers, printing to the same buffer
            general = {"tf": namespace["tf"], "print": namespace["print"], "V": V,
                       "__builtins__": namespace["__builtins__"]}
            exec(_PRELUDE_DEFS, general)
        general["note"](label, r)

    def note(label, r):
        t = type(r)
        if type(label) is not str:
            return fallback(label, r)
        if t is str:
            write(f"{label} ns {r!r}\n")
        elif r is None:
            write(f"{label} None\n")
        elif t is SymbolicTensor or t is RefVariable or t is ResourceVariable:
            dims = r.shape._dims
            dtype = r.dtype
            same = [i for i, u in enumerate(V) if u is r]
            write(f"{label} {t.__name__} {r.name} {r.op.name} {None if dims is None else list(dims)} "
                  f"{dtype.name} {dtype.base_dtype.name} {same}\n")
            if not same and t is not SymbolicTensor:
                V.append(r)
        elif t is VariableScope:
            write(f"{label} scope {r._name!r} {r._name_scope!r} {r._reuse}\n")
        else:
            fallback(label, r)

    def step(label, f):
        try:
            r = f()
        except Exception as e:  # noqa: BLE001 - as the prelude
            # as the prelude: cut where TF appends a stack (reuse errors, errors inside a template)
            message = str(e).split(" Originally defined at:")[0].split("\n\noriginally defined at:")[0]
            write(f"{label} raises {type(e).__name__}: {message}\n" if type(label) is str else
                  " ".join([str(label), "raises", type(e).__name__ + ":", message]) + "\n")
            return None
        note(label, r)
        return r

    def where(label):
        s = get_variable_scope()
        write(f"{label} at {s._name!r} {get_default_graph()._name_stack!r} {s._reuse}\n"
              if type(label) is str else
              " ".join([str(label), "at", repr(s._name), repr(get_default_graph()._name_stack), str(s._reuse)]) + "\n")

    note.__qualname__, step.__qualname__, where.__qualname__ = "note", "step", "where"  # as the prelude's
    namespace["V"] = V
    namespace["note"] = note
    namespace["step"] = step
    namespace["where"] = where
    v1 = get_default_graph().v1
    namespace["x2"] = placeholder(_FLOAT32, make_shape((None, 3), v1), "in2")
    namespace["x4"] = placeholder(_FLOAT32, make_shape((None, 6, 6, 2), v1), "in4")


def epilogue(namespace, write):
    """The EPILOGUE: the four collections' names and every op name (``tf.get_collection(key)``
    read from the graph's collections, without copying them)."""
    g = get_default_graph()
    collections = g._collections
    for key in ("variables", "trainable_variables", "local_variables", "model_variables"):
        write(f"{key} {[v.name for v in collections.get(key, ())]}\n")
    namespace["key"] = key
    write(f"ops {g._op_names()}\n")
