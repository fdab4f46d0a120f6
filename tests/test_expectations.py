"""expectations/*.toml: well-formed, naming real claims, and not stale against the matrix data."""
import pytest

from conformance import catalogue, expectations, matrix, releases
from conformance.expectations import ExpectationError
from conformance.releases import TFSelector



def test_committed_expectations_load_and_name_existing_claims():
    entries = expectations.load()
    ids = {c.id for c in catalogue.load()}
    unknown = [(e.id, c) for e in entries for c in e.claims if c not in ids]
    assert not unknown, f"expectation entries naming claims not in the catalogue: {unknown}"


MATRIX = matrix.read()
NO_MATRIX = "no docs/matrix.json yet (make matrix)"


@pytest.mark.skipif(MATRIX is None, reason=NO_MATRIX)
def test_committed_expectations_are_not_stale_in_the_matrix():
    """An entry covering a configuration where the claim behaves as the baseline is stale."""
    stale = [s.render() for s in MATRIX.stale_entries()]
    assert not stale, "\n".join(stale)


@pytest.mark.skipif(MATRIX is None, reason=NO_MATRIX)
def test_matrix_has_no_unexplained_difference():
    unexplained = [(cid, cfg["key"]) for cid in sorted(MATRIX.ran) for cfg in MATRIX.configs
                   if cfg["available"] and MATRIX.status(cid, cfg) == "unexplained"]
    assert not unexplained, f"differences in docs/matrix.json that no expectation explains: {unexplained[:20]}"


@pytest.mark.skipif(MATRIX is None, reason=NO_MATRIX)
def test_matrix_is_current_with_the_catalogue():
    stale = MATRIX.stale_claims()
    assert not stale, f"claims changed or added since docs/matrix.json was recorded (run `make matrix`): {stale}"


@pytest.mark.skipif(MATRIX is None, reason=NO_MATRIX)
def test_matrix_was_recorded_against_the_current_baselines():
    """The matrix judges every release against the baselines: the pinned release itself must come out
    the same as them everywhere, or the matrix was recorded before `make baselines` last changed them."""
    pinned = releases.pinned().version
    differing = [(cid, cfg["key"]) for cfg in MATRIX.configs if cfg["tf_version"] == pinned and cfg["available"]
                 for cid in sorted(MATRIX.ran) if MATRIX.status(cid, cfg) != "same"]
    assert not differing, f"the pinned release differs from the baselines in docs/matrix.json (run `make matrix` " \
                          f"after `make baselines`): {differing[:10]}"


@pytest.mark.skipif(MATRIX is None, reason=NO_MATRIX)
def test_matrix_md_is_current():
    committed = (matrix.DOCS / "MATRIX.md").read_text(encoding="utf-8")
    assert committed == matrix.render_md(MATRIX), \
        "docs/MATRIX.md is out of date with docs/matrix.json, the catalogue or expectations/: run `make matrix` " \
        "(or, with no program changed, `.venv/bin/python -m conformance matrix --render`)"


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
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\n', "entry 1 ('x'): `verdict` must be one of"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\ntf = ">>2.16"\n', "entry 1 ('x'): `tf` '>>2.16'"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nmodes = ["v2"]\n', "entry 1 ('x'): `modes` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\ncolour = 1\n', "entry 1 ('x'): unknown key(s) ['colour']"),
    ('[[expect]]\nid = "x"\nreason = "r"\n', "entry 1 ('x'): missing `claim`"),
    ('[[expect]]\nclaim = "a"\nreason = "r"\n', "entry 1: missing or bad `id`"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nurl = "ftp://x"\n', "entry 1 ('x'): `url` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nexpect = { out = "no" }\n', "entry 1 ('x'): `expect` must be"),
    ('[[expect]]\nid = "x"\nclaim = "a"\nreason = "r"\nverdict = "refuted"\n[[expect]]\nid = "x"\nclaim = "b"\n'
     'reason = "r"\nverdict = "refuted"\n',
     "entry 2 ('x'): duplicate id"),
    ('[[expect]\n', "not valid TOML"),
])
def test_malformed_expectation_file_is_a_clear_error_naming_the_entry(tmp_path, text, message):
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(ExpectationError) as info:
        expectations.load(tmp_path)
    assert f"bad.toml: {message}" in str(info.value) if "TOML" not in message else message in str(info.value)
