"""The model's surface and its OutsideModel boundary (no TensorFlow needed)."""
import subprocess
import sys

import pytest

from conformance.model import AUTO_REUSE, Graph, OutsideModel, coverage, run_program, slim, tf
from conformance.runner import Observation


def test_model_imports_no_tensorflow():
    code = "import sys, conformance.model; assert not any(m.startswith('tensorflow') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_drop_in_usage():
    def program(tf, slim):
        with tf.variable_scope("net"):
            x = tf.placeholder(tf.float32, [None, 3], name="x")
            y = slim.fully_connected(x, 2)
        return x, y, tf.global_variables()

    with Graph(mode="v1").as_default():
        x, y, variables = program(tf, slim)
    assert x.name == "net/x:0", "a placeholder is named in its variable scope's name scope"
    assert y.name == "net/fully_connected/Relu:0", "slim names its activation in the layer's scope"
    assert [v.name for v in variables] == ["net/fully_connected/weights:0", "net/fully_connected/biases:0"], \
        "slim renames kernel/bias to weights/biases"
    assert variables[0].dtype.name == "float32_ref", "v1 variables are ref variables"
    assert variables[0].dtype.base_dtype.name == "float32", "the base dtype of float32_ref"
    assert variables[0].shape.as_list() == [3, 2], "weights are [inputs, outputs]"


def test_graph_mode_makes_resource_variables():
    with Graph(mode="graph").as_default():
        v = tf.get_variable("v", [2])
        assert v.dtype.name == "float32", "resource variables have plain dtypes"
        assert [op.name for op in tf.get_default_graph().get_operations()][-4:] == [
            "v", "v/IsInitialized/VarIsInitializedOp", "v/Assign", "v/Read/ReadVariableOp"], \
            "a resource variable's own ops"


def test_shared_variables_are_identical():
    with Graph(mode="v1").as_default():
        with tf.variable_scope("s"):
            a = tf.get_variable("w", [1])
        with tf.variable_scope("s", reuse=True):
            b = tf.get_variable("w", [1])
        with tf.variable_scope("s", reuse=AUTO_REUSE):
            c = tf.get_variable("w")
    assert a is b is c, "reuse=True and AUTO_REUSE return the stored variable itself"


def test_unknown_attributes_are_outside_the_model():
    with pytest.raises(OutsideModel, match="tf.unknown_function"):
        tf.unknown_function
    with pytest.raises(OutsideModel, match="slim.unknown_layer"):
        slim.unknown_layer
    assert issubclass(OutsideModel, Exception), "programs that catch Exception must see OutsideModel"


def test_run_program_observation():
    obs = run_program("print(tf.constant(1).name)\nraise ValueError('boom')", "v1")
    assert obs == Observation(("Const:0",), "ValueError: boom"), "printed lines and the final exception"


def test_sessions_and_values_are_outside_and_say_so():
    src = "v = tf.get_variable('v', [1])\nwith tf.Session() as sess:\n    sess.run(v.initializer)\n    print(sess.run(v))\n"
    with pytest.raises(OutsideModel, match="Sessions and values are outside the model"):
        run_program(src, "v1")
    ran = run_program("v = tf.get_variable('v', [1])\nwith tf.Session() as sess:\n    sess.run(tf.global_variables_initializer())"
                      "\nprint(v.name)\n", "graph")
    assert ran.out == ("v:0",), "running initializers is inside the model: it has no value to compute"


def test_imports_resolve_to_the_model():
    src = ("from tensorflow.python.ops import variable_scope as vs\nfrom tf_slim.nets import vgg\n"
           "import tensorflow.compat.v1 as tf1\nprint(vs._VARSTORE_KEY, tf1.get_variable is tf.get_variable)\n"
           "with slim.arg_scope(vgg.vgg_arg_scope()):\n    vgg.vgg_16(tf.zeros([1, 224, 224, 3]), 10, is_training=False)\n"
           "print(len(tf.global_variables()))\n")
    assert run_program(src, "v1").out == ("('__variable_store',) True", "32"), \
        "TF's internal modules and tf_slim's nets run on the model"
    with pytest.raises(OutsideModel, match="import tensorflow.python.keras"):
        run_program("import tensorflow.python.keras\n", "v1")


def test_run_program_reports_outside_even_if_caught():
    src = "try:\n    tf.unknown_function()\nexcept Exception as e:\n    print('caught', e)\n"
    with pytest.raises(OutsideModel, match="tf.unknown_function"):
        run_program(src, "graph")
    with pytest.raises(OutsideModel):
        run_program("print(1)", "eager")


def test_run_program_starts_each_program_afresh():
    src = "print(tf.get_variable('w', [1]).name)"
    assert run_program(src, "v1").out == ("w:0",), "first run"
    assert run_program(src, "v1").out == ("w:0",), "a second run starts from a fresh graph"


def test_error_normalisation_drops_creation_traceback():
    src = "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n"
    assert run_program(src, "v1").error == ("ValueError: Variable w already exists, disallowed. Did you mean to "
                                            "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"), \
        "the 'Originally defined at' traceback is cut as the harness cuts it"


def test_v1_shapes_print_unknown_dims_as_question_marks():
    src = "x = tf.placeholder(tf.float32, [None, 3])\nprint(x.shape, x.shape[0], x.shape[1])\nprint(repr(x))"
    # as printed by TF 2.21 (checked through the worker)
    assert run_program(src, "v1").out == ("(?, 3) ? 3", "<tf.Tensor 'Placeholder:0' shape=(?, 3) dtype=float32>"), \
        "v1 prints unknown dimensions as ?"
    assert run_program(src, "graph").out == ("(None, 3) None 3",
                                             "<tf.Tensor 'Placeholder:0' shape=(None, 3) dtype=float32>"), \
        "TF2 behaviour prints them as None"


def test_batch_norm_fails_as_tf_2_21_does():
    src = ("x = tf.placeholder(tf.float32, [None, 3])\n"
           "try:\n    slim.batch_norm(x)\nexcept AttributeError as e:\n    print(e)\n"
           "print([v.name for v in tf.global_variables()])\n"
           "slim.batch_norm(tf.placeholder(tf.float32, [None, 2, 2, 3]))\n")
    obs = run_program(src, "v1")
    assert obs.out == ("module 'tensorflow.python.framework.ops' has no attribute 'Tensor'",
                       "['BatchNorm/beta:0', 'BatchNorm/moving_mean:0', 'BatchNorm/moving_variance:0']"), \
        "the fused path fails after making its variables"
    assert obs.error == "ModuleNotFoundError: No module named 'tf_keras'", "the Keras path fails at once"


def test_coverage_splits_claims():
    class Claim:
        def __init__(self, id, program):
            self.id, self.program, self.testable = id, program, True

    covered, outside = coverage([Claim("in", "print(1)"), Claim("out", "tf.unknown_function()")], "v1")
    assert covered == ["in"], "a claim inside the surface is covered"
    assert list(outside) == ["out"] and "tf.unknown_function" in outside["out"], "the reason names what is missing"
