"""The worker harness: isolation between programs, robust protocol, and programs that leak,
crash or hang, each an outcome and never a traceback; the commands' clear errors."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conformance.configs import MODES, Config
from conformance.observation import Observation, normalise_error
from conformance.runner import TFWorker

ROOT = Path(__file__).resolve().parent.parent
LEAKS = {
    "disable_v2_behavior": "tf.disable_v2_behavior()\nprint('done')\n",
    "monkeypatch": "tf.get_variable = lambda *a, **k: None\nprint('done')\n",
    "environment": "import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\nprint('done')\n",
    "thread": "import threading, time\nthreading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
              "print('done')\n",
    "numpy": "np.set_printoptions(precision=2)\nprint('done')\n",
}
PROBE = "v = tf.get_variable('a', [1])\nprint(v.dtype.name, tf.get_variable is tf.get_variable, os_env)\n"


# Tests that use the session's workers join the xdist group of their configuration (as
# cases/test_claims.py groups its runs), so that they reuse that worker instead of starting one.
GRAPH = pytest.mark.xdist_group(Config(mode="graph").name)
EAGER = pytest.mark.xdist_group(Config(mode="eager").name)


@pytest.mark.parametrize("mode", [pytest.param(m, marks=pytest.mark.xdist_group(Config(mode=m).name)) for m in MODES])
def test_each_program_starts_from_a_fresh_graph(tf_pool, mode):
    program = ("with tf.variable_scope('s'):\n    v = tf.get_variable('a', [1])\n"
               "print(v.name, len(tf.global_variables()))\n")
    first = tf_pool.run(Config(mode=mode), program)
    second = tf_pool.run(Config(mode=mode), program)
    assert first == second, f"state leaked from one program to the next in {mode}: {first} then {second}"
    assert first.error is None, first.traceback


@GRAPH
@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_a_program_that_changes_process_state_is_noted_and_the_next_program_is_unaffected(tf_pool, leak):
    config = Config(mode="graph")
    probe = "import os\nos_env = os.environ.get('TF_USE_LEGACY_KERAS')\n" + PROBE
    before = tf_pool.run(config, probe, "probe")
    leaked = tf_pool.run(config, LEAKS[leak], leak)
    assert leaked.out == ("done",) and leaked.error is None, f"the leaking program's own outcome is kept: {leaked}"
    assert leaked.notes and "changed process-wide state" in leaked.notes[0], f"the change is noted: {leaked.notes}"
    after = tf_pool.run(config, probe, "probe")
    assert after == before, f"after {leak!r} the next program saw {after.one_line()} instead of {before.one_line()}"


@GRAPH
def test_writes_to_the_real_stdout_do_not_corrupt_the_protocol_and_sys_stdout_write_is_output(tf_pool):
    program = "import os, sys\nos.write(1, b'noise\\n')\nsys.stdout.write('written\\n')\nprint('kept')\n"
    observed = tf_pool.run(Config(mode="graph"), program)
    assert observed == Observation(("written", "kept"), None), observed


@GRAPH
def test_an_exception_is_observed_as_type_and_message(tf_pool):
    observed = tf_pool.run(Config(mode="graph"), "print('before')\nraise KeyError('k')\n")
    assert observed == Observation(("before",), "KeyError: 'k'"), observed
    assert "KeyError" in observed.traceback, observed.traceback


@GRAPH
def test_workdir_paths_are_masked(tf_pool):
    observed = tf_pool.run(Config(mode="graph"), "import os\nprint(os.path.join(workdir, 'model.ckpt'))\n"
                                                 "print(os.path.isdir(workdir))\n")
    assert observed.out == ("<workdir>/model.ckpt", "True"), observed


@EAGER
@pytest.mark.parametrize("program,detail", [
    ("import os, sys\nsys.stderr.write('last words\\n'); sys.stderr.flush()\nos._exit(3)\n", "exit 3"),
    ("import ctypes\nctypes.string_at(0)\n", "signal 11 (SIGSEGV)"),
    ("import os\nos.abort()\n", "signal 6 (SIGABRT)"),
])
def test_a_crashing_program_is_an_outcome_and_the_worker_is_replaced(tf_pool, program, detail):
    worker = tf_pool.get(Config(mode="eager"))
    crashed = worker.run(program, "crash")
    assert (crashed.status, crashed.detail) == ("crashed", detail), crashed
    assert crashed.render() == f"crashed ({detail})", crashed.render()
    if "last words" in program:
        assert "last words" in crashed.log, f"the worker's last stderr lines are kept: {crashed.log!r}"
    assert worker.run("print('alive')").out == ("alive",), "the next program runs in a new worker"


@EAGER
def test_a_hanging_program_times_out_and_the_run_goes_on(tf_pool):
    worker = tf_pool.get(Config(mode="eager"))
    worker.run("pass")  # started: the time-out counts the program only
    saved, worker.timeout = worker.timeout, 1.5
    try:
        start = time.monotonic()
        hung = worker.run("import time\ntime.sleep(600)\n", "hang")
        assert time.monotonic() - start < 10, "the time-out did not stop the program"
        assert (hung.status, hung.detail) == ("timed-out", "1.5 s"), hung
        assert hung.render() == "timed out after 1.5 s", hung.render()
    finally:
        worker.timeout = saved
    assert worker.run("print('alive')").out == ("alive",), "the next program runs in a new worker"


def test_v1_mode_of_a_1x_release_ignores_a_tf2_behavior_variable_in_the_callers_environment(monkeypatch):
    """`import tensorflow` (2.x) sets TF2_BEHAVIOR=1 in its process; a TF 1.15 worker that inherited
    it would build resource variables in v1 mode, which is 1.15's own default: ref variables."""
    from conformance import envs
    from conformance.releases import release

    rel = release("1.15")
    try:
        envs.interpreter(rel.python, rel)
    except envs.EnvError as exc:
        pytest.skip(str(exc).splitlines()[0])
    monkeypatch.setenv("TF2_BEHAVIOR", "1")
    with TFWorker(Config(rel.version, "keras3", "v1")) as worker:
        observed = worker.run("v = tf.get_variable('v', [1])\nprint(v.dtype.name, type(v).__name__)")
    assert observed.out == ("float32_ref RefVariable",), \
        f"TF 1.15 in mode v1 made {observed.render()!r} with TF2_BEHAVIOR=1 in the caller's environment"


def test_a_mode_the_release_lacks_is_not_available_without_starting_tf():
    worker = TFWorker(Config("1.4.1", "keras3", "eager"), python="/nonexistent/python")
    observed = worker.run("print(1)")
    assert observed.status == "not-available" and "eager execution appeared in TF 1.5" in observed.detail, observed
    assert worker.proc is None, "no worker process for a mode that does not exist"


@pytest.mark.parametrize("raw,normalised", [
    ("ValueError: Variable a already exists, disallowed. Did you mean to set reuse=True or "
     "reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n  File \"x.py\", line 3, in <module>\n",
     "ValueError: Variable a already exists, disallowed. Did you mean to set reuse=True or "
     "reuse=tf.AUTO_REUSE in VarScope?"),
    ("TypeError: bad object <Foo at 0x7f3a2b1c9d80>", "TypeError: bad object <Foo at 0x…>"),
    ("KeyError: 'k'  ", "KeyError: 'k'"),
])
def test_normalise_error(raw, normalised):
    assert normalise_error(raw) == normalised


# --- the commands, as a user runs them --------------------------------------------------

def cli(*args, stdin=None, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=dict(os.environ, **(env or {})))


def test_observe_a_hanging_program_with_a_short_timeout_says_timed_out(tmp_path):
    program = tmp_path / "hang.py"
    program.write_text("import time\nwhile True:\n    time.sleep(1)\n")
    start = time.monotonic()
    r = cli("observe", str(program), "--mode", "graph", "--mode", "v1", "--timeout", "2")
    assert time.monotonic() - start < 30, "observe --timeout 2 must return well within 30 s"
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("timed out after 2 s") == 2, r.stdout
    assert "Traceback" not in r.stdout + r.stderr, r.stderr


def test_observe_keeps_every_mode_when_the_program_crashes(tmp_path):
    program = tmp_path / "crash.py"
    program.write_text("import os\nprint('hi')\nos._exit(7)\n")
    r = cli("observe", str(program))
    assert r.returncode == 0 and "Traceback" not in r.stdout + r.stderr, r.stdout + r.stderr
    assert r.stdout.count("crashed (exit 7)") == 3, r.stdout


def test_observe_a_syntax_error_is_one_line_before_tensorflow_starts(tmp_path):
    program = tmp_path / "broken.py"
    program.write_text("print('a'\n")
    start = time.monotonic()
    r = cli("observe", str(program))
    assert r.returncode == 2, r.stdout
    assert r.stderr.strip().startswith(f"observe: error: {program}, line 1:"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stdout == "", r.stderr
    assert time.monotonic() - start < 10, "a syntax error is found before TensorFlow is imported"


def test_observe_a_missing_file_is_one_line():
    r = cli("observe", "no/such/file.py")
    assert r.returncode == 2 and r.stderr.strip() == "observe: error: cannot read no/such/file.py: " \
                                                     "No such file or directory", r.stderr


def test_claim_list_and_unknown_ids():
    r = cli("claim", "--list")
    assert r.returncode == 0 and "variable.auto-suffix-in-name-scope" in r.stdout, r.stderr
    r = cli("claim", "no.such-claim")
    assert r.returncode == 2 and "unknown claim id(s): no.such-claim" in r.stderr, r.stderr


def test_unknown_release_and_bad_timeout_are_one_line():
    r = cli("gate", "--tf", "3.7")
    assert r.returncode == 2 and r.stderr.startswith("gate: error: TensorFlow 3.7 is not a release"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = cli("observe", "-", "--timeout", "soon", stdin="print(1)\n")
    assert r.returncode == 2 and "'soon' is not a positive number of seconds" in r.stderr, r.stderr


def test_a_malformed_catalogue_is_one_clear_error_without_traceback(capsys):
    from conformance.__main__ import guarded
    from conformance.catalogue import CatalogueError

    def run(args):
        raise CatalogueError(["a.toml: claim 'x': missing `quote`", "a.toml: claim 'y': unknown verdict 'z'"])

    assert guarded(run, None, "claim") == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "claim: error: a.toml: claim 'x': missing `quote` (and 1 more problem(s))", err
    assert "Traceback" not in err, err


def test_top_level_help_speaks_to_users():
    r = cli("--help")
    assert r.returncode == 0, r.stderr
    for words in ("observe FILE", "run your tf.compat.v1 program", "Exit status", "CONFORMANCE_TIMEOUT"):
        assert words in r.stdout, f"{words!r} missing from --help:\n{r.stdout}"


def test_a_missing_interpreter_is_one_line_naming_the_release_and_how_to_provide_it(monkeypatch, tmp_path):
    from conformance import envs, releases

    r = cli("observe", "-", "--tf", "1.3", "--mode", "v1", stdin="print(1)\n",
            env={"CONFORMANCE_PYTHON36": "/nonexistent/python3.6",
                 "CONFORMANCE_ENVS": str(tmp_path)})  # no environment built there yet
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.strip() == "observe: error: CONFORMANCE_PYTHON36=/nonexistent/python3.6 is not a Python 3.6 " \
                               "interpreter", r.stderr
    monkeypatch.setattr(envs, "_candidates", lambda version: iter(()))
    monkeypatch.setattr(envs, "_FOUND", {})
    with pytest.raises(envs.EnvError) as info:
        envs.interpreter("3.6", releases.release("1.3"))
    message = str(info.value)
    assert message.startswith("TensorFlow 1.3 needs Python 3.6 (the newest Python with wheels of TF 1.0-1.12"), message
    assert "pyenv install 3.6" in message and "CONFORMANCE_PYTHON36=/path/to/python" in message, message
    assert "\n" not in message, "one line"


def test_history_and_matrix_render_need_the_committed_matrix(tmp_path):
    r = cli("history", "no.such-claim")
    assert r.returncode == 2 and "unknown claim id(s): no.such-claim" in r.stderr, r.stderr
    r = cli("matrix", "--render", "--docs", str(tmp_path))
    assert r.returncode == 2 and r.stderr.startswith("matrix: error: no "), r.stderr
