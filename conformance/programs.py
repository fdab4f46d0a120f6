"""Random tf.compat.v1 naming programs, for differential fuzzing of the model against TF.

A program is a sequence of ``max_steps`` *slots*, rendered as Python SOURCE that prints every
observable after every step: names, op names, shapes, dtypes, scope names/original name
scopes/reuse flags, the ``with name_scope(...) as ns`` string, which earlier variable a shared
variable ``is``, and at the end the collections and every op name.  Each step that can fail
is wrapped so that its error is printed and later steps still run.

Each slot is one statement: open a block (variable scope by string, object or default name;
name scope by string, captured string, None, '' or absolute; either kept as a context object,
which a later block may enter again, even inside itself; slim arg_scope), close the
innermost block, create something (get_variable, get_local_variable, tf.Variable, an op, a
slim layer), make a template of a small function and call it (a later slot may call it again,
anywhere: its second call reuses) or look at something (reuse_variables, a collection).  Blocks
still open at the end are closed there.

The encoding is *flat*: every slot draws the same fixed set of choices whatever its kind (a
kind ignores the ones it does not use), so every program draws the same number of choices.
Hypothesis caps the size of early examples at a few times the size of the simplest one, and
a nested encoding (a length, then that many statements, each with its own draws) overran
that cap for a fifth of the examples, which it then counted as invalid.  Every choice
shrinks towards its first option, and the first kind is "nothing", so shrinking leaves short
programs.

Each slot is two draws, its kind and one number coding all its parameters (a hypothesis draw
costs about as much as running a short program on the model).  Draws go through a
``Chooser``: ``HypothesisChooser`` (labelled ``data.draw`` calls, so hypothesis shrinks programs) or ``RandomChooser`` (a seeded ``random.Random``, for the
benchmark and for reproducible corpora).  No TensorFlow here.
"""
import math
import random

NAMES = ["a", "A", "b", "a_1", "a_2", "w", "W", "fc", "fully_connected", "Conv", "LayerNorm", "BatchNorm",
         "Variable", "Const", "in2", "s/t"]
BAD_NAMES = ["-a", "_a", "a b", ""]
SHAPES = [None, [], [1], [2, 3], [None, 2], [3], [4, 2]]
DTYPES = [None, "tf.float32", "tf.int32", "tf.float64", "tf.complex64", "tf.bool", "tf.float16"]
INITIALIZERS = [None, "tf.zeros_initializer()", "tf.ones_initializer()", "tf.constant_initializer(1.5)",
                "tf.zeros_initializer", "tf.glorot_uniform_initializer()", "1.0", "2", "[1.0, 2.0]",
                "tf.constant([1.0, 2.0])", "tf.constant(3)", "tf.random_normal_initializer()",
                "tf.truncated_normal_initializer(stddev=0.1)", "tf.random_uniform_initializer(-1, 1)",
                "tf.random_uniform_initializer()", "tf.variance_scaling_initializer()", "slim.xavier_initializer()",
                "tf.glorot_normal_initializer()", "tf.constant_initializer([1.0, 2.0])", "tf.ones_initializer"]
REUSE = ["omit", "True", "False", "None", "tf.AUTO_REUSE"]
VALUES = ["1.0", "3", "[1, 2]", "tf.zeros([2, 2])", "tf.constant(0.5)", "tf.random_normal([2])",
          "lambda: tf.ones([3])", "tf.zeros_initializer()([2])"]
OPS = ["tf.constant(1.0{name})", "tf.placeholder(tf.float32, [None, 3]{name})", "tf.zeros([2]{name})",
       "tf.identity(x2{name})", "tf.add(x2, 1.0{name})", "x2 + 1.0", "tf.nn.relu(x2{name})",
       "tf.random_uniform([2]{name})", "tf.ones([3, 2]{name})", "tf.reshape(x2, [-1]{name})"]
LAYERS = ["fully_connected", "conv2d", "layer_norm", "batch_norm", "max_pool2d", "dropout"]
LAYER_WEIGHTS = [5, 4, 2, 1, 1, 1]
ARG_SCOPES = ["activation_fn=None", "weights_initializer=tf.zeros_initializer()", "reuse=tf.AUTO_REUSE",
              "scope='fc'", "biases_initializer=None", "trainable=False"]
CUSTOM_GETTER = "lambda getter, name, *args, **kwargs: getter(name + '_c', *args, **kwargs)"

# The statement kinds, with their weights for RandomChooser; the first must be "nothing".
KINDS = ["nothing", "variable_scope", "name_scope", "close", "get_variable", "local", "Variable", "op", "slim",
         "reuse_variables", "collections", "arg_scope", "template"]
WEIGHTS = [1, 6, 4, 5, 7, 1, 3, 3, 4, 1, 1, 1, 2]
# What a template's function makes (the "arg scope" digit of a template statement)
TEMPLATE_BODIES = ["get_variable", "get_variable+op", "op", "Variable", "slim", "template"]
MAX_OPEN = 8  # blocks open at once
# What every slot draws, in this order: (label, number of options)
PARAMS = [("name", len(NAMES)), ("bad name?", 13), ("bad name", len(BAD_NAMES)), ("shape", len(SHAPES)),
          ("dtype", len(DTYPES)), ("initializer", len(INITIALIZERS)), ("reuse", len(REUSE)),
          ("variant", 6), ("flag a", 5), ("flag b", 7), ("flag c", 7), ("flag d", 8), ("ref", 8),
          ("value", len(VALUES)), ("op", len(OPS)), ("layer", sum(LAYER_WEIGHTS)), ("arg scope", len(ARG_SCOPES))]


_PARAM_CODES = 1
for _label, _n in PARAMS:
    _PARAM_CODES *= _n
# A multiplier near the golden section of the code range and coprime to it: small codes, which
# hypothesis favours, land all over the range
_SCRAMBLE = int(_PARAM_CODES * 0.6180339887) | 1
while math.gcd(_SCRAMBLE, _PARAM_CODES) != 1:
    _SCRAMBLE += 2


class RandomChooser:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def choice(self, options, label):
        return options[self.rng.randrange(len(options))]

    def integer(self, lo, hi, label):
        return self.rng.randint(lo, hi)

    def weighted(self, options, weights, label):
        return self.rng.choices(options, weights)[0]


class HypothesisChooser:
    """Every draw is an integer, so that each shrinks towards its first option."""

    def __init__(self, draw):
        from hypothesis import strategies as st

        self.draw, self.st = draw, st

    def choice(self, options, label):
        return options[self.draw(self.st.integers(0, len(options) - 1), label=label)]

    def integer(self, lo, hi, label):
        return self.draw(self.st.integers(lo, hi), label=label)

    def weighted(self, options, weights, label):
        n = self.draw(self.st.integers(0, sum(weights) - 1), label=label)
        for option, weight in zip(options, weights):
            if n < weight:
                return option
            n -= weight
        raise AssertionError("unreachable: n < sum(weights)")


PRELUDE = '''\
V = []
def note(label, r):
    if isinstance(r, tf.VariableScope):
        print(label, 'scope', repr(r.name), repr(r.original_name_scope), r.reuse)
    elif isinstance(r, str):
        print(label, 'ns', repr(r))
    elif r is not None:
        shape = r.shape
        shape = shape.as_list() if shape.ndims is not None else None
        same = [i for i, u in enumerate(V) if u is r]
        op = r.op.name if hasattr(r, 'op') else None
        dtype = r.dtype
        print(label, type(r).__name__, r.name, op, shape, dtype.name, dtype.base_dtype.name, same)
        if same == [] and not isinstance(r, tf.Tensor):
            V.append(r)
    else:
        print(label, repr(r))
def step(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'raises', type(e).__name__ + ':',
              str(e).split(' Originally defined at:')[0].split('\\n\\noriginally defined at:')[0])
        return None
    note(label, r)
    return r
def where(label):
    s = tf.get_variable_scope()
    print(label, 'at', repr(s.name), repr(tf.get_default_graph().get_name_scope()), s.reuse)
x2 = tf.placeholder(tf.float32, [None, 3], name='in2')
x4 = tf.placeholder(tf.float32, [None, 6, 6, 2], name='in4')
'''

# TF 1.0-1.1 have no Graph.get_name_scope(); what it returns from 1.2 is the graph's _name_stack, so
# programs for those releases print that instead (and so run on every release); 1.0's variables have
# no .shape either, and get_shape() is the same everywhere.
PRELUDE_BEFORE_GET_NAME_SCOPE = PRELUDE.replace(
    "repr(tf.get_default_graph().get_name_scope())", "repr(tf.get_default_graph()._name_stack)").replace(
    "shape = r.shape\n", "shape = r.get_shape()\n")

EPILOGUE = '''\
for key in ('variables', 'trainable_variables', 'local_variables', 'model_variables'):
    print(key, [v.name for v in tf.get_collection(key)])
print('ops', [o.name for o in tf.get_default_graph().get_operations()])
'''


def _constructs(release):
    """What a program for ``release`` may use (None: the pinned release, everything): programs for an
    older release keep every draw (the encoding stays flat) and render only what that release has, as
    the model's release table says (conformance/model/releases.py)."""
    if release is None:
        return None
    from .model.releases import profile  # lazily: the model imports this module

    rel = profile(release)
    return {"auto_reuse": rel.auto_reuse,
            "auxiliary_name_scope": "auxiliary_name_scope" not in rel.missing_kwargs.get("variable_scope", ()),
            "batch_norm": rel.slim_batch_norm == "breaks",
            "get_name_scope": "get_name_scope" not in rel.absent.get("Graph", ())}


class _Gen:
    def __init__(self, chooser, release=None, omit=()):
        self.c = chooser
        self.has = _constructs(release)
        self.omit = frozenset(omit)  # statement kinds and slim layers left out (made "nothing")
        self.scopes = []  # names of captured VariableScope objects
        self.name_scopes = []  # names of captured name_scope strings
        self.contexts = {"variable_scope": [], "name_scope": []}  # names of kept context objects, by kind
        self.templates = []  # names of the templates made
        self.lines = []
        self.counter = 0
        self.open = []  # (label, kind, index of its first line) of the blocks still open, innermost last

    def label(self):
        self.counter += 1
        return f"s{self.counter}"

    def slot(self):
        kind = self.c.weighted(KINDS, WEIGHTS, "statement")
        if kind in ("variable_scope", "name_scope", "arg_scope") and len(self.open) == MAX_OPEN:
            kind = "close"  # Python allows 20 nested blocks; each open block is two
        if kind in self.omit:
            kind = "nothing"  # drawn all the same, so every program still draws the same choices
        # All parameters in one draw (a mixed-radix number): each draw costs hypothesis about as
        # much as running the program on the model.  Hypothesis favours small integers, whose
        # high-order digits are all zero; multiplying by _SCRAMBLE (a bijection of the codes,
        # 0 -> 0, so zero is still every parameter's first option) spreads them over all digits.
        code = self.c.integer(0, _PARAM_CODES - 1, "parameters") * _SCRAMBLE % _PARAM_CODES
        p = {}
        for label, n in PARAMS:
            code, p[label] = divmod(code, n)
        getattr(self, "st_" + kind)(p)

    def name(self, p, allow_bad=True):
        if allow_bad and p["bad name?"] == 12:
            return repr(BAD_NAMES[p["bad name"]])
        return repr(NAMES[p["name"]])

    def reuse_kw(self, p):
        reuse = REUSE[p["reuse"]]
        if reuse == "tf.AUTO_REUSE" and self.has is not None and not self.has["auto_reuse"]:
            reuse = "True"
        return "" if reuse == "omit" else f", reuse={reuse}"

    # -- blocks: each open block is a ``try:`` / ``with ...:`` pair, two levels of indentation
    def emit(self, text):
        """Lines at the current depth (inside every open block)."""
        indent = "    " * (2 * len(self.open))
        for line in text.splitlines():
            self.lines.append(indent + line)

    def st_close(self, p):
        if not self.open:
            return
        label, kind, start = self.open.pop()
        depth = 2 * len(self.open)
        if len(self.lines) == start:
            self.lines.append("    " * (depth + 2) + "pass")
        message = "str(e).split(' Originally defined at:')[0]" if kind == "variable_scope" else "e"
        for line in ("except Exception as e:", f"    print({label!r}, 'raises', type(e).__name__ + ':', {message})",
                     f"where({label + '/'!r})"):
            self.lines.append("    " * depth + line)

    def st_nothing(self, p):
        pass

    def _enter(self, kind, p, call, var):
        """Open a block entering ``call`` (``tf.variable_scope(...)``/``tf.name_scope(...)``) as
        ``var``; with flag a 2 or 3 the context object is kept in a variable, which a later
        ``again`` statement may enter again, even inside its own block."""
        label = self.label()
        if p["flag a"] in (2, 3):
            context = f"cm{sum(len(kept) for kept in self.contexts.values())}"
            self.contexts[kind].append(context)
            self.emit(f"try:\n    {context} = {call}\n    with {context} as {var}:")
        else:
            self.emit(f"try:\n    with {call} as {var}:")
        self.open.append((label, kind, len(self.lines)))
        return label

    def _again(self, kind, p, var):
        """Open a block entering a kept context object again, or None if there is none."""
        kept = self.contexts[kind]
        if not kept:
            return None
        label = self.label()
        self.emit(f"try:\n    with {kept[p['ref'] % len(kept)]} as {var}:")
        self.open.append((label, kind, len(self.lines)))
        return label

    def st_variable_scope(self, p):
        how = ["string", "again", "object", "default_name", "string", "object"][p["variant"]]
        var = f"vs{len(self.scopes)}"
        if how == "again":
            label = self._again("variable_scope", p, var)
            if label is not None:
                self.scopes.append(var)
                self.emit(f"note({label!r}, {var})\nwhere({label!r})")
                return
        if how == "object" and self.scopes:
            first = self.scopes[p["ref"] % len(self.scopes)]
        elif how == "default_name":
            first = f"None, default_name={self.name(p, allow_bad=False)}"
        else:
            first = self.name(p)
        extra = self.reuse_kw(p)
        if p["flag a"] == 4 and (self.has is None or self.has["auxiliary_name_scope"]):
            extra += ", auxiliary_name_scope=False"
        if p["flag b"] == 6:
            extra += ", initializer=tf.constant_initializer(0.5)"
        if p["flag c"] == 6:
            extra += ", dtype=tf.float64"
        if p["flag d"] == 7:
            extra += f", custom_getter={CUSTOM_GETTER}"
        self.scopes.append(var)
        label = self._enter("variable_scope", p, f"tf.variable_scope({first}{extra})", var)
        self.emit(f"note({label!r}, {var})\nwhere({label!r})")

    def st_name_scope(self, p):
        how = ["string", "again", "captured", "none", "empty", "absolute"][p["variant"]]
        var = f"ns{len(self.name_scopes)}"
        if how == "again":
            label = self._again("name_scope", p, var)
            if label is not None:
                self.name_scopes.append(var)
                self.emit(f"note({label!r}, {var})\nwhere({label!r})")
                return
        if how == "captured" and self.name_scopes:
            arg = self.name_scopes[p["ref"] % len(self.name_scopes)]
        elif how == "none":
            arg = "None"
        elif how == "empty":
            arg = "''"
        elif how == "absolute":
            arg = repr(NAMES[p["name"]] + "/")
        else:
            arg = self.name(p)
        self.name_scopes.append(var)
        label = self._enter("name_scope", p, f"tf.name_scope({arg})", var)
        self.emit(f"note({label!r}, {var})\nwhere({label!r})")

    def st_arg_scope(self, p):
        layers = ["slim.fully_connected", "slim.conv2d"] if p["flag a"] < 4 else ["slim.fully_connected"]
        label = self.label()
        self.emit(f"try:\n    with slim.arg_scope([{', '.join(layers)}], {ARG_SCOPES[p['arg scope']]}):")
        self.open.append((label, "arg_scope", len(self.lines)))
        self.emit(f"where({label!r})")

    # -- creations
    def _get_variable_args(self, p):
        args = [self.name(p)]
        shape = SHAPES[p["shape"]]
        if shape is not None:
            args.append(f"shape={shape!r}")
        dtype = DTYPES[p["dtype"]]
        if dtype is not None:
            args.append(f"dtype={dtype}")
        init = INITIALIZERS[p["initializer"]]
        if init is not None:
            args.append(f"initializer={init}")
        if p["flag b"] == 5:
            args.append("trainable=False")
        if p["flag d"] == 5:
            args.append("collections=['mine', tf.GraphKeys.GLOBAL_VARIABLES]")
        if p["flag c"] == 5:
            args.append("partitioner=tf.fixed_size_partitioner(2)")
        return ", ".join(args)

    def st_get_variable(self, p):
        self.emit(f"step({self.label()!r}, lambda: tf.get_variable({self._get_variable_args(p)}))")

    def st_local(self, p):
        self.emit(f"step({self.label()!r}, lambda: tf.get_local_variable({self._get_variable_args(p)}))")

    def st_Variable(self, p):  # noqa: N802
        args = [VALUES[p["value"]]]
        if p["flag a"]:
            args.append(f"name={self.name(p)}")
        if p["flag b"] == 5:
            args.append("trainable=False")
        self.emit(f"step({self.label()!r}, lambda: tf.Variable({', '.join(args)}))")

    def st_op(self, p):
        self.emit(f"step({self.label()!r}, lambda: {self._op_call(p)})")

    def _op_call(self, p):
        name = "" if p["flag a"] == 0 else f", name={self.name(p)}"
        return OPS[p["op"]].format(name=name)

    def st_slim(self, p):
        call = self._slim_call(p)
        if call is not None:
            self.emit(f"step({self.label()!r}, lambda: {call})")

    def _slim_call(self, p):
        """A slim layer's call, or None if its layer is omitted."""
        n = p["layer"]
        for layer, weight in zip(LAYERS, LAYER_WEIGHTS):
            if n < weight:
                break
            n -= weight
        if layer == "batch_norm" and self.has is not None and not self.has["batch_norm"]:
            layer = "layer_norm"  # where batch_norm works, its ops are outside the model
        if layer in self.omit:
            return None
        args = {"fully_connected": "x2, 4", "conv2d": "x4, 3, [3, 3]", "layer_norm": "x2",
                "batch_norm": "x2" if p["flag c"] < 4 else "x4", "max_pool2d": "x4, [2, 2]",
                "dropout": "x2, is_training=False"}[layer]
        if layer == "fully_connected" and p["flag a"] == 4:
            args += ", activation_fn=None"
        if layer == "conv2d" and p["flag a"] == 4:
            args += ", stride=2, padding='VALID'"
        if p["flag b"] > 1:
            args += f", scope={self.name(p)}"
        if layer not in ("max_pool2d", "dropout"):
            args += self.reuse_kw(p)
        return f"slim.{layer}({args})"

    def st_template(self, p):
        """Make a template of a small function and call it (variant 5: only make it), or, with
        variant 1 or 4, call one made before (its second call reuses, wherever it is)."""
        if self.templates and p["variant"] in (1, 4):
            self._call_template(self.templates[p["ref"] % len(self.templates)], self.label())
            return
        label = self.label()
        fn, template = f"f{len(self.templates)}", f"t{len(self.templates)}"
        args = [self.name(p), fn]
        if p["flag a"] in (3, 4):
            args.append("create_scope_now_=True")
        if p["flag b"] == 6:
            args.append(f"unique_name_={NAMES[p['ref'] % len(NAMES)]!r}")
        if p["flag d"] == 7:
            args.append(f"custom_getter_={CUSTOM_GETTER}")
        body = "\n".join("    " + line for line in self._template_body(p, label))
        self.emit(f"def {fn}():\n    where({label + 'f'!r})\n{body}\n{template} = tf.make_template({', '.join(args)})")
        self.templates.append(template)
        if p["variant"] == 5:
            self.emit(f"step({label + 's'!r}, lambda: {template}.variable_scope)")
        else:
            self._call_template(template, label)

    def _call_template(self, template, label):
        self.emit(f"step({label!r}, {template})\nstep({label + 's'!r}, lambda: {template}.variable_scope)")

    def _template_body(self, p, label):
        """The lines of a template's function: what it makes, each noted, the last returned."""
        made = []
        what = TEMPLATE_BODIES[p["arg scope"]]
        if what == "template" and self.templates:
            made.append(f"{self.templates[p['ref'] % len(self.templates)]}()")
        elif what == "slim" and "slim" not in self.omit:
            made.append(self._slim_call(p))
        elif what == "Variable" and "Variable" not in self.omit:
            made.append(f"tf.Variable({VALUES[p['value']]}{', trainable=False' if p['flag b'] == 5 else ''})")
        if what.startswith("get_variable") and "get_variable" not in self.omit:
            made.append(f"tf.get_variable({self._get_variable_args(p)})")
        if what.endswith("op") or not [m for m in made if m]:
            made.append(self._op_call(p))
        made = [m for m in made if m]
        lines = []
        for i, m in enumerate(made):
            lines += [f"r = {m}", f"note({label + 'abc'[i]!r}, r)"]
        return lines + ["return r"]

    def st_reuse_variables(self, p):
        self.emit(f"tf.get_variable_scope().reuse_variables()\nwhere({self.label()!r})")

    def st_collections(self, p):
        key = ["tf.global_variables()", "tf.trainable_variables()", "tf.local_variables()",
               "tf.get_collection('mine')", "tf.global_variables('a')"][p["variant"] % 5]
        self.emit(f"print({self.label()!r}, [v.name for v in {key}])")


def generate(chooser, max_steps=12, release=None, omit=()):
    """Source of one program of ``max_steps`` slots (without the prelude/epilogue: see ``render``),
    using only what TF ``release`` has (default: the pinned release).  ``omit``: statement kinds
    (KINDS) and slim layers (LAYERS) to leave out; their slots do nothing."""
    unknown = set(omit) - set(KINDS) - set(LAYERS)
    if unknown:
        raise ValueError(f"cannot omit {sorted(unknown)}: not a statement kind {KINDS} or slim layer {LAYERS}")
    gen = _Gen(chooser, release, omit)
    for _ in range(max_steps):
        gen.slot()
    while gen.open:
        gen.st_close(None)
    return "\n".join(gen.lines) + "\n" if gen.lines else "pass\n"


def render(body, release=None):
    """The full program source the worker and the model run (for TF ``release``: its prelude)."""
    has = _constructs(release)
    return (PRELUDE if has is None or has["get_name_scope"] else PRELUDE_BEFORE_GET_NAME_SCOPE) + body + EPILOGUE


def strategy(max_steps=12, release=None, omit=()):
    """The hypothesis strategy of programs (full sources, prelude and epilogue included)."""
    from hypothesis import strategies as st

    @st.composite
    def programs(draw):
        return render(generate(HypothesisChooser(draw), max_steps, release, omit), release)
    return programs()


def random_program(seed, max_steps=12, release=None, omit=()):
    return render(generate(RandomChooser(seed), max_steps, release, omit), release)


FUZZ_MODES = ("v1", "graph")   # generated programs build graphs (placeholders): eager runs none of them


def as_script(source, mode, release=None):
    """A standalone script that runs ``source`` as the worker does in ``mode`` on TF ``release``
    (default: the pinned one)."""
    from .releases import pinned, release as _release

    return script(source, mode, (_release(release) if release is not None else pinned(),))


def script(source, mode, releases):
    """A standalone script that runs ``source`` as the worker does in ``mode`` on every release of
    ``releases``, as written: ``tf`` is that release's v1 API (``tf.compat.v1`` from 1.13, the
    top-level module before), ``slim`` tf_slim (from 1.14) or tf.contrib.slim, and the mode is
    switched on as ``conformance.releases`` says (``disable_v2_behavior()`` for v1 on 2.x,
    ``enable_v2_behavior()`` for graph)."""
    if mode not in FUZZ_MODES:
        raise ValueError(f"mode {mode!r}: scripts run a graph-building program in one of {FUZZ_MODES}")
    apis = {r.api for r in releases}
    slims = {r.slim for r in releases}
    v1_switches = {r.switch("v1") for r in releases}
    head = []
    portable = len(apis) > 1 or len(slims) > 1 or (mode == "v1" and len(v1_switches) > 1)
    if portable:
        head += ["import tensorflow",
                 "TF = tuple(int(part) for part in tensorflow.__version__.split('.')[:2])"]
    if apis == {"tf.compat.v1"}:
        head.append("import tensorflow.compat.v1 as tf")
    elif apis == {"tf"}:
        head.append("import tensorflow as tf")
    else:
        head += ["if TF >= (1, 13):", "    import tensorflow.compat.v1 as tf",
                 "else:  # before 1.13 the top-level module is the v1 API", "    tf = tensorflow"]
    if slims == {"tf_slim"}:
        head.append("import tf_slim as slim")
    elif slims == {"tf.contrib.slim"}:
        head += ["import tensorflow.contrib.slim as slim"]
    else:
        head += ["if TF >= (1, 14):", "    import tf_slim as slim",
                 "else:  # tf_slim imports from TF 1.14 on; slim is tf.contrib.slim before",
                 "    import tensorflow.contrib.slim as slim"]
    if mode == "v1":
        if v1_switches == {"disable_v2_behavior"}:
            head.append("tf.disable_v2_behavior()")
        elif len(v1_switches) > 1:
            head += ["if TF >= (2, 0):  # TF1 behaviour is the default on 1.x", "    tf.disable_v2_behavior()"]
    elif any(r.switch("v1") == "default" for r in releases):  # a 1.x release: TF2 behaviour is not its default
        head.append("tf.enable_v2_behavior()")
    body = "\n".join("    " + line if line else line for line in source.splitlines())
    return "\n".join(head) + "\n\nwith tf.Graph().as_default():\n" + body + "\n"
