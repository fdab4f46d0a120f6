"""The model's fast paths give what its general paths give (no TensorFlow).

conformance.model keeps, beside TF's own control flow, shortcuts for the common cases:
get_variable with a built-in initializer (variable_scope.FAST_PATHS) and slim's layer
choreography (layers.FAST_PATHS).  Every program of the benchmark corpus and of the fuzzer's
strategy must print the same with and without them.
"""
import pytest
from hypothesis import HealthCheck, given, settings

from conformance.model import OutsideModel, layers, run_program, variable_scope
from conformance.programs import random_program, strategy

MODES = ("v1", "graph")


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
        monkeypatch.setattr(layers, "FAST_PATHS", False)
        monkeypatch.setattr(variable_scope, "FAST_PATHS", False)
        try:
            return observe(source, mode)
        finally:
            monkeypatch.setattr(layers, "FAST_PATHS", True)
            monkeypatch.setattr(variable_scope, "FAST_PATHS", True)
    return run


def check(source, general_paths):
    for mode in MODES:
        fast = observe(source, mode)
        general = general_paths(source, mode)
        assert fast == general, f"the fast paths change what this program prints in mode {mode}:\n{source}"


def test_fast_paths_are_on_by_default():
    assert layers.FAST_PATHS and variable_scope.FAST_PATHS, "the model runs with its fast paths"


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
