"""Every testable claim of the catalogue, in every mode and Keras flavour of the pinned release.

Test ids: ``test_claim[<claim id>-<mode>]`` (keras3) and ``...-<mode>-legacy``.
"""
import pytest

from conformance import catalogue, fixtures
from conformance.observation import judge

CLAIMS = catalogue.load()  # a malformed catalogue fails collection here, naming each problem
RUNS = catalogue.runs(CLAIMS)
LIMIT = 12  # lines of each side shown; `python -m conformance claim ID` and report/claims.json show all


def _id(claim, config):
    return f"{claim.id}-{config.mode}" + ("" if config.flavour == "keras3" else f"-{config.flavour}")


def failure(claim, config, outcome, observed):
    indent = "\n    "
    lines = [f"claim {claim.id} ({claim.source}, {config.mode}, {config.flavour}): "
             f"expected{indent}{outcome.expect.render(LIMIT).replace(chr(10), indent)}",
             f"TF did{indent}{observed.render(LIMIT).replace(chr(10), indent)}"]
    lines += [f"note: {n}" for n in observed.notes]
    if observed.log:
        lines.append("last stderr lines:" + indent + observed.log.replace("\n", indent))
    lines.append(f"(run: .venv/bin/python -m conformance claim {claim.id} --mode {config.mode} "
                 f"--flavour {config.flavour})")
    return "\n".join(lines)


# Under `pytest -n auto --dist loadgroup` every run of one configuration goes to one xdist worker,
# so each TF worker process (3-7 s to start) is started once, not once per xdist worker.
@pytest.mark.parametrize("claim,config", [pytest.param(c, cfg, id=_id(c, cfg), marks=pytest.mark.xdist_group(cfg.name))
                                          for c, cfg in RUNS])
def test_claim(claim, config, tf_pool):
    outcome = claim.outcome(config.mode, config.flavour)
    observed = fixtures.run(tf_pool, config, claim)
    judged = judge(claim, config, observed)
    if not judged.as_expected:
        pytest.fail(failure(claim, config, outcome, observed), pytrace=False)
    # The verdict is data; the judge re-derives the outcome from what TF really did.
    assert judged.outcome == outcome.verdict, \
        f"claim {claim.id} ({config.name}): the case says {outcome.verdict!r}, TF's behaviour gives {judged.outcome!r}"


NOT_TESTABLE = [c for c in CLAIMS if not c.testable]


@pytest.mark.parametrize("claim", NOT_TESTABLE, ids=[c.id for c in NOT_TESTABLE])
def test_not_testable(claim):
    pytest.skip(f"not-testable: {claim.id}: {claim.reason}")
