"""conformance.slim_shim, and where the golden manifests (cases/claims/manifests/) come from.

The manifests themselves are catalogue claims (cases/claims/suite_networks.toml); these tests
check them against tf-slim's own unit tests (parsed, not imported: pytest never imports
TensorFlow), re-run them on an older TensorFlow where slim.batch_norm still works unpatched
(when that environment exists), and pin the shim's own behaviour in a worker.
"""
import ast
import importlib.util
import math
import re
from pathlib import Path

import pytest

from conformance import catalogue, keys
from conformance.configs import Config
from conformance.releases import release

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "cases" / "claims" / "manifests"
NETS = Path(importlib.util.find_spec("tf_slim").submodule_search_locations[0]) / "nets"
CROSS_CHECK_TF = "2.12"  # slim.batch_norm loads tf.layers' Keras BatchNormalization there (2.15 already fails)


def golden(name):
    return keys.parse((MANIFESTS / f"{name}.txt").read_text(), name)


def _test_expected_names(test_file, test_class, method="testModelVariables"):
    tree = ast.parse((NETS / test_file).read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == test_class)
    fn = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == method)
    assign = next(n for n in ast.walk(fn) if isinstance(n, ast.Assign)
                  and getattr(n.targets[0], "id", None) == "expected_names")
    return ast.literal_eval(assign.value)


@pytest.mark.parametrize("net,test_file,test_class", [
    ("vgg_16", "vgg_test.py", "VGG16Test"),
    ("alexnet_v2", "alexnet_test.py", "AlexnetV2Test"),
    ("overfeat", "overfeat_test.py", "OverFeatTest"),
])
def test_golden_keys_are_the_model_variables_tf_slims_own_tests_expect(net, test_file, test_class):
    assert sorted(golden(net)) == sorted(_test_expected_names(test_file, test_class))


@pytest.mark.parametrize("net,scope,heads", [
    ("inception_v1", "InceptionV1", ("Logits",)),
    ("inception_v3", "InceptionV3", ("Logits", "AuxLogits")),
])
def test_golden_inception_base_has_the_parameter_count_tf_slims_tests_assert(net, scope, heads):
    source = (NETS / f"{net}_test.py").read_text()
    expected = int(re.search(r"def testModelHasExpectedNumberOfParameters.*?assertAlmostEqual\((\d+), total_params\)",
                             source, re.S)[1])
    base = [e for k, e in golden(net).items() if not k.startswith(tuple(f"{scope}/{h}/" for h in heads))]
    assert sum(math.prod(ast.literal_eval(e.shape)) for e in base) == expected


def test_golden_batch_norm_keys_follow_the_published_checkpoint_layout():
    r1 = golden("resnet_v1_50")
    for leaf in ("beta", "gamma", "moving_mean", "moving_variance"):
        assert str(r1[f"resnet_v1_50/conv1/BatchNorm/{leaf}"]) == f"resnet_v1_50/conv1/BatchNorm/{leaf} [64] float32"
    assert str(r1["resnet_v1_50/logits/weights"]) == "resnet_v1_50/logits/weights [1, 1, 2048, 1000] float32"
    r2 = golden("resnet_v2_50")
    assert "resnet_v2_50/postnorm/moving_variance" in r2 and "resnet_v2_50/conv1/biases" in r2
    assert not any(k.startswith("resnet_v2_50/conv1/BatchNorm") for k in r2)
    i3 = golden("inception_v3")  # inception batch norm has no scale: no gamma
    assert not any(k.endswith("/gamma") for k in i3)
    assert str(i3["InceptionV3/Logits/Conv2d_1c_1x1/weights"]).endswith("[1, 1, 2048, 1001] float32")


def _manifest_claims():
    return [c for c in catalogue.load() if re.fullmatch(r"net\.\w+\.manifest(-shim)?", c.id)]


@pytest.mark.xdist_group(Config(tf=release(CROSS_CHECK_TF).version, mode="v1").name)  # with tests/test_keys.py's 2.12 check
def test_cross_check_on_an_older_tensorflow(tf_pool):
    """Every manifest claim's program, unpatched and shimmed, on TF 2.12 prints the golden manifest."""
    config = Config(tf=release(CROSS_CHECK_TF).version, mode="v1")  # its environment is built on first use
    for claim in _manifest_claims():
        observed = tf_pool.run(config, claim.program, claim.id)
        assert (observed.error, observed.out) == (None, claim.claimed.out), claim.id


SHIM_BEHAVIOUR = '''
from conformance import slim_shim
from tensorflow.python.framework import ops
bn = slim.batch_norm
inner = bn.__closure__[0].cell_contents
print('breaks', slim_shim.batch_norm_breaks())
with slim_shim.patch():
    with slim_shim.patch():
        slim_shim.apply()
        slim_shim.restore()
    print('nested still active', slim_shim.active(), bn.__closure__[0].cell_contents is not inner)
    print('same key', bn.__closure__[0].cell_contents._key_op == bn._key_op)
    print('breaks while active', slim_shim.batch_norm_breaks())
    for kwargs in ({'renorm': True}, {'adjustment': lambda shape: (1.0, 0.0)}):
        try:
            slim.batch_norm(tf.zeros([1, 2, 2, 3]), **kwargs)
        except NotImplementedError as e:
            print(type(e).__name__, str(e).split(',')[0])
    y = slim.batch_norm(tf.zeros([4, 3]), scope='two_d')
    y = slim.batch_norm(tf.zeros([1, 2, 2, 3]), fused=False, scope='unfused')
try:
    with slim_shim.patch():
        raise KeyError('inside')
except KeyError:
    pass
print('restored', slim_shim.active(), bn.__closure__[0].cell_contents is inner, hasattr(ops, 'Tensor'))
print(sorted(v.name.split(':')[0] for v in tf.global_variables()))
print(len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
'''


@pytest.mark.parametrize("mode", [pytest.param(m, marks=pytest.mark.xdist_group(Config(mode=m).name))
                                  for m in ("v1", "graph")])
def test_shim_nests_restores_and_refuses_what_it_cannot_do(tf_pool, mode):
    observed = tf_pool.run(Config(mode=mode), SHIM_BEHAVIOUR, "shim-behaviour")
    assert observed.error is None, observed.traceback
    assert list(observed.out) == [
        "breaks [\"ModuleNotFoundError: No module named 'tf_keras'\", "
        "\"AttributeError: module 'tensorflow.python.framework.ops' has no attribute 'Tensor'\"]",
        "nested still active True True",
        "same key True",
        "breaks while active [\"ModuleNotFoundError: No module named 'tf_keras'\"]",
        "NotImplementedError slim_shim: batch_norm(renorm=...) needs the Keras BatchNormalization layer",
        "NotImplementedError slim_shim: batch_norm(adjustment=...) needs the Keras BatchNormalization layer",
        "restored False True False",
        "['two_d/beta', 'two_d/moving_mean', 'two_d/moving_variance', "
        "'unfused/beta', 'unfused/moving_mean', 'unfused/moving_variance']",
        "4",
    ]
