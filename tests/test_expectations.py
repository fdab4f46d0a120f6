"""expectations/*.toml: well-formed, naming real claims, and not stale against the matrix data."""
import json
from pathlib import Path

import pytest

from conformance import catalogue, expectations
from conformance.expectations import ExpectationError, TFSelector

ROOT = Path(__file__).resolve().parent.parent
MATRIX_JSON = ROOT / "docs" / "matrix.json"


def test_committed_expectations_load_and_name_existing_claims():
    entries = expectations.load()
    ids = {c.id for c in catalogue.load()}
    unknown = [(e.id, c) for e in entries for c in e.claims if c not in ids]
    assert not unknown, f"expectation entries naming claims not in the catalogue: {unknown}"


def test_committed_expectations_are_not_stale_in_the_matrix():
    """An entry covering a matrix configuration where the claim behaves as the baseline is stale."""
    if not MATRIX_JSON.exists():
        pytest.skip("no docs/matrix.json yet (make matrix)")
    data = json.loads(MATRIX_JSON.read_text())
    entries = expectations.load()
    configs = {c["key"]: c for c in data["configs"]}
    results = []
    for cid, info in data["claims"].items():
        for key, c in configs.items():  # a claim has a cell only where it does not hold
            status = info["cells"].get(key, {"status": "holds"})["status"]
            results.append((cid, c["tf_version"], c["flavour"], c["mode"], status != "holds"))
    stale = [s.render() for s in expectations.stale(entries, [r[0] for r in results] + list(data["claims"]), results)
             if "no longer needed" in s.why]
    assert not stale, "\n".join(stale)


def test_matrix_has_no_unexplained_difference():
    if not MATRIX_JSON.exists():
        pytest.skip("no docs/matrix.json yet (make matrix)")
    data = json.loads(MATRIX_JSON.read_text())
    fails = [(cid, key) for cid, info in data["claims"].items() for key, cell in info["cells"].items()
             if cell["status"] == "fails"]
    assert not fails, f"differences in docs/MATRIX.md that no expectation explains: {fails[:20]}"


@pytest.mark.parametrize("spec,version,expected", [
    (">=2.16", "2.16.2", True), (">=2.16", "2.15.1", False), ("<2.16", "2.15.1", True), ("<2.16", "2.16.0", False),
    (">=2.14,<2.16", "2.14.1", True), (">=2.14,<2.16", "2.16.1", False), ("==2.15", "2.15.1", True),
    ("==2.15.0", "2.15.1", False), (["2.12", "2.13"], "2.13.1", True), (["2.12", "2.13"], "2.14.1", False),
    (None, "2.99.0", True), ("<=2.15", "2.15.9", True), ("!=2.15", "2.15.1", False),
])
def test_tf_selector(spec, version, expected):
    assert TFSelector(spec).matches(version) is expected


@pytest.mark.parametrize("text,message", [
    ('[[expect]]\nid = "x"\nclaim = "a"\n', "entry 1 ('x'): missing `reason`"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\ntf = ">>2.16"\n', "entry 1 ('x'): `tf` '>>2.16'"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nmodes = ["v2"]\n', "entry 1 ('x'): `modes` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\ncolour = 1\n', "entry 1 ('x'): unknown key(s) ['colour']"),
    ('[[expect]]\nid = "x"\nreason = "r"\n', "entry 1 ('x'): missing `claim`"),
    ('[[expect]]\nclaim = "a"\nreason = "r"\n', "entry 1: missing or bad `id`"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nurl = "ftp://x"\n', "entry 1 ('x'): `url` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nexpect = { out = "no" }\n', "entry 1 ('x'): `expect` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\n[[expect]]\nid = "x"\nclaim = "b"\nreason = "r"\n',
     "entry 2 ('x'): duplicate id"),
    ('[[expect]\n', "not valid TOML"),
])
def test_malformed_expectation_file_is_a_clear_error_naming_the_entry(tmp_path, text, message):
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(ExpectationError) as info:
        expectations.load(tmp_path)
    assert f"bad.toml: {message}" in str(info.value) if "TOML" not in message else message in str(info.value)
