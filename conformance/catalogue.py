"""The claim catalogue: cases as data (``cases/claims/*.toml``), validated on load.

Each ``[[claim]]`` is one documented claim.  Fields (see docs/CASE_FORMAT.md):

    id          stable identifier, ``[a-z0-9][a-z0-9_.-]*``, unique across files
    seed        a seed document's file name (SEEDS) or "suite" for behaviours the
                suite adds itself (release changes, networks, checkpoints)
    origin      "tf-test" (TEMPORARY, until the harness knows origins): a behaviour asserted by
                TensorFlow's or tf-slim's own tests; such a claim has no `seed`, but a `test`
    test        "path/in/repo.py::Class.method" of the asserting test (origin="tf-test" only)
    url         public address the claim came from (optional)
    quote       the claim verbatim, original language (required unless seed="suite")
    statement   the claim in English
    verdict     holds | holds-with-difference | refuted | not-testable
    reason      why a not-testable claim cannot be tested (only for not-testable)
    difference  what TF does differently (required where a verdict is not holds)
    program     tf.compat.v1 program; names available: tf, tf2, slim, np, workdir
    claimed     {out=[...], error="Type: message prefix"}: what the source says it does
    expect      {out=[...], error="Type: message"}: what TF does (default: claimed)
    [[claim.override]]   modes=[...], flavours=[...], and any of verdict/expect/difference;
                verdict "not-applicable" (overrides only; needs `reason`): the claim cannot run
                in that configuration; `expect` still records what TF does there

``out`` lists printed lines (or ``out_file``, a text file beside the TOML file);
``error`` is the exception, ``Type: message``, normalised as in runner.normalise_error.
``claimed.error`` is matched as a prefix of the observed error (sources quote
messages cut short); ``expect.error`` must match exactly.
"""
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .configs import FLAVOURS, MODES, Config
from .runner import observation_lines

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_DIR = ROOT / "cases" / "claims"

SEEDS = {
    "000_3cd957daa6dd2a95.txt": "Blog notes on tf.Variable / get_variable / slim scopes (Traditional Chinese), zhenlianghe.com",
    "001_3aede9fb8586bc76.txt": "Korean translation of the Stack Overflow question 'Difference between Variable and get_variable'",
    "002_d4a114c3b44134a5.txt": "Chinese translation of the TensorFlow 1 programmer's guide 'Variables'",
    "003_dd71f135512b6516.txt": "Chinese translation of the TensorFlow 1 'Sharing Variables' guide",
    "004_a04c0b1659623806.txt": "Chinese blog post on name_scope vs variable_scope",
}
SUITE = "suite"
TF_TEST = "tf-test"  # TEMPORARY: origin of claims taken from TensorFlow's / tf-slim's own tests
VERDICTS = ("holds", "holds-with-difference", "refuted", "not-testable")
NOT_APPLICABLE = "not-applicable"  # TEMPORARY: per-configuration verdict, overrides only
OVERRIDE_VERDICTS = VERDICTS + (NOT_APPLICABLE,)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
CLAIM_KEYS = {"id", "seed", "origin", "test", "url", "quote", "statement", "verdict", "reason", "difference",
              "program", "claimed", "expect", "override"}
OVERRIDE_KEYS = {"modes", "flavours", "verdict", "expect", "difference", "reason"}
OBSERVATION_KEYS = {"out", "out_file", "error"}


class CatalogueError(Exception):
    """One or more malformed claims; the message names each claim and what is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("malformed claim catalogue:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Expected:
    out: tuple | None = None  # None: not stated (only allowed in `claimed` together with an error)
    error: str | None = None

    def as_dict(self):
        return {"out": None if self.out is None else list(self.out), "error": self.error}


@dataclass(frozen=True)
class Outcome:
    """What a claim says about one configuration."""
    verdict: str
    expect: Expected | None
    difference: str | None
    reason: str | None = None  # why a configuration is not-applicable


@dataclass
class Claim:
    id: str
    seed: str
    statement: str
    verdict: str
    file: str
    quote: str | None = None
    url: str | None = None
    reason: str | None = None
    difference: str | None = None
    program: str | None = None
    claimed: Expected | None = None
    expect: Expected | None = None
    overrides: list = field(default_factory=list)
    origin: str | None = None
    test: str | None = None

    @property
    def testable(self):
        return self.verdict != "not-testable"

    def outcome(self, mode, flavour="keras3"):
        verdict, expect, difference = self.verdict, self.expect or self.claimed, self.difference
        reason = None
        for ov in self.overrides:
            if mode in ov["modes"] and flavour in ov["flavours"]:
                verdict = ov.get("verdict", verdict)
                expect = ov.get("expect", expect)
                difference = ov.get("difference", difference)
                reason = ov.get("reason", reason)
        return Outcome(verdict, expect, difference, reason)

    def outcomes(self):
        return {(f, m): self.outcome(m, f) for f in FLAVOURS for m in MODES}


def claimed_matches(claimed: Expected, observed_out, observed_error) -> bool:
    """Does an observation bear out what the source claimed?"""
    if claimed.out is not None and tuple(claimed.out) != tuple(observed_out):
        return False
    if claimed.error is None:
        return observed_error is None
    return observed_error is not None and observed_error.startswith(claimed.error)


def render_expected(expect: Expected) -> str:
    return "\n".join(observation_lines(expect.out, expect.error)) or "(nothing printed)"


def expect_matches(expect: Expected, observed_out, observed_error) -> bool:
    return tuple(expect.out or ()) == tuple(observed_out) and expect.error == observed_error


def _observation(raw, where, base, problems, *, allow_partial):
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table with `out` and/or `error`, got {raw!r}")
        return None
    unknown = set(raw) - OBSERVATION_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(OBSERVATION_KEYS)}")
    if not ({"out", "out_file", "error"} & set(raw)):
        problems.append(f"{where}: names no observation (give `out`, `out_file` or `error`)")
        return None
    out = raw.get("out")
    if "out_file" in raw:
        if "out" in raw:
            problems.append(f"{where}: give `out` or `out_file`, not both")
        path = base / raw["out_file"]
        if not path.is_file():
            problems.append(f"{where}: out_file {raw['out_file']!r} not found beside {base}")
            return None
        out = path.read_text().splitlines()
    if out is not None and not (isinstance(out, list) and all(isinstance(x, str) for x in out)):
        problems.append(f"{where}: `out` must be a list of strings (printed lines)")
        return None
    error = raw.get("error")
    if error is not None and not (isinstance(error, str) and re.match(r"^[A-Za-z_][\w.]*: ", error)):
        problems.append(f"{where}: `error` must read 'Type: message', got {error!r}")
        return None
    if out is None and not allow_partial:
        out = []
    return Expected(None if out is None else tuple(out), error)


def _check_consistency(claim, problems):
    """A verdict must agree with its data: holds <=> TF's expected behaviour bears out the claim."""
    for (flavour, mode), oc in claim.outcomes().items():
        where = f"{claim.file}: claim {claim.id!r} ({mode}, {flavour})"
        if oc.verdict not in OVERRIDE_VERDICTS:
            problems.append(f"{where}: unknown verdict {oc.verdict!r}; expected one of {OVERRIDE_VERDICTS}")
            continue
        if oc.verdict == NOT_APPLICABLE:  # TEMPORARY: no consistency check, but a reason
            if not oc.reason:
                problems.append(f"{where}: verdict 'not-applicable' needs a `reason` in its override")
            continue
        if oc.verdict == "not-testable":
            if claim.testable:
                problems.append(f"{where}: a testable claim cannot be not-testable in one configuration only")
            continue
        agrees = claimed_matches(claim.claimed, oc.expect.out or (), oc.expect.error)
        if oc.verdict == "holds" and not agrees:
            problems.append(f"{where}: verdict 'holds' but `expect` {oc.expect.as_dict()} does not bear out "
                            f"`claimed` {claim.claimed.as_dict()}")
        if oc.verdict != "holds":
            if agrees:
                problems.append(f"{where}: verdict {oc.verdict!r} but `expect` bears out `claimed`: "
                                f"that is 'holds'")
            if not oc.difference:
                problems.append(f"{where}: verdict {oc.verdict!r} needs a `difference` saying what TF does instead")


def _claim(raw, file, problems):
    where = f"{file.name}: claim {raw.get('id', '<no id>')!r}"
    unknown = set(raw) - CLAIM_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}")
    tf_test = raw.get("origin") == TF_TEST
    if "origin" in raw and not tf_test:
        problems.append(f"{where}: unknown origin {raw['origin']!r}; expected {TF_TEST!r}")
    if tf_test:  # TEMPORARY: a tf-test claim names its test instead of a seed
        if "seed" in raw:
            problems.append(f"{where}: a tf-test claim has no `seed`")
        if not (isinstance(raw.get("test"), str) and "::" in raw["test"]):
            problems.append(f"{where}: a tf-test claim needs `test` (path::Class.method)")
        raw = dict(raw, seed=TF_TEST)
    elif "test" in raw:
        problems.append(f"{where}: `test` is only for origin = {TF_TEST!r}")
    for key in ("id", "seed", "statement", "verdict"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: missing `{key}`")
    if any(not isinstance(raw.get(k), str) for k in ("id", "seed", "statement", "verdict")):
        return None
    if not ID_PATTERN.match(raw["id"]):
        problems.append(f"{where}: id must match {ID_PATTERN.pattern}")
    seed = raw["seed"]
    if not tf_test and seed != SUITE and seed not in SEEDS:
        problems.append(f"{where}: unknown seed file {seed!r}; expected one of {sorted(SEEDS)} or {SUITE!r}")
    if seed != SUITE and not (isinstance(raw.get("quote"), str) and raw["quote"].strip()):
        problems.append(f"{where}: missing `quote` (the claim verbatim from {seed})")
    if raw.get("url") is not None and not str(raw["url"]).startswith(("http://", "https://")):
        problems.append(f"{where}: `url` must be a public http(s) address")
    if raw["verdict"] not in VERDICTS:
        problems.append(f"{where}: unknown verdict {raw['verdict']!r}; expected one of {VERDICTS}")
        return None
    claim = Claim(id=raw["id"], seed=seed, statement=raw["statement"].strip(), verdict=raw["verdict"],
                  file=file.name, quote=raw.get("quote"), url=raw.get("url"), reason=raw.get("reason"),
                  difference=raw.get("difference"), program=raw.get("program"),
                  origin=raw.get("origin"), test=raw.get("test"))
    if not claim.testable:
        if not claim.reason:
            problems.append(f"{where}: not-testable needs a `reason`")
        for key in ("program", "claimed", "expect", "override"):
            if key in raw:
                problems.append(f"{where}: a not-testable claim has no `{key}`")
        return claim
    if claim.reason:
        problems.append(f"{where}: `reason` is only for not-testable claims")
    if not (isinstance(claim.program, str) and claim.program.strip()):
        problems.append(f"{where}: missing `program`")
        return None
    try:
        compile(claim.program, f"<{claim.id}>", "exec")
    except SyntaxError as exc:
        problems.append(f"{where}: program does not compile: {exc}")
    if "claimed" not in raw:
        problems.append(f"{where}: missing `claimed` (what the source says the program does)")
        return None
    base = file.parent
    claim.claimed = _observation(raw["claimed"], f"{where} claimed", base, problems, allow_partial=True)
    if "expect" in raw:
        claim.expect = _observation(raw["expect"], f"{where} expect", base, problems, allow_partial=False)
    elif claim.claimed is not None:
        if claim.claimed.out is None:
            problems.append(f"{where}: `claimed` states no `out`, so `expect` must say what is printed")
        claim.expect = Expected(claim.claimed.out or (), claim.claimed.error)
    for i, ov in enumerate(raw.get("override", [])):
        ow = f"{where} override[{i}]"
        if not isinstance(ov, dict):
            problems.append(f"{ow}: must be a table")
            continue
        bad = set(ov) - OVERRIDE_KEYS
        if bad:
            problems.append(f"{ow}: unknown key(s) {sorted(bad)}; allowed: {sorted(OVERRIDE_KEYS)}")
        modes, flavours = ov.get("modes", list(MODES)), ov.get("flavours", list(FLAVOURS))
        for m in modes:
            if m not in MODES:
                problems.append(f"{ow}: unknown mode {m!r}; expected one of {MODES}")
        for f in flavours:
            if f not in FLAVOURS:
                problems.append(f"{ow}: unknown flavour {f!r}; expected one of {FLAVOURS}")
        if not ({"verdict", "expect", "difference"} & set(ov)):
            problems.append(f"{ow}: overrides nothing")
        entry = {"modes": modes, "flavours": flavours}
        for key in ("verdict", "difference", "reason"):
            if key in ov:
                entry[key] = ov[key]
        if "reason" in ov and ov.get("verdict") != NOT_APPLICABLE:
            problems.append(f"{ow}: `reason` is only for verdict {NOT_APPLICABLE!r}")
        if "expect" in ov:
            entry["expect"] = _observation(ov["expect"], f"{ow} expect", base, problems, allow_partial=False)
        claim.overrides.append(entry)
    if claim.claimed is not None and claim.expect is not None and all(
            o.get("expect", True) is not None for o in claim.overrides):
        _check_consistency(claim, problems)
    return claim


def toml_tables(directory, key, problems):
    """(file, [tables]) for each ``*.toml`` in directory holding only a ``[[key]]`` array of tables.

    Unreadable files and stray top-level keys are added to ``problems``, naming the file."""
    for file in sorted(Path(directory).glob("*.toml")):
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{file.name}: not valid TOML: {exc}")
            continue
        extra = set(data) - {key}
        if extra:
            problems.append(f"{file.name}: unknown top-level key(s) {sorted(extra)}; a file holds [[{key}]] tables")
        tables = data.get(key, [])
        if not isinstance(tables, list):
            problems.append(f"{file.name}: `{key}` must be an array of tables ([[{key}]])")
            continue
        yield file, tables


def load(directory=CLAIMS_DIR):
    """All claims of the catalogue, in file order; raises CatalogueError on any problem."""
    problems, claims, seen = [], [], {}
    if not sorted(Path(directory).glob("*.toml")):
        raise CatalogueError([f"no claim files (*.toml) in {directory}"])
    for file, tables in toml_tables(directory, "claim", problems):
        for raw in tables:
            claim = _claim(raw, file, problems)
            if claim is None:
                continue
            if claim.id in seen:
                problems.append(f"{file.name}: duplicate id {claim.id!r} (first in {seen[claim.id]})")
                continue
            seen[claim.id] = file.name
            claims.append(claim)
    if problems:
        raise CatalogueError(problems)
    return claims


def runs(claims, flavours=FLAVOURS, modes=MODES):
    """(claim, Config) pairs for every testable claim under the pinned release."""
    return [(c, Config(flavour=f, mode=m)) for c in claims if c.testable for f in flavours for m in modes]
