"""cases/tf_tests.toml, the behaviours TensorFlow's and tf-slim's own tests assert, agrees with the
tf-test claims of the catalogue (no TensorFlow)."""
import tomllib
from collections import Counter
from pathlib import Path

from conformance import catalogue

ROOT = Path(__file__).resolve().parent.parent
BEHAVIOURS = tomllib.loads((ROOT / "cases" / "tf_tests.toml").read_text(encoding="utf-8"))["behaviour"]
CLAIMS = {c.id: c for c in catalogue.load()}
FILES = ("tensorflow/python/kernel_tests/variables/variable_scope_test.py",
         "tensorflow/python/framework/ops_test.py",
         "tf_slim/layers/layers_test.py")


def test_every_behaviour_is_well_formed():
    problems = []
    for i, b in enumerate(BEHAVIOURS):
        where = f"behaviour {i} ({b.get('test')})"
        extra = set(b) - {"file", "test", "assert", "statement", "claims", "not_yet"}
        if extra:
            problems.append(f"{where}: unknown key(s) {sorted(extra)}")
        if b.get("file") not in FILES:
            problems.append(f"{where}: file {b.get('file')!r} is not one of the three test files")
        for key in ("test", "assert", "statement"):
            if not (isinstance(b.get(key), str) and b[key].strip()):
                problems.append(f"{where}: missing `{key}`")
        if "\n" in b.get("assert", ""):
            problems.append(f"{where}: `assert` must be one line")
        if ("claims" in b) == ("not_yet" in b):
            problems.append(f"{where}: give either `claims` or `not_yet`")
        for cid in b.get("claims", []):
            claim = CLAIMS.get(cid)
            if claim is None:
                problems.append(f"{where}: no claim {cid!r} in the catalogue")
            elif claim.origin != "tf-test" or not claim.test.startswith(b["file"] + "::"):
                problems.append(f"{where}: claim {cid!r} does not come from {b['file']}")
    assert not problems, "\n".join(problems)


def test_behaviours_are_distinct():
    keys = Counter((b["file"], b["test"], b["assert"], b["statement"]) for b in BEHAVIOURS)
    assert not [k for k, n in keys.items() if n > 1]


def test_breadth_and_coverage():
    mapped = [b for b in BEHAVIOURS if "claims" in b]
    assert len(BEHAVIOURS) >= 140, len(BEHAVIOURS)
    assert len(mapped) >= 0.9 * len(BEHAVIOURS), (len(mapped), len(BEHAVIOURS))


def test_every_tf_test_claim_is_listed_with_its_quote():
    listed = {(b["file"] + "::" + b["test"], b["assert"]) for b in BEHAVIOURS}
    unlisted = [c.id for c in CLAIMS.values() if c.origin == "tf-test" and (c.test, c.quote) not in listed]
    assert not unlisted, f"tf-test claims whose test and quote no behaviour lists: {unlisted}"
    referenced = {cid for b in BEHAVIOURS for cid in b.get("claims", [])}
    orphans = [c.id for c in CLAIMS.values() if c.origin == "tf-test" and c.id not in referenced]
    assert not orphans, f"tf-test claims no behaviour maps to: {orphans}"


def test_coverage_md_is_current():
    from conformance import tf_tests

    committed = tf_tests.COVERAGE_MD.read_text(encoding="utf-8") if tf_tests.COVERAGE_MD.exists() else ""
    assert committed == tf_tests.render(BEHAVIOURS, list(CLAIMS.values())), \
        "docs/TF_TESTS_COVERAGE.md is out of date with cases/tf_tests.toml and the catalogue: run `make report`"
