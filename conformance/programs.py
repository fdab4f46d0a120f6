"""Random tf.compat.v1 naming programs, for differential fuzzing of the model against TF.

A program is a tree of steps (scopes with bodies, variable/op creations, slim layers,
reuse switches) rendered as Python SOURCE that prints every observable after every
step: names, op names, shapes, dtypes, scope names/original name scopes/reuse flags,
the ``with name_scope(...) as ns`` string, which earlier variable a shared variable
``is``, and at the end the collections and every op name.  Each step that can fail
is wrapped so that its error is printed and later steps still run.

Draws go through a ``Chooser``: ``HypothesisChooser`` (labelled ``data.draw`` calls,
so hypothesis shrinks programs) or ``RandomChooser`` (a seeded ``random.Random``, for
the benchmark and for reproducible corpora).  No TensorFlow here.
"""
import random

NAMES = ["a", "A", "b", "a_1", "a_2", "w", "W", "fc", "fully_connected", "Conv", "LayerNorm", "BatchNorm",
         "Variable", "Const", "in2", "s/t"]
BAD_NAMES = ["-a", "_a", "a b", ""]
SHAPES = [None, [], [1], [2, 3], [None, 2], [3]]
DTYPES = [None, "tf.float32", "tf.int32", "tf.float64", "tf.complex64", "tf.bool"]
INITIALIZERS = [None, "tf.zeros_initializer()", "tf.ones_initializer()", "tf.constant_initializer(1.5)",
                "tf.zeros_initializer", "tf.glorot_uniform_initializer()", "1.0", "2", "[1.0, 2.0]",
                "tf.constant([1.0, 2.0])", "tf.constant(3)"]
REUSE = ["omit", "True", "False", "None", "tf.AUTO_REUSE"]


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
    def __init__(self, draw):
        from hypothesis import strategies as st

        self.draw, self.st = draw, st

    def choice(self, options, label):
        return self.draw(self.st.sampled_from(options), label=label)

    def integer(self, lo, hi, label):
        return self.draw(self.st.integers(lo, hi), label=label)

    def weighted(self, options, weights, label):
        # sampled_from shrinks towards the first option; weights only matter for RandomChooser
        return self.draw(self.st.sampled_from(options), label=label)


PRELUDE = '''\
V = []
def note(label, r):
    if isinstance(r, tf.VariableScope):
        print(label, 'scope', repr(r.name), repr(r.original_name_scope), r.reuse)
    elif isinstance(r, str):
        print(label, 'ns', repr(r))
    elif r is not None:
        shape = r.shape.as_list() if r.shape.ndims is not None else None
        same = [i for i, u in enumerate(V) if u is r]
        print(label, type(r).__name__, r.name, r.op.name, shape, r.dtype.name, r.dtype.base_dtype.name, same)
        if same == [] and not isinstance(r, tf.Tensor):
            V.append(r)
    else:
        print(label, repr(r))
def step(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'raises', type(e).__name__ + ':', str(e).split(' Originally defined at:')[0])
        return None
    note(label, r)
    return r
def where(label):
    print(label, 'at', repr(tf.get_variable_scope().name), repr(tf.get_default_graph().get_name_scope()),
          tf.get_variable_scope().reuse)
x2 = tf.placeholder(tf.float32, [None, 3], name='in2')
x4 = tf.placeholder(tf.float32, [None, 6, 6, 2], name='in4')
'''

EPILOGUE = '''\
for key in ('variables', 'trainable_variables', 'local_variables', 'model_variables'):
    print(key, [v.name for v in tf.get_collection(key)])
print('ops', [o.name for o in tf.get_default_graph().get_operations()])
'''


class _Gen:
    def __init__(self, chooser, max_steps):
        self.c = chooser
        self.scopes = []  # names of captured VariableScope objects
        self.name_scopes = []  # names of captured name_scope strings
        self.lines = []
        self.counter = 0
        self.budget = max_steps

    def label(self):
        self.counter += 1
        return f"s{self.counter}"

    def emit(self, depth, text):
        for line in text.splitlines():
            self.lines.append("    " * depth + line)

    def name(self, allow_bad=True):
        kind = self.c.weighted(["good", "bad"], [12, 1] if allow_bad else [1, 0], "name kind")
        if kind == "bad" and allow_bad:
            return repr(self.c.choice(BAD_NAMES, "bad name"))
        return repr(self.c.choice(NAMES, "name"))

    def reuse_kw(self):
        reuse = self.c.choice(REUSE, "reuse")
        return "" if reuse == "omit" else f", reuse={reuse}"

    def block(self, depth):
        n = self.c.integer(0 if depth else 1, 4, "block length")
        for _ in range(n):
            if self.budget <= 0:
                break
            self.budget -= 1
            self.statement(depth)
        if not n or self.budget <= 0:
            self.emit(depth, "pass")

    def statement(self, depth):
        kind = self.c.weighted(
            ["variable_scope", "name_scope", "get_variable", "Variable", "op", "slim", "reuse_variables",
             "collections", "local"],
            [6, 4, 7, 3, 3, 3, 1, 1, 1], "statement")
        getattr(self, "st_" + kind)(depth)

    # -- scopes
    def st_variable_scope(self, depth):
        how = self.c.weighted(["string", "object", "default_name"], [4, 2, 2], "variable_scope by")
        if how == "object" and self.scopes:
            first = self.c.choice(self.scopes, "scope object")
        elif how == "default_name":
            first = f"None, default_name={self.name(allow_bad=False)}"
        else:
            first = self.name()
        extra = self.reuse_kw()
        if self.c.integer(0, 4, "auxiliary_name_scope=False?") == 0:
            extra += ", auxiliary_name_scope=False"
        if self.c.integer(0, 6, "scope initializer?") == 0:
            extra += ", initializer=tf.constant_initializer(0.5)"
        if self.c.integer(0, 6, "scope dtype?") == 0:
            extra += ", dtype=tf.float64"
        var = f"vs{len(self.scopes)}"
        self.scopes.append(var)
        label = self.label()
        self.emit(depth, f"try:\n    with tf.variable_scope({first}{extra}) as {var}:")
        self.emit(depth + 2, f"note({label!r}, {var})\nwhere({label!r})")
        self.block(depth + 2)
        self.emit(depth, f"except Exception as e:\n    print({label!r}, 'raises', type(e).__name__ + ':', "
                         f"str(e).split(' Originally defined at:')[0])\nwhere({label + '/'!r})")

    def st_name_scope(self, depth):
        how = self.c.weighted(["string", "captured", "none", "empty"], [6, 2, 1, 1], "name_scope arg")
        if how == "captured" and self.name_scopes:
            arg = self.c.choice(self.name_scopes, "captured name scope")
        elif how == "none":
            arg = "None"
        elif how == "empty":
            arg = "''"
        else:
            arg = self.name()
        var = f"ns{len(self.name_scopes)}"
        self.name_scopes.append(var)
        label = self.label()
        self.emit(depth, f"try:\n    with tf.name_scope({arg}) as {var}:")
        self.emit(depth + 2, f"note({label!r}, {var})")
        self.block(depth + 2)
        self.emit(depth, f"except Exception as e:\n    print({label!r}, 'raises', type(e).__name__ + ':', e)\n"
                         f"where({label + '/'!r})")

    # -- creations
    def _get_variable_args(self):
        args = [self.name()]
        shape = self.c.choice(SHAPES, "shape")
        if shape is not None:
            args.append(f"shape={shape!r}")
        dtype = self.c.choice(DTYPES, "dtype")
        if dtype is not None:
            args.append(f"dtype={dtype}")
        init = self.c.choice(INITIALIZERS, "initializer")
        if init is not None:
            args.append(f"initializer={init}")
        if self.c.integer(0, 5, "trainable=False?") == 0:
            args.append("trainable=False")
        if self.c.integer(0, 7, "collections?") == 0:
            args.append("collections=['mine', tf.GraphKeys.GLOBAL_VARIABLES]")
        return ", ".join(args)

    def st_get_variable(self, depth):
        self.emit(depth, f"step({self.label()!r}, lambda: tf.get_variable({self._get_variable_args()}))")

    def st_local(self, depth):
        self.emit(depth, f"step({self.label()!r}, lambda: tf.get_local_variable({self._get_variable_args()}))")

    def st_Variable(self, depth):  # noqa: N802
        value = self.c.choice(["1.0", "3", "[1, 2]", "tf.zeros([2, 2])", "tf.constant(0.5)"], "initial value")
        args = [value]
        if self.c.integer(0, 3, "default name?"):
            args.append(f"name={self.name()}")
        if self.c.integer(0, 5, "trainable=False?") == 0:
            args.append("trainable=False")
        self.emit(depth, f"step({self.label()!r}, lambda: tf.Variable({', '.join(args)}))")

    def st_op(self, depth):
        kind = self.c.choice(["constant", "placeholder", "zeros", "identity"], "op kind")
        name = "" if self.c.integer(0, 2, "default op name?") == 0 else f", name={self.name()}"
        call = {"constant": f"tf.constant(1.0{name})",
                "placeholder": f"tf.placeholder(tf.float32, [None, 3]{name})",
                "zeros": f"tf.zeros([2]{name})",
                "identity": f"tf.identity(x2{name})"}[kind]
        self.emit(depth, f"step({self.label()!r}, lambda: {call})")

    def st_slim(self, depth):
        layer = self.c.weighted(["fully_connected", "conv2d", "layer_norm", "batch_norm"], [4, 3, 2, 1], "layer")
        args = {"fully_connected": "x2, 4", "conv2d": "x4, 3, [3, 3]", "layer_norm": "x2",
                "batch_norm": self.c.choice(["x2", "x4"], "batch_norm input")}[layer]
        if layer == "fully_connected" and self.c.integer(0, 4, "activation_fn=None?") == 0:
            args += ", activation_fn=None"
        if layer == "conv2d" and self.c.integer(0, 3, "VALID?") == 0:
            args += ", stride=2, padding='VALID'"
        if self.c.integer(0, 2, "scope=?"):
            args += f", scope={self.name()}"
        args += self.reuse_kw()
        self.emit(depth, f"step({self.label()!r}, lambda: slim.{layer}({args}))")

    def st_reuse_variables(self, depth):
        self.emit(depth, "tf.get_variable_scope().reuse_variables()")
        self.emit(depth, f"where({self.label()!r})")

    def st_collections(self, depth):
        key = self.c.choice(["tf.global_variables()", "tf.trainable_variables()", "tf.local_variables()",
                             "tf.get_collection('mine')", "tf.global_variables('a')"], "collection")
        self.emit(depth, f"print({self.label()!r}, [v.name for v in {key}])")


def generate(chooser, max_steps=12):
    """Source of one program (without the prelude/epilogue: see ``render``)."""
    gen = _Gen(chooser, max_steps)
    gen.block(0)
    return "\n".join(gen.lines) + "\n"


def render(body):
    """The full program source the worker and the model run."""
    return PRELUDE + body + EPILOGUE


def random_program(seed, max_steps=12):
    return render(generate(RandomChooser(seed), max_steps))


def as_script(source, mode):
    """A standalone tf.compat.v1 script that runs ``source`` as the worker does in ``mode``."""
    head = ["import tensorflow.compat.v1 as tf", "import tf_slim as slim"]
    if mode == "v1":
        head.append("tf.disable_v2_behavior()")
    body = "\n".join("    " + line if line else line for line in source.splitlines())
    return "\n".join(head) + "\n\nwith tf.Graph().as_default():\n" + body + "\n"
