"""Differential fuzzing: generated naming programs must observe the same on the model and on TF.

Programs come from ``conformance.programs`` (nested name/variable scopes of every kind,
re-entry by string, by captured scope object and by captured name-scope string, absolute
name scopes, custom getters, arg_scope, colliding and case-variant names, names that
already end in ``_1``, reuse flags in every combination, built-in initializers, partitioned
variables, slim layers with and without ``scope=``, creations that must fail).  Each runs as Python source on the model and on TF through the worker pool,
in modes v1 and graph; the full observation (every printed line and the final error)
must be equal.  A failure prints the shrunk program as a runnable tf.compat.v1 script
with what TF printed and what the model predicted.

Profiles (conftest.py): ``ci`` (default; derandomized, EXAMPLES_CI examples per mode),
``dev``, ``fuzz`` (``make fuzz``; the example database is kept in .hypothesis/).
"""
import difflib
import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from conformance.configs import Config
from conformance.model import OutsideModel, run_program
from conformance.programs import as_script, strategy

ROOT = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
EXAMPLES_CI = 150

_overrides = {}
if PROFILE == "ci":
    _overrides["max_examples"] = EXAMPLES_CI
else:  # keep what the fuzzer found, so `make fuzz` replays it first next time
    _overrides["database"] = DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))


def report(source, mode, tf_obs, model_obs):
    diff = difflib.unified_diff(tf_obs.render().splitlines(), model_obs.render().splitlines(),
                                "TF", "model", lineterm="")
    return "\n".join([
        f"The model disagrees with TF in mode {mode}. Runnable script:", "",
        as_script(source, mode), "--- TF printed:", tf_obs.render(), "--- the model predicted:",
        model_obs.render(), "--- diff:", *diff])


@pytest.mark.parametrize("mode", ["v1", "graph"])
@settings(**_overrides)
@given(source=strategy())
def test_model_matches_tf(tf_pool, mode, source):
    try:
        predicted = run_program(source, mode)
    except OutsideModel:
        assume(False)  # no generated program should: tests/test_programs.py checks that they do not
    observed = tf_pool.run(Config(mode=mode), source, "fuzz")
    assert predicted == observed, report(source, mode, observed, predicted)
