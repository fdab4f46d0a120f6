"""The generated programs' helpers, run natively (a fast path).

Every program of ``conformance.programs`` starts with the same PRELUDE (helpers ``note``,
``step``, ``where``, the list ``V``, placeholders ``x2`` and ``x4``) and ends with the same
EPILOGUE (the collections and the op names).  Run as Python, those helpers cost more than the
statements they observe.  When a program is PRELUDE + body + EPILOGUE and its body cannot
change what the helpers do (``_body_keeps_helpers``), the model runs only the body, with the
helpers below in the namespace: they print the same lines, reading the model's objects
directly.  Anything they do not know (a type other than a model tensor, variable or variable
scope; a label that is not a str) goes to the prelude's own code, made on first use.
tests/test_model_fastpaths.py checks both ways give the same observations.
"""
import ast

from ..programs import EPILOGUE, PRELUDE
from .ops import SymbolicTensor, get_default_graph
from .variable_scope import VariableScope, get_variable_scope
from .variables import RefVariable, ResourceVariable

FAST_PATHS = True  # tests/test_model_fastpaths.py turns this off to compare

_HELPERS = {"V", "note", "step", "where"}
# names whose rebinding would change what the prelude's helpers do
_READ_BY_HELPERS = _HELPERS | {"tf", "print", "isinstance", "repr", "type", "hasattr", "enumerate", "str",
                               "Exception", "x2", "x4"}
_ESCAPES = {"exec", "eval", "globals", "vars", "locals", "__builtins__", "__import__", "setattr", "delattr"}
_PRELUDE_DEFS = compile(PRELUDE.split("x2 = ")[0].replace("V = []\n", "", 1), "<prelude>", "exec")


def split(source):
    """The body of a generated program whose helpers may run natively, else None."""
    if not (source.startswith(PRELUDE) and source.endswith(EPILOGUE)):
        return None
    body = source[len(PRELUDE):len(source) - len(EPILOGUE)]
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return None
    return body if _body_keeps_helpers(tree) else None


def _body_keeps_helpers(tree):
    """Does the body leave the helpers and every name they read alone?  It may call the helpers
    and read x2 and x4; it may not rebind or delete them, use them otherwise, assign to an
    attribute of ``tf`` or reach the namespace some other way."""
    calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in _ESCAPES:
                return False
            if node.id in _READ_BY_HELPERS and not isinstance(node.ctx, ast.Load):
                return False
            if node.id in _HELPERS and id(node) not in calls:
                return False
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            return False
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name in _READ_BY_HELPERS:
                return False
        elif isinstance(node, ast.alias):
            if (node.asname or node.name).split(".")[0] in _READ_BY_HELPERS:
                return False
        elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            return False
        elif isinstance(node, ast.ExceptHandler) and node.name in _READ_BY_HELPERS:
            return False
    return True


_VARIABLES = (RefVariable, ResourceVariable)


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
        elif t is SymbolicTensor:  # never in V: V holds what is not a tensor
            dims = r.shape._dims
            dtype = r.dtype
            write(f"{label} SymbolicTensor {r.name} {r.op.name} {None if dims is None else list(dims)} "
                  f"{dtype.name} {dtype.base_dtype.name} []\n")
        elif t is RefVariable or t is ResourceVariable:
            dims = r.shape._dims
            dtype = r.dtype
            same = [i for i, u in enumerate(V) if u is r]
            write(f"{label} {t.__name__} {r.name} {r.op.name} {None if dims is None else list(dims)} "
                  f"{dtype.name} {dtype.base_dtype.name} {same}\n")
            if not same:
                V.append(r)
        elif t is VariableScope:
            write(f"{label} scope {r._name!r} {r._name_scope!r} {r._reuse}\n")
        else:
            fallback(label, r)

    def step(label, f):
        try:
            r = f()
        except Exception as e:  # noqa: BLE001 - as the prelude
            write(f"{label} raises {type(e).__name__}: {str(e).split(' Originally defined at:')[0]}\n"
                  if type(label) is str else
                  " ".join([str(label), "raises", type(e).__name__ + ":", str(e).split(" Originally defined at:")[0]])
                  + "\n")
            return None
        note(label, r)
        return r

    def where(label):
        s = get_variable_scope()
        write(f"{label} at {s._name!r} {get_default_graph()._name_stack!r} {s._reuse}\n"
              if type(label) is str else
              " ".join([str(label), "at", repr(s._name), repr(get_default_graph()._name_stack), str(s._reuse)]) + "\n")

    tf = namespace["tf"]
    namespace["V"] = V
    namespace["note"] = note
    namespace["step"] = step
    namespace["where"] = where
    namespace["x2"] = tf.placeholder(tf.float32, [None, 3], name='in2')
    namespace["x4"] = tf.placeholder(tf.float32, [None, 6, 6, 2], name='in4')


def epilogue(namespace, write):
    """The EPILOGUE: the four collections' names and every op name."""
    tf = namespace["tf"]
    for key in ("variables", "trainable_variables", "local_variables", "model_variables"):
        write(f"{key} {[v.name for v in tf.get_collection(key)]}\n")
    namespace["key"] = key
    write(f"ops {get_default_graph()._op_names()}\n")
