"""The checkpoint-key gate: ``python -m conformance keys MODULE:FUNCTION [--against FILE]``.

The model is tests/fixtures/tiny_model.py; its saved manifest is tests/fixtures/tiny_model.txt.
CLI tests run the command as a user would (a subprocess, from the model's directory);
the others call conformance.keys with the session's worker pool.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import keys
from conformance.configs import Config
from conformance.releases import release

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAVED = FIXTURES / "tiny_model.txt"


def cli(*args, cwd=FIXTURES):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "conformance", "keys", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# --- the command, end to end ------------------------------------------------------

def test_equal_manifest_exits_0_importing_the_model_from_another_directory():
    r = cli("tiny_model:build", "--path", str(FIXTURES), "--against", str(SAVED), cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"checkpoint keys equal {SAVED} (5 keys)"


@pytest.mark.parametrize("target,message", [
    ("tiny_model", "'tiny_model' is not MODULE:FUNCTION (no ':')"),
    ("tiny-model:build", "'tiny-model:build' is not MODULE:FUNCTION: module 'tiny-model' is not a dotted Python name"),
])
def test_a_malformed_target_is_a_clear_error_before_tensorflow_starts(target, message):
    r = cli(target, "--against", str(SAVED))
    assert (r.returncode, r.stdout) == (2, ""), r.stdout
    assert r.stderr.startswith(f"keys: error: {message}"), r.stderr


def test_unreadable_or_malformed_manifest_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("global_step [] int64\ntiny/conv1/weights 3x3 float32\n")
    r = cli("tiny_model:build", "--against", str(bad))
    assert (r.returncode, r.stdout) == (2, "")
    assert f"{bad}:2: not a manifest line" in r.stderr
    r = cli("tiny_model:build", "--against", str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "cannot read manifest" in r.stderr


def test_a_build_that_kills_its_process_or_hangs_exits_2_with_one_line(tmp_path):
    r = cli("tiny_model:build_kills_the_process")
    assert (r.returncode, r.stdout) == (2, ""), r.stdout + r.stderr
    assert r.stderr.strip() == "keys: error: building tiny_model:build_kills_the_process under TensorFlow 2.21.0: " \
                               "the build crashed (exit 9)", r.stderr
    r = cli("tiny_model:build_hangs", "--timeout", "2")
    assert r.returncode == 2 and r.stderr.strip().endswith("the build timed out after 2 s"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_an_empty_manifest_is_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n")
    r = cli("tiny_model:build", "--against", str(empty))
    assert (r.returncode, r.stdout) == (2, ""), r.stdout
    assert r.stderr.strip() == f"keys: error: manifest {empty} lists no keys: an empty file cannot be compared with"


# --- the command in-process, with the session's workers (its v1 worker, shared with the claims) ----

V1 = pytest.mark.xdist_group(Config(mode="v1").name)


def keys_command(tf_pool, capsys, *argv):
    import argparse

    from conformance.commands import keys as command

    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    status = command.run(parser.parse_args([*argv, "--path", str(FIXTURES)]), pool=tf_pool)
    out, err = capsys.readouterr()
    return status, out, err


@V1
def test_changed_manifest_exits_1_and_names_the_keys(tf_pool, capsys):
    status, out, err = keys_command(tf_pool, capsys, "tiny_model:build_wider", "--against", str(SAVED))
    assert status == 1, err
    assert out.splitlines() == [
        "reshaped tiny/conv1/biases [4] float32 -> [5] float32",
        "reshaped tiny/conv1/weights [3, 3, 3, 4] float32 -> [3, 3, 3, 5] float32",
        "reshaped tiny/logits/weights [256, 10] float32 -> [320, 10] float32",
        f"checkpoint keys differ from {SAVED}: 0 added, 0 removed, 3 reshaped",
    ]


@V1
def test_without_against_prints_the_manifest_and_out_saves_it(tf_pool, capsys, tmp_path):
    status, out, err = keys_command(tf_pool, capsys, "tiny_model:build")
    assert status == 0, err
    assert out == SAVED.read_text()
    saved = tmp_path / "saved.txt"
    status, out, err = keys_command(tf_pool, capsys, "tiny_model:build", "--out", str(saved))
    assert (status, out) == (0, ""), err
    assert saved.read_text() == SAVED.read_text()


@V1
@pytest.mark.parametrize("target,message", [
    ("no_such_model:build", "cannot import module no_such_model: no module named 'no_such_model' in "),
    ("tiny_model:no_such_function", "module tiny_model ("),
])
def test_a_target_that_does_not_import_is_a_clear_error(tf_pool, capsys, target, message):
    status, out, err = keys_command(tf_pool, capsys, target, "--against", str(SAVED))
    assert (status, out) == (2, ""), out
    assert err.startswith(f"keys: error: {message}"), err
    if target.endswith("no_such_function"):
        assert "has no attribute no_such_function" in err


# --- the library, with the session's workers --------------------------------------

@V1
def test_build_renamed_scope_removes_and_adds_every_key(tf_pool):
    new = keys.parse("\n".join(keys.build("tiny_model:build_renamed", cwd=FIXTURES, pool=tf_pool)))
    d = keys.diff(keys.read(SAVED), new)
    assert [e.key for e in d.removed] == ["global_step", "tiny/conv1/biases", "tiny/conv1/weights",
                                          "tiny/logits/biases", "tiny/logits/weights"]
    assert [e.key for e in d.added] == ["renamed/" + e.key for e in d.removed]
    assert d.reshaped == []


@pytest.mark.xdist_group(Config(mode="graph").name)
def test_graph_mode_gives_the_same_keys(tf_pool):
    assert keys.build("tiny_model:build", mode="graph", cwd=FIXTURES, pool=tf_pool) == SAVED.read_text().splitlines()


def test_eager_mode_is_refused():
    with pytest.raises(keys.ManifestError, match="need a graph"):
        keys.build("tiny_model:build", mode="eager", cwd=FIXTURES)


@V1
def test_errors_raised_by_the_model_are_reported(tf_pool):
    with pytest.raises(keys.BuildError, match=r"^tiny_model:build_fails raised while building the graph: "
                                              r"ValueError: this model does not build$") as info:
        keys.build("tiny_model:build_fails", cwd=FIXTURES, pool=tf_pool)
    assert "build_fails" in info.value.traceback
    with pytest.raises(keys.BuildError, match="is not callable: it is a int"):
        keys.build("tiny_model:NOT_A_FUNCTION", cwd=FIXTURES, pool=tf_pool)


# --- text processing ------------------------------------------------------------------

def test_parse_diff_render():
    old = keys.parse("# comment\n\na [2] float32\nb [1, 2] float32\nc [] int64\n")
    new = keys.parse("a [2] float32\nb [2, 2] float32\nd [3] float32\nc [] int32\n")
    d = keys.diff(old, new)
    assert keys.render_diff(d) == ["added    d [3] float32",
                                   "reshaped b [1, 2] float32 -> [2, 2] float32",
                                   "reshaped c [] int64 -> [] int32"]
    assert not keys.diff(old, old)


def test_parse_rejects_duplicates_and_malformed_lines():
    with pytest.raises(keys.ManifestError, match=r"^m:2: key 'a' listed twice$"):
        keys.parse("a [2] float32\na [2] float32", "m")
    with pytest.raises(keys.ManifestError, match=r"^m:1: not a manifest line"):
        keys.parse("a:0 [2] float32 extra", "m")


def test_manifest_line_format_matches_the_golden_manifests():
    class V:  # the attributes the workers' _manifest_lines (keys.ENTRIES) reads from a tf.Variable
        def __init__(self, name, shape, dtype):
            self.name, self._shape, self.dtype = name, shape, type("D", (), {"base_dtype": type("B", (), {"name": dtype})})
            self.shape = type("S", (), {"as_list": lambda _: list(shape)})()
    worker = {}
    exec(keys.ENTRIES, worker)
    lines = worker["_manifest_lines"]([V("vgg_16/conv1/conv1_1/weights:0", (3, 3, 3, 64), "float32"),
                                       V("vgg_16/conv1/conv1_1/biases:0", (64,), "float32")])
    golden = (ROOT / "cases" / "claims" / "manifests" / "vgg_16.txt").read_text().splitlines()
    assert lines == golden[:2]
    for path in (ROOT / "cases" / "claims" / "manifests").glob("*.txt"):
        entries = keys.parse(path.read_text(), str(path))  # every golden manifest parses
        assert list(entries) == sorted(entries), f"{path} is not sorted by key"


@V1
def test_slim_shim_option_builds_batch_norm_models(tf_pool):
    with pytest.raises(keys.BuildError, match="ModuleNotFoundError: No module named 'tf_keras'"):
        keys.build("tiny_model:build_batch_norm", cwd=FIXTURES, pool=tf_pool)
    assert keys.build("tiny_model:build_batch_norm", cwd=FIXTURES, pool=tf_pool, slim_shim=True) == [
        "conv1/BatchNorm/beta [4] float32",
        "conv1/BatchNorm/moving_mean [4] float32",
        "conv1/BatchNorm/moving_variance [4] float32",
        "conv1/weights [3, 3, 3, 4] float32",
    ]


@V1
def test_keys_of_a_real_network_equal_its_golden_manifest(tf_pool):
    golden = (ROOT / "cases" / "claims" / "manifests" / "vgg_16.txt").read_text().splitlines()
    assert keys.build("tiny_model:build_vgg_16", cwd=FIXTURES, pool=tf_pool) == golden


# --- several releases, and object-based keys (the command in-process, the session's workers) ----

@pytest.mark.xdist_group(Config(tf=release("2.12").version, mode="v1").name)  # with tests/test_slim_shim.py's 2.12 check
def test_keys_under_two_releases_show_what_the_upgrade_renames(tf_pool, capsys):
    status, out, err = keys_command(tf_pool, capsys, "keras_model:build", "--tf", "2.12,2.21")
    assert status == 1, f"the keys differ between Keras 2 and Keras 3, so exit 1:\n{out}{err}"
    assert "== TensorFlow 2.12.1 (default install, v1 mode): 4 keys\nmodel/dense/bias [4] float32\n" in out, out
    assert "== TensorFlow 2.21.0 (default install, v1 mode): 4 keys\n" in out, out
    diff = out[out.index("== 2.12.1 -> 2.21.0\n"):].splitlines()
    assert diff == [
        "== 2.12.1 -> 2.21.0",
        "added    model/dense_1_1/bias [4] float32",
        "added    model/dense_1_1/kernel [4, 4] float32",
        "removed  model/dense_1/bias [4] float32",
        "removed  model/dense_1/kernel [4, 4] float32",
        "renamed  model/dense_1/bias -> model/dense_1_1/bias: default layer name shifted dense_1 -> dense_1_1 "
        "(restore-plan maps it)",
        "renamed  model/dense_1/kernel -> model/dense_1_1/kernel: default layer name shifted dense_1 -> dense_1_1 "
        "(restore-plan maps it)",
        "checkpoint keys differ: 2 added, 2 removed, 0 reshaped: a checkpoint written under 2.12.1 does not "
        "restore by name under 2.21.0",
    ], out


def test_several_releases_refuse_against_and_unknown_releases(tf_pool, capsys):
    status, out, err = keys_command(tf_pool, capsys, "keras_model:build", "--tf", "2.12,2.21", "--against", str(SAVED))
    assert (status, out) == (2, ""), out
    assert err.startswith("keys: error: --tf with several releases"), err


@pytest.mark.xdist_group(Config(flavour="legacy", mode="eager").name)
def test_object_keys_of_a_tf1_style_layer_under_the_shim(tf_pool, capsys):
    status, out, err = keys_command(tf_pool, capsys, "keras_model:tracked", "--object", "--flavour", "legacy")
    assert status == 0, err
    assert out.splitlines() == [
        "model/_tf1_style_var_store/_vars/block.Sfc.Sbias/.ATTRIBUTES/VARIABLE_VALUE [4] float32  # block/fc/bias",
        "model/_tf1_style_var_store/_vars/block.Sfc.Skernel/.ATTRIBUTES/VARIABLE_VALUE [3, 4] float32  "
        "# block/fc/kernel",
    ], out
    assert list(keys.parse(out)) == [line.split()[0] for line in out.splitlines()], "the lines are a manifest"
    status, out, err = keys_command(tf_pool, capsys, "keras_model:tracked", "--object")
    assert (status, out) == (2, ""), out
    assert err == "keys: error: keras_model:tracked raised while building the graph: AttributeError: module " \
                  "'keras.utils' has no attribute 'track_tf1_style_variables'\n", err
