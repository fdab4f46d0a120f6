"""The claim catalogue: cases as data (``cases/claims/*.toml``), validated on load.

Each ``[[claim]]`` is one documented claim.  Fields:

    id          stable identifier, ``[a-z0-9][a-z0-9_.-]*``, unique across files
    seed        the seed document it comes from (a file name in SEEDS), with
    quote       the claim verbatim in the source's language; or instead of ``seed``:
    origin      "suite" (the suite's own finding), "fuzzing" (found by differential fuzzing),
                "tf-test" (TensorFlow's or tf-slim's own tests: ``test`` names
                ``path::Class.method`` and ``quote`` is its asserting line, verbatim) or
                "guide" (a TensorFlow guide: ``url`` and the guide's sentence as ``quote``)
    url         public address of the source (optional, required for "guide")
    statement   the claim in English
    verdict     holds | holds-with-difference | refuted | not-applicable | not-testable
    reason      why the claim is not testable, or (with not-applicable) why it does not apply
    difference  what TF does instead (required where the verdict is differs or refuted)
    program     tf.compat.v1 program; names available: tf, tf2, slim, np, workdir (and fixture_dir)
    fixture     { tf = "1.15", program = '''...''' }: files the claim's program reads, written first by
                another program under that release (mode v1, default install), e.g. a checkpoint an
                old release saved.  The writer gets ``fixture_dir``, an empty directory to write into;
                its files are cached by the hash of the writer (and the project modules it imports)
                and the release (conformance/fixtures.py), kept read-only, and the claim's program
                gets their directory as ``fixture_dir`` (printed as ``<fixture>``).  Snapshot hashes
                include the fixture, so changing the writer re-runs the claim everywhere.
    claimed     {out=[...], error="Type: message prefix"}: what the source says it does
    expect      {out=[...], error="Type: message"}: what TF does (default: claimed)
    [[claim.override]]   modes=[...], flavours=[...], and any of verdict/expect/difference/reason

``out`` lists printed lines (or ``out_file``, a text file beside the TOML file); ``error`` is
the exception, ``Type: message``, normalised as in observation.normalise_error; ``status`` and
``detail`` (in ``expect`` only) say that TF crashes or hangs.  ``claimed.error`` is matched as a
prefix of the observed error (sources quote messages cut short); ``expect`` must match exactly.

A verdict agrees with its data, checked on load: ``holds`` where ``expect`` bears out
``claimed``, and any other verdict where it does not, except ``not-applicable``: the claim
cannot run in that configuration (e.g. tf.placeholder under eager execution), which the
``reason`` says, while ``expect`` still states exactly what TF does there.
"""
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .observation import (DIFFERS, HOLDS, NOT_APPLICABLE, NOT_TESTABLE, REFUTED, STATUSES, VERDICTS,
                          Observation, bears_out)
from .releases import FLAVOURS, MODES

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_DIR = ROOT / "cases" / "claims"
SEEDS_DIR = Path(os.environ.get("CONFORMANCE_SEEDS", ROOT.parent / "shared" / "seeds"))  # quotes are checked against them

SEEDS = {
    "000_3cd957daa6dd2a95.txt": "Blog notes on tf.Variable / get_variable / slim scopes (Traditional Chinese), zhenlianghe.com",
    "001_3aede9fb8586bc76.txt": "Korean translation of the Stack Overflow question 'Difference between Variable and get_variable'",
    "002_d4a114c3b44134a5.txt": "Chinese translation of the TensorFlow 1 programmer's guide 'Variables'",
    "003_dd71f135512b6516.txt": "Chinese translation of the TensorFlow 1 'Sharing Variables' guide",
    "004_a04c0b1659623806.txt": "Chinese blog post on name_scope vs variable_scope",
}
ORIGINS = {
    "seed": "a seed document",
    "tf-test": "TensorFlow's and tf-slim's own tests",
    "guide": "TensorFlow's guides",
    "suite": "the suite's own findings",
    "fuzzing": "differential fuzzing",
}
QUOTED = ("seed", "tf-test", "guide")       # origins whose claims quote their source verbatim
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
TEST_PATTERN = re.compile(r"^[\w./-]+\.py::\w+(\.\w+)?$")
CLAIM_KEYS = {"id", "seed", "origin", "test", "url", "quote", "statement", "verdict", "reason", "difference",
              "program", "claimed", "expect", "override", "fixture"}
FIXTURE_KEYS = {"tf", "program"}
OVERRIDE_KEYS = {"modes", "flavours", "verdict", "expect", "difference", "reason"}
OBSERVATION_KEYS = {"out", "out_file", "error", "status", "detail"}


class CatalogueError(Exception):
    """One or more malformed claims; the message names each claim and what is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("malformed claim catalogue:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Outcome:
    """What a claim says about one configuration."""
    verdict: str
    expect: Observation
    difference: str = None
    reason: str = None       # why not applicable


@dataclass(frozen=True)
class Fixture:
    """Files a claim reads, written by ``program`` under release ``tf`` (see the module docstring)."""
    tf: str          # the release as the catalogue names it ("1.15"); runs at its newest patch
    program: str

    @property
    def release(self):
        from .releases import release

        return release(self.tf)


@dataclass
class Claim:
    id: str
    origin: str
    statement: str
    verdict: str
    file: str
    seed: str = None
    test: str = None
    quote: str = None
    url: str = None
    reason: str = None
    difference: str = None
    program: str = None
    claimed: Observation = None
    expect: Observation = None
    overrides: list = field(default_factory=list)
    fixture: Fixture = None

    @property
    def testable(self):
        return self.verdict != NOT_TESTABLE

    @property
    def source(self):
        """Where the claim comes from, in a few words: the seed file, the test, or the origin."""
        return self.seed or self.test or (self.url if self.origin == "guide" else ORIGINS[self.origin])

    def outcome(self, mode, flavour="keras3"):
        verdict, expect, difference, reason = self.verdict, self.expect, self.difference, self.reason
        for ov in self.overrides:
            if mode in ov["modes"] and flavour in ov["flavours"]:
                verdict = ov.get("verdict", verdict)
                expect = ov.get("expect", expect)
                difference = ov.get("difference", difference)
                reason = ov.get("reason", reason)
        return Outcome(verdict, expect, difference, reason if verdict == NOT_APPLICABLE else None)

    def outcomes(self):
        return {(f, m): self.outcome(m, f) for f in FLAVOURS for m in MODES}


def _observation(raw, where, base, problems, *, claimed):
    """An Observation from a TOML table; ``claimed``: a source's claim (its output may be unstated)."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table with `out` and/or `error`, got {raw!r}")
        return None
    allowed = OBSERVATION_KEYS - ({"status", "detail"} if claimed else set())
    unknown = set(raw) - allowed
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    if not ({"out", "out_file", "error", "status"} & set(raw)):
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
    status = raw.get("status", "ran")
    if status not in STATUSES[:3]:
        problems.append(f"{where}: `status` must be one of {list(STATUSES[:3])}, got {status!r}")
        return None
    if status != "ran" and not isinstance(raw.get("detail"), str):
        problems.append(f"{where}: status {status!r} needs its `detail` (e.g. \"exit 3\" or \"5 s\")")
        return None
    if out is None and not claimed:
        out = []
    return Observation(None if out is None else tuple(out), error, status, raw.get("detail"))


def _check_consistency(claim, problems):
    """A verdict must agree with its data: holds <=> TF's expected behaviour bears out the claim."""
    for (flavour, mode), oc in claim.outcomes().items():
        where = f"{claim.file}: claim {claim.id!r} ({mode}, {flavour})"
        if oc.verdict not in VERDICTS:
            problems.append(f"{where}: unknown verdict {oc.verdict!r}; expected one of {VERDICTS}")
            continue
        if oc.verdict == NOT_TESTABLE:
            problems.append(f"{where}: a testable claim cannot be not-testable in one configuration only")
            continue
        if oc.verdict == NOT_APPLICABLE:
            if not oc.reason:
                problems.append(f"{where}: verdict 'not-applicable' needs a `reason` saying why the claim "
                                f"cannot run there")
            continue
        agrees = bears_out(claim.claimed, oc.expect)
        if oc.verdict == HOLDS and not agrees:
            problems.append(f"{where}: verdict 'holds' but `expect` {oc.expect.as_dict()} does not bear out "
                            f"`claimed` {claim.claimed.as_dict()}")
        if oc.verdict != HOLDS:
            if agrees:
                problems.append(f"{where}: verdict {oc.verdict!r} but `expect` bears out `claimed`: "
                                f"that is 'holds'")
            if not oc.difference:
                problems.append(f"{where}: verdict {oc.verdict!r} needs a `difference` saying what TF does instead")


def _list_of(raw, key, allowed, where, problems):
    """A non-empty list drawn from ``allowed`` (modes or flavours of an override)."""
    if key not in raw:
        return list(allowed)
    values = raw[key]
    if not isinstance(values, list):
        problems.append(f"{where}: `{key}` must be a list such as {[allowed[-1]]!r}, got {values!r}")
        return []
    if not values:
        problems.append(f"{where}: `{key}` is empty: name at least one of {list(allowed)}")
    for v in values:
        if v not in allowed:
            problems.append(f"{where}: unknown {key[:-1]} {v!r}; expected one of {allowed}")
    return values


def _origin(raw, where, problems):
    """(origin, seed) of a claim, with its provenance checked."""
    seed, origin = raw.get("seed"), raw.get("origin")
    if seed is not None and origin is not None:
        problems.append(f"{where}: give `seed` (a seed document) or `origin`, not both")
    if seed is None and origin is None:
        problems.append(f"{where}: missing `seed` or `origin` (where the claim comes from: a seed file, or one of "
                        f"{sorted(set(ORIGINS) - {'seed'})})")
        return None, None
    if seed is not None:
        if seed not in SEEDS:
            problems.append(f"{where}: unknown seed file {seed!r}; expected one of {sorted(SEEDS)}")
        origin = "seed"
    elif origin not in ORIGINS or origin == "seed":
        problems.append(f"{where}: unknown origin {origin!r}; expected one of {sorted(set(ORIGINS) - {'seed'})} "
                        f"(or `seed` for a seed document)")
        return None, None
    quote = raw.get("quote")
    has_quote = isinstance(quote, str) and quote.strip()
    if origin in QUOTED and not has_quote:
        problems.append(f"{where}: missing `quote` (the source's words verbatim: {ORIGINS[origin]})")
    if origin not in QUOTED and "quote" in raw:
        problems.append(f"{where}: a claim of origin {origin!r} has no `quote` (only a source can be quoted)")
    if origin == "tf-test":
        if not (isinstance(raw.get("test"), str) and TEST_PATTERN.match(raw["test"])):
            problems.append(f"{where}: origin 'tf-test' needs `test` = \"path/to/x_test.py::Class.method\"")
    elif "test" in raw:
        problems.append(f"{where}: `test` is only for origin 'tf-test'")
    if origin == "guide" and not raw.get("url"):
        problems.append(f"{where}: origin 'guide' needs the guide's `url`")
    return origin, seed


def _claim(raw, file, problems):
    where = f"{file.name}: claim {raw.get('id', '<no id>')!r}"
    unknown = set(raw) - CLAIM_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("id", "statement", "verdict"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: missing `{key}`")
    if any(not isinstance(raw.get(k), str) for k in ("id", "statement", "verdict")):
        return None
    if not ID_PATTERN.match(raw["id"]):
        problems.append(f"{where}: id must match {ID_PATTERN.pattern}")
    origin, seed = _origin(raw, where, problems)
    if origin is None:
        return None
    if raw.get("url") is not None and not str(raw["url"]).startswith(("http://", "https://")):
        problems.append(f"{where}: `url` must be a public http(s) address")
    if raw["verdict"] not in VERDICTS:
        problems.append(f"{where}: unknown verdict {raw['verdict']!r}; expected one of {VERDICTS}")
        return None
    claim = Claim(id=raw["id"], origin=origin, seed=seed, test=raw.get("test"),
                  statement=" ".join(raw["statement"].split()), verdict=raw["verdict"], file=file.name,
                  quote=raw.get("quote"), url=raw.get("url"), reason=raw.get("reason"),
                  difference=raw.get("difference"), program=raw.get("program"))
    if not claim.testable:
        if not claim.reason:
            problems.append(f"{where}: not-testable needs a `reason`")
        for key in ("program", "claimed", "expect", "override", "fixture"):
            if key in raw:
                problems.append(f"{where}: a not-testable claim has no `{key}`")
        return claim
    if claim.reason and claim.verdict != NOT_APPLICABLE:
        problems.append(f"{where}: `reason` is only for not-testable and not-applicable claims")
    if not (isinstance(claim.program, str) and claim.program.strip()):
        problems.append(f"{where}: missing `program`")
        return None
    try:
        compile(claim.program, f"<{claim.id}>", "exec")
    except SyntaxError as exc:
        problems.append(f"{where}: program does not compile: {exc}")
    if "fixture" in raw:
        claim.fixture = _fixture(raw["fixture"], f"{where} fixture", problems)
    if "claimed" not in raw:
        problems.append(f"{where}: missing `claimed` (what the source says the program does)")
        return None
    base = file.parent
    claim.claimed = _observation(raw["claimed"], f"{where} claimed", base, problems, claimed=True)
    if "expect" in raw:
        claim.expect = _observation(raw["expect"], f"{where} expect", base, problems, claimed=False)
    elif claim.claimed is not None:
        if claim.claimed.out is None:
            problems.append(f"{where}: `claimed` states no `out`, so `expect` must say what is printed")
        claim.expect = Observation(claim.claimed.out or (), claim.claimed.error)
    overrides = raw.get("override", [])
    if not isinstance(overrides, list):
        problems.append(f"{where}: `override` must be [[claim.override]] tables")
        overrides = []
    for i, ov in enumerate(overrides):
        ow = f"{where} override[{i}]"
        if not isinstance(ov, dict):
            problems.append(f"{ow}: must be a table")
            continue
        bad = set(ov) - OVERRIDE_KEYS
        if bad:
            problems.append(f"{ow}: unknown key(s) {sorted(bad)}; allowed: {sorted(OVERRIDE_KEYS)}")
        entry = {"modes": _list_of(ov, "modes", MODES, ow, problems),
                 "flavours": _list_of(ov, "flavours", FLAVOURS, ow, problems)}
        if not ({"verdict", "expect", "difference", "reason"} & set(ov)):
            problems.append(f"{ow}: overrides nothing")
        if "reason" in ov and ov.get("verdict") != NOT_APPLICABLE:
            problems.append(f"{ow}: `reason` goes with verdict 'not-applicable' (say why it does not apply)")
        for key in ("verdict", "difference", "reason"):
            if key in ov:
                entry[key] = ov[key]
        if "expect" in ov:
            entry["expect"] = _observation(ov["expect"], f"{ow} expect", base, problems, claimed=False)
        claim.overrides.append(entry)
    if claim.claimed is not None and claim.expect is not None and all(
            o.get("expect", True) is not None for o in claim.overrides):
        _check_consistency(claim, problems)
    return claim


def _fixture(raw, where, problems):
    """A Fixture from ``{ tf = "1.15", program = '...' }``, or None with the problems said."""
    from .releases import UnknownRelease, release

    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table {{ tf = \"1.15\", program = '...' }}, got {raw!r}")
        return None
    unknown = set(raw) - FIXTURE_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(FIXTURE_KEYS)}")
    tf, program = raw.get("tf"), raw.get("program")
    if not isinstance(tf, str):
        problems.append(f"{where}: needs `tf`, the release that writes it, as a string such as \"1.15\"")
        return None
    try:
        release(tf)
    except UnknownRelease as exc:
        problems.append(f"{where}: {exc}")
        return None
    if not (isinstance(program, str) and program.strip()):
        problems.append(f"{where}: needs `program`, the source that writes its files into fixture_dir")
        return None
    if "fixture_dir" not in program:
        problems.append(f"{where}: the program never names fixture_dir, the directory it must write into")
    try:
        compile(program, f"<{where}>", "exec")
    except SyntaxError as exc:
        problems.append(f"{where}: program does not compile: {exc}")
        return None
    return Fixture(tf, program)


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
    from .configs import Config

    return [(c, Config(flavour=f, mode=m)) for c in claims if c.testable for f in flavours for m in modes]
