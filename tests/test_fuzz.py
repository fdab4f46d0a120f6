"""Differential fuzzing: generated naming programs must observe the same on the model and on TF.

Programs come from ``conformance.programs`` (nested name/variable scopes of every kind,
re-entry by string, by captured scope object and by captured name-scope string, absolute
name scopes, custom getters, arg_scope, colliding and case-variant names, names that
already end in ``_1``, reuse flags in every combination, built-in initializers, partitioned
variables, slim layers with and without ``scope=``, creations that must fail).  Each runs as Python source on the model and on TF through the worker pool,
in modes v1 and graph; the full observation (every printed line and the final error)
must be equal.  A failure prints the shrunk program as a runnable tf.compat.v1 script
with what TF printed and what the model predicted.

The pinned release runs in modes v1 and graph; older releases run in v1 (OLD_RELEASES: 1.0,
the first release; 1.3, the last with generator-based scopes; 1.4, the first with tf.AUTO_REUSE,
its tf the top-level module and slim tf.contrib.slim; and 1.15, the last 1.x; their environments
are the ones make check builds anyway), the model told the release (``run_program(..., release=)``) and the generator rendering
only what the release has (``programs.strategy(release=)``).

Profiles (conftest.py): ``ci`` (default; derandomized, EXAMPLES_CI examples per pinned mode,
EXAMPLES_CI_OLD per older release), ``dev``, ``fuzz`` (``make fuzz``; the example database is
kept in .hypothesis/).
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
from conformance.releases import release as tf_release

ROOT = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
EXAMPLES_CI = 150
EXAMPLES_CI_OLD = 25
OLD_RELEASES = ("1.0", "1.3", "1.4", "1.15")

_overrides = {}
_overrides_old = {}
if PROFILE == "ci":
    _overrides["max_examples"] = EXAMPLES_CI
    _overrides_old["max_examples"] = EXAMPLES_CI_OLD
else:  # keep what the fuzzer found, so `make fuzz` replays it first next time
    _overrides["database"] = _overrides_old["database"] = \
        DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))


def report(source, mode, tf_obs, model_obs, release=None):
    diff = difflib.unified_diff(tf_obs.render().splitlines(), model_obs.render().splitlines(),
                                "TF", "model", lineterm="")
    where = f"TF {tf_release(release).version}, mode {mode}" if release else f"mode {mode}"
    return "\n".join([
        f"The model disagrees with TF ({where}). Runnable script:", "",
        as_script(source, mode, release), "--- TF printed:", tf_obs.render(), "--- the model predicted:",
        model_obs.render(), "--- diff:", *diff])


def _grouped(values, config_of):
    """Parameters grouped as cases/test_claims.py groups its runs: one xdist worker per TF configuration."""
    return [pytest.param(v, marks=pytest.mark.xdist_group(config_of(v).name)) for v in values]


@pytest.mark.parametrize("mode", _grouped(["v1", "graph"], lambda m: Config(mode=m)))
@settings(**_overrides)
@given(source=strategy())
def test_model_matches_tf(tf_pool, mode, source):
    try:
        predicted = run_program(source, mode)
    except OutsideModel:
        assume(False)  # no generated program should: tests/test_programs.py checks that they do not
    observed = tf_pool.run(Config(mode=mode), source, "fuzz")
    assert predicted == observed, report(source, mode, observed, predicted)


@pytest.mark.parametrize("release", _grouped(OLD_RELEASES, lambda r: Config(tf=tf_release(r).version, mode="v1")))
def test_model_matches_older_release(tf_pool, release):
    """The same differential fuzzing against an older release in mode v1."""
    config = Config(tf=tf_release(release).version, mode="v1")

    @settings(**_overrides_old)
    @given(source=strategy(release=release))
    def fuzz(source):
        try:
            predicted = run_program(source, "v1", release=release)
        except OutsideModel:
            assume(False)
        observed = tf_pool.run(config, source, "fuzz")
        assert predicted == observed, report(source, "v1", observed, predicted, release)

    fuzz()
