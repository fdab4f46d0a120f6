"""The catalogue's validation, the quotes' provenance and the generated CLAIMS.md (no TensorFlow)."""
import re
import textwrap
from pathlib import Path

import pytest

from conformance import catalogue, matrix, report
from conformance.observation import Observation, bears_out

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = catalogue.SEEDS_DIR

GOOD = '''
[[claim]]
id = "x.one"
seed = "000_3cd957daa6dd2a95.txt"
quote = "重名?"
statement = "A statement."
verdict = "holds"
program = "print(1)"
claimed = { out = ["1"] }
'''


def load_text(tmp_path, text, name="a.toml"):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return catalogue.load(tmp_path)


def problems(tmp_path, text):
    with pytest.raises(catalogue.CatalogueError) as info:
        load_text(tmp_path, text)
    return str(info.value)


def test_a_well_formed_claim_loads(tmp_path):
    (claim,) = load_text(tmp_path, GOOD)
    assert claim.outcome("eager").expect == Observation(("1",), None), claim.outcome("eager")


@pytest.mark.parametrize("edit,message", [
    (lambda s: s.replace('quote = "重名?"\n', ""), "missing `quote`"),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"\n', ""), "missing `seed` or `origin`"),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"', 'origin = "suite"'), "has no `quote`"),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"', 'origin = "rumour"'), "unknown origin 'rumour'"),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"', 'origin = "tf-test"'), "needs `test` ="),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"', 'origin = "guide"'), "needs the guide's `url`"),
    (lambda s: s.replace('seed = "000_3cd957daa6dd2a95.txt"', 'seed = "000_3cd957daa6dd2a95.txt"\norigin = "suite"'),
     "give `seed` (a seed document) or `origin`, not both"),
    (lambda s: s + '[[claim.override]]\nmodes = []\nverdict = "refuted"\ndifference = "d"\n', "`modes` is empty"),
    (lambda s: s + '[[claim.override]]\nmodes = "eager"\nverdict = "refuted"\ndifference = "d"\n',
     "`modes` must be a list such as ['eager'], got 'eager'"),
    (lambda s: s + '[[claim.override]]\nmodes = ["eager"]\nverdict = "not-applicable"\n',
     "verdict 'not-applicable' needs a `reason`"),
    (lambda s: s + '[[claim.override]]\nmodes = ["eager"]\nverdict = "refuted"\nreason = "r"\ndifference = "d"\n',
     "`reason` goes with verdict 'not-applicable'"),
    (lambda s: s.replace("000_3cd957daa6dd2a95.txt", "999_nope.txt"), "unknown seed file '999_nope.txt'"),
    (lambda s: s + s, "duplicate id 'x.one'"),
    (lambda s: s.replace('"holds"', '"mostly"'), "unknown verdict 'mostly'"),
    (lambda s: s + '[[claim.override]]\nmodes = ["turbo"]\nverdict = "refuted"\ndifference = "d"\n',
     "unknown mode 'turbo'"),
    (lambda s: s + '[[claim.override]]\nflavours = ["keras4"]\nverdict = "refuted"\ndifference = "d"\n',
     "unknown flavour 'keras4'"),
    (lambda s: s.replace('claimed = { out = ["1"] }', "claimed = {}"), "names no observation"),
    (lambda s: s + 'expect = { }\n', "names no observation"),
    (lambda s: s.replace('claimed = { out = ["1"] }', ""), "missing `claimed`"),
    (lambda s: s.replace('program = "print(1)"', 'program = "print(1"'), "program does not compile"),
    (lambda s: s.replace('program = "print(1)"\n', ""), "missing `program`"),
    (lambda s: s.replace('id = "x.one"', 'id = "X One"'), "id must match"),
    (lambda s: s.replace('statement = "A statement."', 'statment = "typo"'), "unknown key(s) ['statment']"),
    (lambda s: s.replace('"holds"', '"refuted"'), "verdict 'refuted' but `expect` bears out `claimed`"),
    (lambda s: s + 'expect = { out = ["2"] }\n', "verdict 'holds' but `expect`"),
    (lambda s: s.replace('"holds"', '"refuted"') + 'expect = { out = ["2"] }\n', "needs a `difference`"),
    (lambda s: s.replace('"holds"', '"not-testable"'), "not-testable needs a `reason`"),
    (lambda s: s.replace('{ out = ["1"] }', '{ error = "no type here" }'), "`error` must read 'Type: message'"),
    (lambda s: s.replace('{ out = ["1"] }', '{ out_file = "missing.txt" }'), "out_file 'missing.txt' not found"),
    (lambda s: s + "[[override]]\n", "unknown top-level key(s) ['override']"),
    (lambda s: s + "[[claim.override]]\nmodes = [\"v1\"]\n", "overrides nothing"),
    (lambda s: s + 'fixture = "1.15"\n', "fixture: must be a table"),
    (lambda s: s + 'fixture = { program = "print(fixture_dir)" }\n', "needs `tf`, the release that writes it"),
    (lambda s: s + 'fixture = { tf = "0.9", program = "print(fixture_dir)" }\n', "TensorFlow 0.9 is not a release"),
    (lambda s: s + 'fixture = { tf = "1.15" }\n', "needs `program`"),
    (lambda s: s + 'fixture = { tf = "1.15", program = "print(1)" }\n', "never names fixture_dir"),
    (lambda s: s + 'fixture = { tf = "1.15", program = "print(fixture_dir" }\n', "fixture: program does not compile"),
    (lambda s: s + 'fixture = { tf = "1.15", program = "print(fixture_dir)", mode = "eager" }\n',
     "unknown key(s) ['mode']"),
])
def test_a_malformed_claim_fails_loudly_naming_the_claim(tmp_path, edit, message):
    text = problems(tmp_path, edit(GOOD))
    assert message in text, f"expected {message!r} in the error, got:\n{text}"
    assert "a.toml" in text, f"the error should name the file:\n{text}"


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = problems(tmp_path, GOOD.replace('"holds"', '"mostly"') + GOOD.replace("x.one", "x.two").replace(
        'quote = "重名?"\n', ""))
    assert "'x.one'" in text and "'x.two'" in text, text


def test_invalid_toml_names_the_file(tmp_path):
    text = problems(tmp_path, "[[claim]\n")
    assert "a.toml: not valid TOML" in text, text


def test_an_empty_catalogue_is_an_error(tmp_path):
    with pytest.raises(catalogue.CatalogueError, match="no claim files"):
        catalogue.load(tmp_path)


def test_a_modes_string_gives_one_clear_problem_not_many(tmp_path):
    text = problems(tmp_path, GOOD + '[[claim.override]]\nmodes = "eager"\nverdict = "refuted"\ndifference = "d"\n')
    assert text.count("\n  - ") == 1, f"one problem expected, got:\n{text}"


def test_not_applicable_keeps_asserting_what_tf_does(tmp_path):
    (claim,) = load_text(tmp_path, GOOD + '[[claim.override]]\nmodes = ["eager"]\nverdict = "not-applicable"\n'
                                          'reason = "no graph"\nexpect = { error = "RuntimeError: eager" }\n')
    oc = claim.outcome("eager")
    assert (oc.verdict, oc.reason, oc.expect) == ("not-applicable", "no graph", Observation((), "RuntimeError: eager"))
    assert claim.outcome("v1").reason is None, "a reason belongs to the not-applicable configurations only"


def test_claimed_error_is_a_prefix_expected_error_is_exact():
    claimed = Observation(None, "ValueError: Variable s/a already exists")
    full = Observation((), "ValueError: Variable s/a already exists, disallowed.")
    assert bears_out(claimed, Observation(("anything",), full.error)), "a quoted error is a prefix"
    assert not bears_out(claimed, Observation(())), "no error where the source claims one"
    assert Observation((), "ValueError: Variable s/a already exists") != full, "expectations are exact"
    assert not bears_out(Observation(("x",)), Observation(status="crashed", detail="exit 3")), "a crash holds nothing"


CLAIMS = catalogue.load()


def _squash(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed documents not beside the checkout ({SEEDS_DIR})")
@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.seed], ids=lambda c: c.id)
def test_quote_is_verbatim_from_its_seed(claim):
    seed_text = (SEEDS_DIR / claim.seed).read_text(encoding="utf-8")
    assert _squash(claim.quote) in _squash(seed_text), \
        f"{claim.id}: quote not found verbatim (whitespace aside) in {claim.seed}:\n{claim.quote}"


def test_catalogue_covers_every_seed():
    seeds = {c.seed for c in CLAIMS if c.seed}
    missing = set(catalogue.SEEDS) - seeds
    assert not missing, f"no claims from seed file(s) {sorted(missing)}"


def test_claims_md_is_current():
    committed = report.CLAIMS_MD.read_text(encoding="utf-8") if report.CLAIMS_MD.exists() else ""
    assert committed == report.render_markdown(CLAIMS, matrix.read(CLAIMS)), \
        "docs/CLAIMS.md is out of date with cases/claims/*.toml: run `make report` and commit docs/CLAIMS.md"


def test_a_fixture_loads_and_changes_the_program_hash(tmp_path):
    from conformance import fixtures, snapshot

    (plain,) = load_text(tmp_path, GOOD)
    (claim,) = load_text(tmp_path, GOOD + 'fixture = { tf = "1.15", program = "open(fixture_dir + \'/f\', \'w\')" }\n')
    assert (claim.fixture.tf, claim.fixture.release.version) == ("1.15", "1.15.5"), claim.fixture
    assert plain.fixture is None, "a claim without `fixture` has none"
    assert snapshot.claim_hash(claim) != snapshot.claim_hash(plain), "the fixture is part of the claim's hash"
    (other,) = load_text(tmp_path, GOOD + 'fixture = { tf = "1.14", program = "open(fixture_dir + \'/f\', \'w\')" }\n')
    assert snapshot.claim_hash(other) != snapshot.claim_hash(claim), "so is the release that writes it"
    assert fixtures.directory(other.fixture) != fixtures.directory(claim.fixture), "each writer and release has its own cache"
