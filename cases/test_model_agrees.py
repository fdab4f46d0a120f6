"""The pure-Python model against the catalogue: every claim whose program stays inside
the model's surface must give, on the model, the observation the claim expects from
TF (keras3 flavour) in modes v1 and graph.  Claims outside the surface are reported
(skipped with the OutsideModel reason), not failed; ``test_model_coverage_report``
prints the coverage summary.

Runs without TensorFlow.
"""
import pytest

from conformance import catalogue
from conformance.configs import Config
from conformance.model import OutsideModel, coverage, run_program
from conformance.observation import judge

CLAIMS = [c for c in catalogue.load() if c.testable]
MODEL_MODES = ("v1", "graph")
RUNS = [(c, m) for c in CLAIMS for m in MODEL_MODES]


@pytest.mark.parametrize("claim,mode", RUNS, ids=[f"{c.id}-{m}" for c, m in RUNS])
def test_model_agrees_with_claim(claim, mode):
    expect = claim.outcome(mode, "keras3").expect
    if claim.fixture is not None:
        pytest.skip(f"outside the model: reads files TensorFlow {claim.fixture.tf} wrote (a fixture)")
    try:
        observed = run_program(claim.program, mode, claim.id)
    except OutsideModel as exc:
        pytest.skip(f"outside the model: {exc}")
    if not judge(claim, Config(mode=mode), observed).as_expected:
        pytest.fail("\n".join([
            f"claim {claim.id} ({claim.source}) in mode {mode}: the model disagrees with TF's expected observation",
            "program:", *("    " + line for line in claim.program.strip().splitlines()),
            "TF (expected):", *("    " + line for line in expect.render().splitlines()),
            "model:", *("    " + line for line in observed.render().splitlines())]), pytrace=False)


def test_model_coverage_report(capsys):
    lines = []
    for mode in MODEL_MODES:
        covered, outside = coverage(CLAIMS, mode)
        lines.append(f"model coverage ({mode}): {len(covered)}/{len(covered) + len(outside)} testable claims")
        lines += [f"    outside: {cid}: {why}" for cid, why in sorted(outside.items())]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
