"""Every testable claim of the catalogue, in every mode and Keras flavour of the pinned release.

Test ids: ``test_claim[<claim id>-<mode>]`` (keras3) and ``...-<mode>-legacy``.
"""
import pytest

from conformance import catalogue
from conformance.configs import Config

CLAIMS = catalogue.load()  # a malformed catalogue fails collection here, naming each problem


def _id(claim, config):
    return f"{claim.id}-{config.mode}" + ("" if config.flavour == "keras3" else f"-{config.flavour}")


RUNS = catalogue.runs(CLAIMS)


def explain(claim, config, outcome, observed):
    lines = [f"claim {claim.id} ({claim.file}) under {config.name}: verdict {outcome.verdict!r}",
             f"statement: {claim.statement}", "program:", *("    " + l for l in claim.program.strip().splitlines()),
             "expected:", *("    " + l for l in catalogue.render_expected(outcome.expect).splitlines()),
             "observed:", *("    " + l for l in observed.render().splitlines())]
    if observed.traceback and observed.error != outcome.expect.error:
        lines += ["traceback:", observed.traceback]
    return "\n".join(lines)


@pytest.mark.parametrize("claim,config", RUNS, ids=[_id(c, cfg) for c, cfg in RUNS])
def test_claim(claim, config, tf_pool):
    outcome = claim.outcome(config.mode, config.flavour)
    observed = tf_pool.run(config, claim.program, claim.id)
    assert catalogue.expect_matches(outcome.expect, observed.out, observed.error), \
        explain(claim, config, outcome, observed)
    if outcome.verdict == catalogue.NOT_APPLICABLE:  # TEMPORARY: observed == expect is all it asserts
        return
    # The verdict is data; this re-derives it from what TF really did.
    bears_out = catalogue.claimed_matches(claim.claimed, observed.out, observed.error)
    assert bears_out == (outcome.verdict == "holds"), \
        f"verdict {outcome.verdict!r} of {claim.id} under {config.name} contradicts the observation " \
        f"(claim borne out: {bears_out})\n" + explain(claim, config, outcome, observed)


NOT_TESTABLE = [c for c in CLAIMS if not c.testable]


@pytest.mark.parametrize("claim", NOT_TESTABLE, ids=[c.id for c in NOT_TESTABLE])
def test_not_testable(claim):
    pytest.skip(f"not-testable: {claim.id}: {claim.reason}")
