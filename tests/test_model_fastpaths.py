"""The model's fast paths give what its general paths give (no TensorFlow).

conformance.model keeps, beside TF's own control flow, shortcuts for the common cases:
get_variable with a built-in initializer (variable_scope.FAST_PATHS), slim's layer
choreography (layers.FAST_PATHS) and the generated programs' helpers (prelude.FAST_PATHS).
Every program of the benchmark corpus and of the fuzzer's strategy must print the same with
and without them.
"""
import pytest
from hypothesis import HealthCheck, given, settings

from conformance.model import OutsideModel, layers, prelude, run_program, variable_scope
from conformance.programs import EPILOGUE, PRELUDE, random_program, strategy

MODES = ("v1", "graph")
SWITCHES = (layers, variable_scope, prelude)  # modules with a FAST_PATHS flag


def observe(source, mode):
    try:
        obs = run_program(source, mode, "fastpaths")
    except OutsideModel as exc:
        return "outside", str(exc)
    return obs.out, obs.error


@pytest.fixture
def general_paths(monkeypatch):
    """A function running a program with the fast paths off (restored after the test)."""
    def run(source, mode):
        for module in SWITCHES:
            monkeypatch.setattr(module, "FAST_PATHS", False)
        try:
            return observe(source, mode)
        finally:
            for module in SWITCHES:
                monkeypatch.setattr(module, "FAST_PATHS", True)
    return run


def check(source, general_paths):
    for mode in MODES:
        fast = observe(source, mode)
        general = general_paths(source, mode)
        assert fast == general, f"the fast paths change what this program prints in mode {mode}:\n{source}"


def test_fast_paths_are_on_by_default():
    assert all(module.FAST_PATHS for module in SWITCHES), "the model runs with its fast paths"


def test_generated_programs_run_their_helpers_natively():
    bodies = [prelude.split(random_program(seed), "corpus") for seed in range(20)]
    assert all(body is not None for body in bodies), "every generated program qualifies for the native helpers"


def test_corpus_prints_the_same_with_and_without_fast_paths(general_paths):
    for seed in range(150):
        check(random_program(seed), general_paths)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(source=strategy())
def test_generated_programs_print_the_same_with_and_without_fast_paths(general_paths, source):
    check(source, general_paths)


SLIM_CASES = [
    "x = tf.placeholder(tf.float32, [None, 3])\nprint(slim.fully_connected(x, 2).name)",
    "x = tf.placeholder(tf.float32, [None, 3])\nwith tf.variable_scope('s', reuse=tf.AUTO_REUSE):\n"
    "    a = slim.fully_connected(x, 2, scope='fc')\n    b = slim.fully_connected(x, 2, scope='fc')\n"
    "print(a.name, b.name, [v.name for v in tf.global_variables()])",
    "x = tf.placeholder(tf.float32, [None, 4, 4, 2])\nwith slim.arg_scope([slim.conv2d], weights_initializer="
    "tf.zeros_initializer()):\n    y = slim.conv2d(x, 3, [2, 2], scope='c', biases_initializer=None)\n"
    "print(y.name, [o.name for o in tf.get_default_graph().get_operations()])",
    "x = tf.placeholder(tf.float32, [None, 3])\ncalls = []\ndef getter(getter, name, *a, **k):\n"
    "    calls.append(name)\n    return getter(name, *a, **k)\nwith tf.variable_scope('g', custom_getter=getter):\n"
    "    slim.fully_connected(x, 2)\nprint(calls)",
    "x = tf.placeholder(tf.float32, [None, 3])\nslim.fully_connected(x, 2, scope='fc')\n"
    "try:\n    slim.fully_connected(x, 2, scope='fc', reuse=True)\n    slim.fully_connected(x, 2, scope='fc')\n"
    "except ValueError as e:\n    print(str(e).split(' Originally')[0])\n"
    "print([o.name for o in tf.get_default_graph().get_operations()])",
]


@pytest.mark.parametrize("source", SLIM_CASES, ids=range(len(SLIM_CASES)))
def test_slim_layers_print_the_same_with_and_without_fast_paths(general_paths, source):
    check(source, general_paths)


# Programs with the generated prelude and epilogue whose bodies go where the native helpers do
# not: objects they do not know, labels that are not strings, errors.
HELPER_CASES = [
    "note('o', tf.get_default_graph().get_operations()[0])\nnote(1, x2)\nstep(2, lambda: 1 / 0)\nwhere(3)",
    "v = tf.get_variable('p', [4], partitioner=tf.fixed_size_partitioner(2))\nnote('p', v)\nnote('p', v)",
    "v = step('a', lambda: tf.get_variable('a', [1]))\nstep('b', lambda: tf.get_variable('a', [1]))\n"
    "with tf.variable_scope('s', reuse=tf.AUTO_REUSE) as s:\n    note('s', s)\n    where('s')\n"
    "    note('v', step('c', lambda: tf.get_variable('a', [1])))\n    note('t', v.value())\n"
    "note('u', tf.Variable(1.0).read_value())\nnote('c', tf.constant([[1, 2]]))\nnote('d', 'x/')\nnote('e', None)",
    "with tf.name_scope('n') as ns:\n    where('n')\n    note('n', ns)\n    note('k', tf.placeholder(tf.int32))",
    "V.append(x2)\nnote('x', x2)\nf = note\nf('y', x4)\nprint(len(V), note.__qualname__)",
]
# ... and bodies that could change what the helpers do, which therefore run as Python.
REBINDING_BODIES = ["V = [1]\nnote('a', x2)", "def note(label, r):\n    print('mine')\nnote('a', x2)",
                    "print = lambda *a: None\nwhere('a')", "tf.get_variable_scope = None",
                    "import tensorflow as tf", "exec('V.append(1)')", "for V in [[]]:\n    pass",
                    "f = lambda: globals()", "try:\n    pass\nexcept Exception as note:\n    pass",
                    "def f():\n    global note\n    note = None", "with tf.name_scope('a') as tf:\n    pass",
                    "x2.name = 'b'"]


@pytest.mark.parametrize("body", HELPER_CASES, ids=range(len(HELPER_CASES)))
def test_helpers_print_the_same_natively_and_as_python(general_paths, body):
    source = PRELUDE + body + "\n" + EPILOGUE
    assert prelude.split(source, "helpers") is not None, "the native helpers apply to this program"
    check(source, general_paths)


@pytest.mark.parametrize("body", REBINDING_BODIES, ids=range(len(REBINDING_BODIES)))
def test_bodies_that_rebind_what_the_helpers_read_run_as_python(body):
    assert prelude.split(PRELUDE + body + "\n" + EPILOGUE, "rebinding") is None, \
        f"a body doing {body!r} must run with the prelude's own helpers"


# Variable scopes entered by name or default name (variable_scope._enter_by_name), re-entered,
# nested in themselves, left out of order.
SCOPE_CASES = [
    "vs = tf.variable_scope('a')\nfor _ in range(3):\n    with vs as s:\n        print(s.name, s.original_name_scope,"
    " tf.get_variable('v', [1], initializer=tf.zeros_initializer()).name)\n    with tf.name_scope('a') as ns:\n"
    "        print(ns)",
    "vs = tf.variable_scope('x/y', reuse=tf.AUTO_REUSE)\nwith vs as s:\n    print(s.name, s.original_name_scope)\n"
    "with vs as s:\n    print(s.name, s.original_name_scope, tf.get_variable('v', [1]).name)",
    "vs = tf.variable_scope(None, default_name='d')\nwith vs as s:\n    print(s.name, s.original_name_scope)\n"
    "with tf.variable_scope(None, default_name='d') as t:\n    print(t.name)\nwith vs as s:\n"
    "    print(s.name, s.original_name_scope)",
    "vs = tf.variable_scope('n')\ntry:\n    with vs as s:\n        with vs as t:\n            print(s.name, t.name)\n"
    "except RuntimeError as e:\n    print(e)\nprint(tf.get_variable_scope().name, tf.get_default_graph().get_name_scope())",
    "a = tf.variable_scope('p')\nb = tf.variable_scope('q')\na.__enter__()\nb.__enter__()\ntry:\n"
    "    a.__exit__(None, None, None)\nexcept RuntimeError as e:\n    print(e)\n"
    "print(tf.get_variable_scope().name, tf.get_default_graph().get_name_scope())",
    "ns = tf.name_scope('a')\nwith ns as x:\n    with ns as y:\n        print(x, y, tf.get_default_graph().get_name_scope())\n"
    "    print(repr(tf.get_default_graph().get_name_scope()))\nprint(repr(tf.get_default_graph().get_name_scope()))",
    "with tf.variable_scope('o') as o:\n    pass\nvs = tf.variable_scope(o)\nwith vs as s:\n    with vs as t:\n"
    "        print(s.name, t.name, tf.get_default_graph().get_name_scope())\n"
    "    print(repr(tf.get_default_graph().get_name_scope()))\nprint(repr(tf.get_default_graph().get_name_scope()))",
    "with tf.variable_scope('i', reuse=tf.AUTO_REUSE):\n    for vs in (tf.variable_scope('b'), tf.variable_scope(None, "
    "default_name='d')):\n        with vs as s:\n            tf.get_variable_scope().reuse_variables()\n"
    "            with vs as t:\n                print(s.reuse, t.reuse, t.name)\n        with vs as u:\n"
    "            print(u.reuse, u.name)",
    "with tf.variable_scope('r', dtype='float64', initializer=tf.ones_initializer()) as s:\n"
    "    print(repr(s.dtype), tf.get_variable('v', [2]).dtype)\n    with tf.variable_scope(None, default_name='r') as t:\n"
    "        print(t.name, repr(t.dtype))",
]


@pytest.mark.parametrize("source", SCOPE_CASES, ids=range(len(SCOPE_CASES)))
def test_variable_scopes_print_the_same_with_and_without_fast_paths(general_paths, source):
    check(source, general_paths)


def _tf_origin_trace(made, now):
    """template.py's "originally defined at" text as TF computes it: both stacks formatted, the
    common formatted lines skipped."""
    import traceback

    from conformance.model import template

    def fmt(frames):
        return traceback.format_list([traceback.FrameSummary(*f, lookup_line=False) for f in frames])
    return "".join(template._skip_common_stack_elements(fmt(made), fmt(now)))


def test_template_origin_trace_is_tfs():
    """template._origin_trace compares the stacks' frames before formatting them (a shortcut):
    the same text as formatting both stacks, with recursion (collapsed runs) and without."""
    import sys

    from conformance.model import template

    def rec(n, f):
        return f() if n == 0 else rec(n - 1, f)
    for made_depth in (0, 1, 5):
        made = rec(made_depth, lambda: template._frames(sys._getframe()))
        for now_depth in (0, 2, 6):
            now = rec(now_depth, lambda: template._frames(sys._getframe()))
            for a, b in ((made, now), (made, made), (made, made[:-1]), (made[:-1], made)):
                assert template._origin_trace(a, b) == _tf_origin_trace(a, b)
