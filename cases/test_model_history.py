"""The model told a release against what TF did there: every claim x release x mode (v1, graph) of
docs/matrix.json whose observation differs from the pinned release's (where the release's
behaviour differs, the model must know it) must be predicted exactly by
``run_program(..., release=)``, or be outside the model (OutsideModel, with its reason).

The matrix holds what each release 1.0 ... 2.21 did (``make matrix``); a claim whose program
changed since it was recorded is skipped (its history is stale).  Runs without TensorFlow.
"""
import collections

import pytest

from conformance import catalogue, expectations, gate, matrix, snapshot
from conformance.model import OutsideModel, run_program
from conformance.observation import Observation

CLAIMS = {c.id: c for c in catalogue.load() if c.testable and c.fixture is None}


def _cells():
    """{release minor: [(claim, mode, TF's observation)]} where a release differs from the baseline."""
    data = matrix.load(matrix.MATRIX_JSON)
    if data is None:
        return {}
    m = matrix.Matrix(data, list(CLAIMS.values()), expectations.load(), gate.load_baselines())
    configs = {c["key"]: c for c in data["configs"]}
    cells = collections.defaultdict(list)
    for cid, info in data["claims"].items():
        claim = CLAIMS.get(cid)
        if claim is None or info.get("program") != snapshot.claim_hash(claim):
            continue
        for key, oid in info["cells"].items():
            cfg = configs.get(key)
            if cfg is None or cfg["flavour"] != "keras3" or cfg["mode"] not in ("v1", "graph") or not cfg["available"]:
                continue
            observed = Observation.from_dict(data["observations"][oid])
            if observed.ran:
                cells[cfg["release"]].append((claim, cfg["mode"], cfg["tf_version"], observed))
    return dict(sorted(cells.items(), key=lambda kv: tuple(map(int, kv[0].split(".")))))


CELLS = _cells()


@pytest.mark.parametrize("release", list(CELLS) or ["none"])
def test_model_knows_how_a_release_differs(release):
    if release == "none":
        pytest.skip("docs/matrix.json is missing: run `make matrix`")
    wrong, ran = [], 0
    for claim, mode, version, observed in CELLS[release]:
        try:
            predicted = run_program(claim.program, mode, claim.id, release=version)
        except OutsideModel:
            continue
        ran += 1
        if predicted != observed:
            wrong.append(f"{claim.id} [{mode}]\n    TF {version}: {observed.one_line(300)}\n"
                         f"    model:    {predicted.one_line(300)}")
    if wrong:
        pytest.fail(f"TF {release}: the model mispredicts {len(wrong)} of {ran} claims where this release differs "
                    f"from the pinned one:\n" + "\n".join(wrong), pytrace=False)
    if not ran:
        pytest.skip(f"TF {release}: every claim where this release differs is outside the model")
