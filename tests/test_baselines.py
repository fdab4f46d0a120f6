"""The committed baselines (baselines/*.json) agree with the catalogue for the pinned configurations.

They are what `make gate` compares other releases with; if a claim is added or its program or
expectation changes, this fails until `make baselines` re-records them.
"""
from pathlib import Path

import pytest

from conformance import catalogue, snapshot
from conformance.configs import PINNED_TF, pinned_configs
from conformance.observation import Observation, judge

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "baselines"
CLAIMS = [c for c in catalogue.load() if c.testable]
FIX = "re-record them with `make baselines` (.venv/bin/python -m conformance baselines)"


@pytest.mark.parametrize("config", pinned_configs(), ids=lambda c: c.name)
def test_baseline_matches_catalogue(config):
    path = snapshot.path_for(BASELINES, config)
    assert path.exists(), f"no baseline {path.name}: {FIX}"
    snap = snapshot.read(path)
    assert snap["config"] == {"tf": PINNED_TF, "flavour": config.flavour, "mode": config.mode}
    assert snap["tf_version"] == PINNED_TF
    assert snap["versions"].get("tensorflow-cpu", snap["versions"].get("tensorflow")) == PINNED_TF
    assert ("tf-keras" in snap["versions"]) == (config.flavour == "legacy")
    observations, programs = snap["observations"], snap.get("programs", {})
    problems = []
    for claim in CLAIMS:
        if claim.id not in observations:
            problems.append(f"{claim.id}: missing")
            continue
        if programs.get(claim.id) != snapshot.claim_hash(claim):
            problems.append(f"{claim.id}: recorded for another version of its program")
        obs = Observation.from_dict(observations[claim.id])
        if not judge(claim, config, obs).as_expected:
            expect = claim.outcome(config.mode, config.flavour).expect
            problems.append(f"{claim.id}: baseline {obs.one_line(200)} but the catalogue expects {expect.one_line(200)}")
    extra = sorted(set(observations) - {c.id for c in CLAIMS})
    problems += [f"{cid}: in the baseline but not a testable claim of the catalogue" for cid in extra]
    assert not problems, f"{path.name} is stale ({FIX}):\n" + "\n".join(problems[:30])
