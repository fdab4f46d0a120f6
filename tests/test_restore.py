"""restore-plan: matching a checkpoint's keys to a rebuilt graph, by naming rules, and verifying
the proposed assignment_map (conformance/restore.py, conformance/commands/restore_plan.py).

The models are tests/fixtures/restore_model.py.  Their "old" checkpoint is written by TF 1.0, the
oldest release the suite runs, through the fixture cache (conformance/fixtures.py: written once,
reused by later runs); small checkpoints are written by the pinned release into tmp dirs.  The
command runs in-process with the session's worker pool; one CLI run checks bad input.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import fixtures, restore
from conformance.catalogue import Fixture
from conformance.commands import restore_plan
from conformance.configs import Config
from conformance.restore import Tensor

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import restore_writer  # noqa: E402  (the program that wrote the models' old checkpoint)

sys.path.remove(str(FIXTURES))

# the tests that run TF share the v1 worker of cases/test_claims.py (one xdist group per configuration)
V1 = pytest.mark.xdist_group(Config(mode="v1").name)


@pytest.fixture(scope="module")
def old_checkpoint(tf_pool):
    """model.ckpt as TF 1.0 wrote it (scope model, Conv/Conv_1, fully_connected/_1, Adam)."""
    return str(fixtures.prepare(Fixture("1.0", restore_writer.WRITER), tf_pool, "tests/test_restore.py")
               / "model.ckpt")


def plan(tf_pool, capsys, *argv):
    parser = argparse.ArgumentParser()
    restore_plan.add_arguments(parser)
    status = restore_plan.run(parser.parse_args([*argv, "--path", str(FIXTURES)]), pool=tf_pool)
    out, err = capsys.readouterr()
    return status, out, err


def write_checkpoint(tf_pool, path, body):
    """A checkpoint written by the pinned release (v1 mode) from a few get_variable lines."""
    program = body + f"\nwith tf.Session() as s:\n    s.run(tf.global_variables_initializer())\n" \
                     f"    tf.train.Saver().save(s, {str(path)!r})\n"
    obs = tf_pool.run(Config(mode="v1"), program, "write a test checkpoint")
    assert obs.ran and obs.error is None, f"could not write the test checkpoint: {obs.one_line()}"
    return str(path)


# --- the command, against a checkpoint TF 1.0 wrote -------------------------------------

@V1
def test_renamed_scope_and_shifted_default_names_get_a_verified_map(tf_pool, capsys, old_checkpoint, tmp_path):
    out_json = tmp_path / "plan.json"
    status, out, err = plan(tf_pool, capsys, old_checkpoint, "restore_model:build", "--json", str(out_json))
    assert status == 0, f"expected every variable matched and verified:\n{out}{err}"
    lines = [" ".join(line.split()) for line in out.splitlines()]
    for expected in [
        "net/Conv/weights <- model/Conv_1/weights: scope renamed model/ -> net/; "
        "default layer name shifted Conv_1 -> Conv [restored]",
        "net/fully_connected/biases <- model/fully_connected_1/biases: scope renamed model/ -> net/; "
        "default layer name shifted fully_connected_1 -> fully_connected [restored]",
        "net/stem/weights <- model/Conv/weights: scope renamed model/Conv/ -> net/stem/ [restored]",
        "net/w/Adam_1 <- model/w/Adam_1: optimizer slot of net/w: scope renamed model/ -> net/ [restored as object]",
        "beta1_power <- beta1_power: same name [restored as object]",
        "checkpoint keys nothing uses: none",
        "restore-plan: ok: every variable matched and verified (30)",
    ]:
        assert expected in lines, f"missing line {expected!r} in:\n{out}"
    written = json.loads(out_json.read_text())
    assert sorted(written) == ["assignment_map", "unmatched_variables", "unused_checkpoint_keys", "verified"], written
    assert written["verified"] is True and written["unmatched_variables"] == [], written
    assert len(written["assignment_map"]) == 30, written["assignment_map"]
    assert written["assignment_map"]["model/Conv_1/weights"] == "net/Conv/weights", written["assignment_map"]
    assert written["assignment_map"]["model/fully_connected/weights"] == "net/hidden/weights", written


@V1
def test_a_genuinely_new_variable_is_unmatched_and_exits_1(tf_pool, capsys, old_checkpoint, tmp_path):
    out_json = tmp_path / "plan.json"
    status, out, _ = plan(tf_pool, capsys, old_checkpoint, "restore_model:build_with_new_variable",
                          "--json", str(out_json))
    assert status == 1, out
    assert "unmatched variables (1): nothing in the checkpoint restores them\n  net/temperature [1] float32\n" \
           "      every checkpoint key restores another variable; nearest by name: " in out, out
    assert out.rstrip().endswith("restore-plan: incomplete: 1 variable unmatched"), out
    written = json.loads(out_json.read_text())
    assert written["unmatched_variables"] == ["net/temperature"], written
    assert written["verified"] is True, "the 30 other variables still restore through the map"


@V1
def test_a_candidate_of_another_shape_is_refused_and_said(tf_pool, capsys, old_checkpoint):
    status, out, _ = plan(tf_pool, capsys, old_checkpoint, "restore_model:build_wider_w")
    assert status == 1, out
    assert "  net/w [2, 4] float32\n      nearest: model/w [2, 3] float32: refused: shape [2, 3] differs from the " \
           "variable's [2, 4] (scope renamed model/ -> net/)\n" in out, out
    assert "checkpoint keys nothing uses (3):\n  model/w [2, 3] float32\n" in out, out


# --- small checkpoints written here ------------------------------------------------------

@V1
def test_an_ambiguous_candidate_is_refused(tf_pool, capsys, tmp_path):
    ckpt = write_checkpoint(tf_pool, tmp_path / "twins.ckpt", "\n".join(
        f"with tf.variable_scope({s!r}):\n    tf.get_variable('x', [3])" for s in ("a", "b")))
    status, out, _ = plan(tf_pool, capsys, ckpt, "restore_model:build_twins")
    assert status == 1, out
    assert "nearest: a/x [3] float32: refused as ambiguous: scope renamed a/ -> net/" in out, out
    assert "nearest: b/x [3] float32: refused as ambiguous: scope renamed b/ -> net/" in out, out
    assert "  {}  (no variable matched)" in out, out


@V1
def test_an_object_based_checkpoint_maps_by_the_names_its_object_graph_records(tf_pool, capsys, tmp_path):
    ckpt = tmp_path / "tf2"
    program = ("with tf.variable_scope('net'):\n    x = tf.get_variable('x', [3])\n"
               "with tf.Session() as s:\n    s.run(x.initializer)\n"
               f"    print(tf.train.Checkpoint(layer=[x]).save({str(ckpt)!r}, session=s))\n")
    obs = tf_pool.run(Config(mode="v1"), program, "write an object-based checkpoint")
    assert obs.ran and obs.error is None, obs.one_line()
    status, out, _ = plan(tf_pool, capsys, obs.out[0], "restore_model:build_twins")
    assert status == 0, out
    assert "net/x <- layer/0/.ATTRIBUTES/VARIABLE_VALUE: object-based key; its object graph names the variable " \
           "net/x  [restored]" in out, out
    assert "(_CHECKPOINTABLE_OBJECT_GRAPH is the object graph of an object-based checkpoint, not a variable)" in out
    assert "checkpoint keys nothing uses (1):\n  save_counter/.ATTRIBUTES/VARIABLE_VALUE [] int64\n" in out, out


@V1
def test_bad_input_exits_2_with_one_line(tf_pool, capsys, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "conformance", "restore-plan", str(tmp_path / "nope.ckpt"),
                        "restore_model:build", "--path", str(FIXTURES)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert (r.returncode, r.stdout) == (2, ""), r.stdout + r.stderr
    assert r.stderr == f"restore-plan: error: no checkpoint at {tmp_path / 'nope.ckpt'}: neither a directory nor " \
                       f"a checkpoint prefix (nope.ckpt.index not found)\n", r.stderr
    ckpt = write_checkpoint(tf_pool, tmp_path / "m.ckpt", "tf.get_variable('x', [3])")
    status, out, err = plan(tf_pool, capsys, ckpt, "no_such_model:build")
    assert (status, out) == (2, ""), out
    assert err.startswith("restore-plan: error: cannot import module no_such_model") and err.count("\n") == 1, err
    status, out, err = plan(tf_pool, capsys, ckpt, "tiny_model:build_kills_the_process")
    assert (status, out) == (2, ""), out
    assert err == "restore-plan: error: building tiny_model:build_kills_the_process under TensorFlow 2.21.0: " \
                  "the build crashed (exit 9)\n", err
    (tmp_path / "empty").mkdir()
    status, out, err = plan(tf_pool, capsys, str(tmp_path / "empty"), "restore_model:build_twins")
    assert (status, out) == (2, ""), out
    assert err.startswith("restore-plan: error: no checkpoint in directory ") and err.count("\n") == 1, err


# --- the matcher alone (no TensorFlow) --------------------------------------------------

def T(name, shape=(2,), dtype="float32", **kw):
    return Tensor(name, tuple(shape), dtype, **kw)


def rules(p):
    return {v: (m.key, m.rule) for v, m in p.matches.items()}


def test_default_names_realign_in_creation_order():
    p = restore.match([T("dense/kernel", (3, 4)), T("dense_1/kernel", (4, 5))],
                      [T("dense_1/kernel", (3, 4)), T("dense_2/kernel", (4, 5))])
    assert rules(p) == {"dense/kernel": ("dense_1/kernel", "default layer name shifted dense_1 -> dense"),
                        "dense_1/kernel": ("dense_2/kernel", "default layer name shifted dense_2 -> dense_1")}, p


def test_prefix_added_dropped_suffix_and_uniquified_scopes():
    p = restore.match([T("tower/w"), T("b"), T("net/v")], [T("w"), T("outer/b"), T("net_1/v")])
    assert rules(p) == {"tower/w": ("w", "scope prefix tower/ added"),
                        "b": ("outer/b", "scope prefix outer/ dropped"),
                        "net/v": ("net_1/v", "_N suffix shifted with creation order net_1 -> net")}, p


def test_tensor_suffix_and_object_graph_names_count_as_the_name():
    p = restore.match([T("w"), T("net/k")], [
        T("w:0", alias="w", alias_note="the checkpoint key carries the tensor suffix :0"),
        T("model/layer/.ATTRIBUTES/VARIABLE_VALUE", alias="net/k", alias_note="object-based key")])
    assert rules(p) == {"w": ("w:0", "the checkpoint key carries the tensor suffix :0"),
                        "net/k": ("model/layer/.ATTRIBUTES/VARIABLE_VALUE", "object-based key")}, p


def test_two_variables_wanting_one_key_are_both_refused():
    p = restore.match([T("a/w"), T("b/w")], [T("model/w")])
    assert p.matches == {} and sorted(p.ambiguous) == ["a/w", "b/w"], p
    assert p.ambiguous["a/w"] == [("model/w", "scope renamed model/ -> a/; the key fits b/w as well")], p.ambiguous


def test_dtype_disagreement_is_refused_and_the_object_graph_is_not_a_variable():
    p = restore.match([T("step", (), "int64")], [T("step", (), "int32"), T(restore.OBJECT_GRAPH, (), "string")])
    assert p.unmatched == ["step"] and p.skipped == [restore.OBJECT_GRAPH], p
    assert p.nearest("step") == [("step", "refused: dtype int32 differs from the variable's int64 (same name)")]
