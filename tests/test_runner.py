"""The worker harness: isolation between programs, robust protocol, clear failures."""
import pytest

from conformance.configs import MODES, Config
from conformance.runner import Observation, TFWorker, WorkerError, normalise_error


@pytest.mark.parametrize("mode", MODES)
def test_each_program_starts_from_a_fresh_graph(tf_pool, mode):
    program = ("with tf.variable_scope('s'):\n    v = tf.get_variable('a', [1])\n"
               "print(v.name, len(tf.global_variables()))\n")
    first = tf_pool.run(Config(mode=mode), program)
    second = tf_pool.run(Config(mode=mode), program)
    assert first == second, f"state leaked from one program to the next in {mode}: {first} then {second}"
    assert first.error is None, first.traceback


def test_writes_to_the_real_stdout_do_not_corrupt_the_protocol(tf_pool):
    program = "import os, sys\nos.write(1, b'noise\\n')\nsys.stdout.write('more noise\\n')\nprint('kept')\n"
    observed = tf_pool.run(Config(mode="graph"), program)
    assert observed == Observation(("kept",), None), observed


def test_an_exception_is_observed_as_type_and_message(tf_pool):
    observed = tf_pool.run(Config(mode="graph"), "print('before')\nraise KeyError('k')\n")
    assert observed == Observation(("before",), "KeyError: 'k'"), observed
    assert "KeyError" in observed.traceback, observed.traceback


def test_workdir_paths_are_masked(tf_pool):
    observed = tf_pool.run(Config(mode="graph"), "import os\nprint(os.path.join(workdir, 'model.ckpt'))\n"
                                                 "print(os.path.isdir(workdir))\n")
    assert observed.out == ("<workdir>/model.ckpt", "True"), observed


def test_a_dying_worker_is_reported_with_its_stderr_and_restarted():
    with TFWorker(Config(mode="graph")) as worker:
        with pytest.raises(WorkerError, match=r"exited with status 3:[\s\S]*last words"):
            worker.run("import os, sys\nsys.stderr.write('last words\\n'); sys.stderr.flush()\nos._exit(3)\n")
        assert worker.run("print('alive')").out == ("alive",), "the worker was not restarted"


def test_a_hanging_program_times_out():
    with TFWorker(Config(mode="graph"), timeout=3) as worker:
        worker.start()
        with pytest.raises(WorkerError, match="did not answer within 3 s"):
            worker.run("import time\ntime.sleep(60)\n")


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
