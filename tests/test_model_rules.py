"""The naming rules the model is built on are claims of the catalogue (cases/claims/suite_model_rules.toml):
real TF checks them in every configuration (cases/test_claims.py) and on every release (the matrix).
Here the model must cover every one of them (no OutsideModel) and predict exactly what the claim
expects of TF, in modes v1 and graph.  This file holds no TF facts of its own.

These tests run only the model: no TensorFlow is imported.
"""
import pytest

from conformance import catalogue
from conformance.configs import Config
from conformance.model import run_program
from conformance.observation import judge

RULES = [c for c in catalogue.load() if c.file == "suite_model_rules.toml"]


def test_the_rules_are_in_the_catalogue():
    assert len(RULES) >= 13, f"cases/claims/suite_model_rules.toml holds {len(RULES)} claims; the model's rules are there"


@pytest.mark.parametrize("mode", ["v1", "graph"])
@pytest.mark.parametrize("claim", RULES, ids=[c.id for c in RULES])
def test_model_follows_rule(claim, mode):
    observed = run_program(claim.program, mode, claim.id)  # OutsideModel fails the test: a rule must be covered
    expect = claim.outcome(mode, "keras3").expect
    if not judge(claim, Config(mode=mode), observed).as_expected:
        pytest.fail(f"{claim.id} in mode {mode}: the model departs from the rule\n  TF: {expect.one_line()}\n"
                    f"  model: {observed.one_line()}", pytrace=False)
