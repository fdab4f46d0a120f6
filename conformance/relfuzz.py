"""Differential fuzzing between two real TensorFlow releases.

The generated naming programs of ``conformance.programs``, using only what the older release has
(``programs.strategy(release=...)``: no ``AUTO_REUSE`` or ``auxiliary_name_scope`` before they
appeared), run on release A and on release B (the same Keras flavour and mode); their observations (every printed line, the final error) must be
equal, up to the differences already known.  Known differences are data, in
``tests/release_fuzz_known.toml``, one ``[[known]]`` table each, tied to the catalogue claims that
assert the behaviour::

    [[known]]
    id = "graph-tensor-class"                  # unique, [a-z0-9][a-z0-9_.-]*
    claims = ["fuzzing.tensor.graph-tensor-class"]   # (or claim = "...") catalogue claims asserting it
    changed = "2.14"                           # the first release that does it the new way (or a list of
                                               # them); a pair A < B shows it when A < changed <= B
    modes = ["v1", "graph"]                    # default: both
    reason = "Graph tensors are SymbolicTensor from TF 2.14 on, Tensor before."
    # how the difference shows, any of:
    rewrite = [{ side = "newer", pattern = '^(\\S+) SymbolicTensor ', replace = '\\1 Tensor ' }]
                    # words that changed inside a line: re.sub(pattern, replace) on each line the older
                    # (side = "older") or the newer release printed turns it into the other's words
    match = { older = '(?P<step>s\\d+) raises ...', newer = '(?P<step>s\\d+) raises ...' }
                    # a line that changed as a whole (e.g. an error message that lost a name on the way):
                    # the older release's line fullmatches `older`, the newer one's `newer`, and the
                    # named groups that took part in both matches are equal (the step label, a name)
    diverge = { older = 'regex', newer = 'regex' }
                    # as `match`, but from this line on the programs' states differ (one release created
                    # what the other refused), so the rest of their output is not compared
    renumbered = { by = "case" }     (or { by = "own-scope" }, { by = "name", name = "zeros" },
                                      { by = "literal", literal = "" })
                    # the lines differ only in the numeric suffixes of names (W vs W_1), where either
                    # output or the program shows the name in another case (w, an op w/...: unique names
                    # were made case-sensitively on one release only); where the name is that of the
                    # scope it is in (fc/fc_4 vs fc/fc_1); where it is that name (zeros_1 vs zeros); or
                    # where the program holds the string literal (''): from there on the names differ,
                    # so the rest is not compared
    omit = ["batch_norm"]
                    # statement kinds or slim layers (conformance.programs.KINDS, LAYERS) that the
                    # generator leaves out for the pairs the entry covers: everything after them would
                    # differ

Comparison (``Pair.compare``): the lines of both observations are walked in order.  Equal lines
pass.  A differing pair of lines is first rewritten by every covering ``rewrite``, each side by
its own, entries in the order of their first change (so that changes in successive releases
chain: 1.15's words -> 2.7's -> 2.8's); equal then, it is a known line-level difference.
Otherwise a covering ``match`` whose regexes fit the two (rewritten) lines explains them, and
the comparison goes on; a covering ``diverge`` explains the rest of the program.  So does a line
where one release raises for an API it does not have (``module 'tensorflow' has no attribute
'AUTO_REUSE'``), the rule by which ``observation.judge`` calls a claim not available in a
release.  Anything else is an *unknown difference*: the comparison stops there.

``explore`` is the command's loop (``python -m conformance fuzz-releases``): hypothesis looks for
an unknown difference, shrinks it and prints it as a script that runs on both releases as
written (``script``), then treats that difference as seen and goes on looking for the next.
tests/test_release_fuzz.py runs one pair with hypothesis's ci profile in ``make check``.
"""
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .configs import Config
from .observation import Observation, missing_api
from .programs import FUZZ_MODES, KINDS, LAYERS, script  # noqa: F401 (script: relfuzz.script)
from .releases import MINORS, TFSelector, UnknownRelease, minor_of, release, version_tuple

ROOT = Path(__file__).resolve().parent.parent
KNOWN_FILE = ROOT / "tests" / "release_fuzz_known.toml"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
KNOWN_KEYS = {"id", "claim", "claims", "changed", "modes", "reason", "url", "rewrite", "match", "diverge",
              "renumbered", "omit"}
REWRITE_KEYS = {"side", "pattern", "replace"}
_LABEL = re.compile(r"^s\d+[a-z]?/? ")  # a step, or a line a template prints (s3f, s3a, s3s)
_RAISES = re.compile(r"^(?:s\d+[a-z]?/? )?raises (.*)$")


class KnownError(ValueError):
    """A malformed known-differences file; the message names each entry and what is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("malformed known differences:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Rewrite:
    side: str            # "older" | "newer"
    pattern: re.Pattern
    replace: str


@dataclass(frozen=True)
class Known:
    """One known difference between releases (see the module docstring)."""
    id: str
    claims: tuple
    changed: tuple       # minor releases ("2.14") where the behaviour changed
    modes: tuple
    reason: str
    url: str = None
    rewrites: tuple = ()
    match: tuple = None      # (older regex, newer regex)
    diverge: tuple = None    # (older regex, newer regex)
    renumbered: tuple = None  # ("case", None), ("own-scope", None), ("name", name) or ("literal", text)
    omit: tuple = ()

    @property
    def first_change(self):
        return min(MINORS.index(c) for c in self.changed)

    def covers(self, older, newer, mode):
        """Does the pair older < newer (versions) straddle one of the entry's changes, in ``mode``?"""
        if mode not in self.modes:
            return False
        return any(TFSelector(f">{older}").matches(c + ".0") and TFSelector(f"<={newer}").matches(c + ".0")
                   for c in self.changed)

    def matches(self, older_line, newer_line):
        return _fits(self.match, older_line, newer_line)

    def diverges(self, older_line, newer_line, evidence=((), ())):
        """Does the rest of the program differ from this pair of lines on (``evidence``: all that
        both releases printed, and the program's string literals)?"""
        return _fits(self.diverge, older_line, newer_line) or (
            self.renumbered is not None and _renumbered(older_line, newer_line, self.renumbered, evidence))


def _fits(regexes, older_line, newer_line):
    """Do the two lines fullmatch their regexes, with equal named groups where both have taken part?"""
    if regexes is None or older_line is None or newer_line is None:
        return False
    a, b = regexes[0].fullmatch(older_line), regexes[1].fullmatch(newer_line)
    if not (a and b):
        return False
    ga, gb = a.groupdict(), b.groupdict()
    return all(ga[k] == gb[k] for k in ga.keys() & gb.keys() if ga[k] is not None and gb[k] is not None)


_SUFFIX = re.compile(r"(?:_\d+)+(?=[/:' \]]|$)")  # a unique name's numeric suffixes, before what ends a name
_NAME = re.compile(r"[A-Za-z0-9_.\-/]+")


def _renumbered(older_line, newer_line, renumbered, evidence):
    """Do the two lines differ only in numeric suffixes of names (``renumbered``, see the module
    docstring)?  ``evidence``: (all lines both releases printed, the program's string literals)."""
    if older_line is None or newer_line is None or _SUFFIX.sub("", older_line) != _SUFFIX.sub("", newer_line):
        return False
    by, text = renumbered
    printed, literals = evidence
    if by == "literal":
        return text in literals
    if by == "name":
        return any(path[-1] == text for path in _renumbered_names(older_line, newer_line))
    if by == "own-scope":
        return any(len(path) > 1 and path[-1] == path[-2] for path in _renumbered_names(older_line, newer_line))
    return _case_clash(older_line, newer_line, (*printed, *literals))


def _renumbered_names(older_line, newer_line):
    """The names the two lines number differently, each as its parts without suffixes, up to the
    part that got another suffix (W/b_1 against W/b_2: ["W", "b"])."""
    for a, b in zip(_NAME.findall(older_line), _NAME.findall(newer_line)):
        parts_a, parts_b = a.split("/"), b.split("/")
        for i, (part_a, part_b) in enumerate(zip(parts_a, parts_b)):
            if part_a != part_b:
                yield [_SUFFIX.sub("", p) for p in parts_a[:i + 1]]
                break


def _case_clash(older_line, newer_line, texts):
    """Is a name the two lines number differently shown in another case in ``texts``?  W/b_1 against
    W/b, with w/b printed or named in the program; the name compared is the path up to the part that
    got another suffix, and that part alone."""
    clashing = set()
    for path in _renumbered_names(older_line, newer_line):
        clashing.update(("/".join(path), path[-1]))
    shown = set()
    for text in texts:
        for token in _NAME.findall(text):
            parts = [_SUFFIX.sub("", p) for p in token.split("/")]
            shown.update("/".join(parts[:i + 1]) for i in range(len(parts)))
            shown.update(parts)
    return any(p != name and p.lower() == name.lower() for name in clashing for p in shown)


_LITERAL = re.compile(r"'([^'\\\n]*)'")  # a program's string literals (the generated programs quote with ')


def _regex_pair(raw, key, where, problems):
    """(older, newer) compiled from ``{ older = '...', newer = '...' }``, or None with the problem said."""
    if not (isinstance(raw, dict) and set(raw) == {"older", "newer"} and all(isinstance(v, str) for v in raw.values())):
        problems.append(f"{where}: `{key}` must be {{ older = 'regex', newer = 'regex' }}, got {raw!r}")
        return None
    try:
        return re.compile(raw["older"]), re.compile(raw["newer"])
    except re.error as exc:
        problems.append(f"{where}: `{key}`: {exc}")
        return None


def _entry(raw, where, problems):
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table")
        return None
    name = raw.get("id")
    where = f"{where} ({name!r})" if isinstance(name, str) else where
    start = len(problems)
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(KNOWN_KEYS)}")
    if not (isinstance(name, str) and ID_PATTERN.match(name)):
        problems.append(f"{where}: missing or bad `id` (must match {ID_PATTERN.pattern})")
    if "claim" in raw and "claims" in raw:
        problems.append(f"{where}: give `claim` or `claims`, not both")
    claims = raw.get("claims", [raw["claim"]] if "claim" in raw else None)
    if not (isinstance(claims, list) and claims and all(isinstance(c, str) and c for c in claims)):
        problems.append(f"{where}: missing `claim` (the id of the catalogue claim that asserts the behaviour) "
                        f"or `claims`")
    changed = raw.get("changed")
    changed = [changed] if isinstance(changed, str) else changed
    if not (isinstance(changed, list) and changed and all(isinstance(c, str) for c in changed)):
        problems.append(f"{where}: missing `changed`, the first release with the new behaviour (\"2.14\"), "
                        f"or a list of such releases")
        changed = []
    for c in changed:
        if c not in MINORS or c == MINORS[0]:
            problems.append(f"{where}: `changed` {c!r} is not a minor release after {MINORS[0]} "
                            f"({MINORS[1]} ... {MINORS[-1]})")
    modes = raw.get("modes", list(FUZZ_MODES))
    if not (isinstance(modes, list) and modes and all(m in FUZZ_MODES for m in modes)):
        problems.append(f"{where}: `modes` must be a non-empty list drawn from {list(FUZZ_MODES)}, got {modes!r}")
    reason = raw.get("reason")
    if not (isinstance(reason, str) and reason.strip()):
        problems.append(f"{where}: missing `reason` (what changed, in words)")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        problems.append(f"{where}: `url` must be a public http(s) address, got {url!r}")
    rewrites = []
    raw_rewrites = raw.get("rewrite", [])
    raw_rewrites = [raw_rewrites] if isinstance(raw_rewrites, dict) else raw_rewrites
    if not isinstance(raw_rewrites, list):
        problems.append(f"{where}: `rewrite` must be a table or a list of tables")
        raw_rewrites = []
    for i, rw in enumerate(raw_rewrites):
        rw_where = f"{where} rewrite {i + 1}"
        if not (isinstance(rw, dict) and set(rw) == REWRITE_KEYS and rw["side"] in ("older", "newer")
                and isinstance(rw["pattern"], str) and isinstance(rw["replace"], str)):
            problems.append(f"{rw_where}: must be {{ side = \"older\" | \"newer\", pattern = '...', replace = '...' }}, "
                            f"got {rw!r}")
            continue
        try:
            pattern = re.compile(rw["pattern"])
            pattern.sub(rw["replace"], "")  # parses `replace`: a bad group reference is an error here
        except re.error as exc:
            problems.append(f"{rw_where}: {exc}")
            continue
        rewrites.append(Rewrite(rw["side"], pattern, rw["replace"]))
    match = raw.get("match")
    if match is not None:
        match = _regex_pair(match, "match", where, problems)
    diverge = raw.get("diverge")
    if diverge is not None:
        diverge = _regex_pair(diverge, "diverge", where, problems)
    omit = raw.get("omit", [])
    if not (isinstance(omit, list) and all(o in KINDS or o in LAYERS for o in omit)):
        problems.append(f"{where}: `omit` must list statement kinds {KINDS} or slim layers {LAYERS}, got {omit!r}")
    renumbered = raw.get("renumbered")
    if renumbered is not None:
        if renumbered in ({"by": "case"}, {"by": "own-scope"}):
            renumbered = (renumbered["by"], None)
        elif (isinstance(renumbered, dict) and len(renumbered) == 2 and renumbered.get("by") in ("literal", "name")
              and isinstance(renumbered.get(renumbered["by"]), str)):
            renumbered = (renumbered["by"], renumbered[renumbered["by"]])
        else:
            problems.append(f"{where}: `renumbered` must be {{ by = \"case\" }}, {{ by = \"own-scope\" }}, "
                            f"{{ by = \"name\", name = '...' }} or {{ by = \"literal\", literal = '...' }}, "
                            f"got {renumbered!r}")
    if not (rewrites or match or diverge or renumbered or omit) and len(problems) == start:
        problems.append(f"{where}: says nothing about how the difference shows: give `rewrite`, `match`, "
                        f"`diverge`, `renumbered` or `omit`")
    if len(problems) > start:
        return None
    return Known(id=name, claims=tuple(claims), changed=tuple(changed), modes=tuple(modes),
                 reason=" ".join(reason.split()), url=url, rewrites=tuple(rewrites), match=match, diverge=diverge,
                 renumbered=renumbered, omit=tuple(omit))


def load_known(path=KNOWN_FILE, claim_ids=None):
    """Every [[known]] entry of ``path``; KnownError naming each malformed one.  With ``claim_ids``
    (the catalogue's ids) an entry naming a claim not among them is malformed too."""
    problems, entries, seen = [], [], set()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnownError([f"{path.name}: cannot read: {exc}"]) from None
    extra = set(data) - {"known"}
    if extra:
        problems.append(f"{path.name}: unknown top-level key(s) {sorted(extra)}; the file holds [[known]] tables")
    raws = data.get("known", [])
    if not isinstance(raws, list):
        raws = []
        problems.append(f"{path.name}: `known` must be an array of tables ([[known]])")
    for i, raw in enumerate(raws):
        entry = _entry(raw, f"{path.name}: entry {i + 1}", problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(f"{path.name}: entry {i + 1} ({entry.id!r}): duplicate id")
            continue
        seen.add(entry.id)
        if claim_ids is not None:
            missing = [c for c in entry.claims if c not in claim_ids]
            if missing:
                problems.append(f"{path.name}: entry {i + 1} ({entry.id!r}): names claims not in the catalogue: "
                                f"{missing}")
                continue
        entries.append(entry)
    if problems:
        raise KnownError(problems)
    return entries


@dataclass(frozen=True)
class Comparison:
    """How two observations of one program compare."""
    explained: bool                  # no unknown difference
    used: tuple = ()                 # ids of the known differences that showed
    stopped: int = None              # index of the line from which the rest was not compared (divergence)
    unknown: int = None              # index of the first unknown difference
    older_lines: tuple = ()          # both outputs, as lines, after the known rewrites
    newer_lines: tuple = ()

    @property
    def equal(self):
        return self.explained and not self.used


def _api_missing(line):
    """The TF API a line says this release lacks ("tf.AUTO_REUSE"), or None."""
    m = _RAISES.match(line or "")
    return missing_api(Observation(error=m.group(1))) if m else None


def signature(older_line, newer_line):
    """What a difference is, without the program's own names: the tokens only one side has."""
    a = re.findall(r"\w+|[^\w\s]", _LABEL.sub("", older_line or "<nothing>"))
    b = re.findall(r"\w+|[^\w\s]", _LABEL.sub("", newer_line or "<nothing>"))
    removed, added = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return " ".join(removed), " ".join(added)


@dataclass
class Pair:
    """Two releases (older first), a flavour and a mode, with the known differences covering them."""
    older: object      # releases.Release
    newer: object
    mode: str = "v1"
    flavour: str = "keras3"
    known: list = field(default_factory=list)      # every entry; ``covering`` are those that apply

    def __post_init__(self):
        if version_tuple(self.older.version) > version_tuple(self.newer.version):
            self.older, self.newer = self.newer, self.older
        if self.mode not in FUZZ_MODES:
            raise UnknownRelease(f"mode {self.mode!r} cannot be fuzzed: generated programs build graphs "
                                 f"(tf.placeholder), so they need one of {list(FUZZ_MODES)}")
        for rel in (self.older, self.newer):
            why = rel.not_available(self.mode, self.flavour)
            if why:
                raise UnknownRelease(f"TF {rel.minor}: {why}")
        self.covering = sorted((k for k in self.known if k.covers(self.older.version, self.newer.version, self.mode)),
                               key=lambda k: k.first_change)

    @classmethod
    def of(cls, a, b, mode="v1", flavour="keras3", known=None):
        return cls(release(a), release(b), mode, flavour, load_known() if known is None else known)

    @property
    def configs(self):
        return (Config(self.older.version, self.flavour, self.mode), Config(self.newer.version, self.flavour, self.mode))

    @property
    def omit(self):
        return tuple(sorted({o for k in self.covering for o in k.omit}))

    @property
    def title(self):
        return f"TF {self.older.version} and TF {self.newer.version} ({self.flavour}, {self.mode})"

    def compare(self, older_obs, newer_obs, seen=(), source=""):
        """Compare the two releases' observations of one program (see the module docstring).
        ``seen``: signatures (``signature``) of differences to treat as divergences, found earlier;
        ``source``: the program (its string literals are evidence for ``renumbered``)."""
        la, lb = list(older_obs.lines()), list(newer_obs.lines())
        used = []
        rewritten_a, rewritten_b = [], []
        for i in range(max(len(la), len(lb))):
            x = la[i] if i < len(la) else None
            y = lb[i] if i < len(lb) else None
            if x == y:
                rewritten_a.append(x)
                rewritten_b.append(y)
                continue
            x2, y2, hits = x, y, []
            for k in self.covering:
                for rw in k.rewrites:
                    if rw.side == "older" and x2 is not None:
                        new = rw.pattern.sub(rw.replace, x2)
                        if new != x2:
                            x2 = new
                            hits.append(k.id)
                    elif rw.side == "newer" and y2 is not None:
                        new = rw.pattern.sub(rw.replace, y2)
                        if new != y2:
                            y2 = new
                            hits.append(k.id)
            rewritten_a.append(x2)
            rewritten_b.append(y2)
            if x2 == y2:
                used += [h for h in hits if h not in used]
                continue
            matched = [k.id for k in self.covering if k.matches(x2, y2)]
            if matched:
                used += [h for h in hits + matched[:1] if h not in used]
                continue
            rest = dict(older_lines=tuple(t for t in rewritten_a + la[i + 1:] if t is not None),
                        newer_lines=tuple(t for t in rewritten_b + lb[i + 1:] if t is not None))
            evidence = (la + lb, _LITERAL.findall(source))  # once, not for every covering entry
            for k in self.covering:
                if k.diverges(x2, y2, evidence):
                    return Comparison(True, tuple(used + [k.id] if k.id not in used else used), stopped=i, **rest)
            missing = _api_missing(x) or _api_missing(y)
            if missing and _api_missing(x) != _api_missing(y):
                gone = self.older if _api_missing(x) else self.newer
                return Comparison(True, tuple(used + [f"api-missing: {missing} in {gone.minor}"]), stopped=i, **rest)
            if signature(x, y) in seen:
                return Comparison(True, tuple(used + ["seen in this run"]), stopped=i, **rest)
            return Comparison(False, tuple(used), unknown=i, **rest)
        return Comparison(True, tuple(used), older_lines=tuple(rewritten_a), newer_lines=tuple(rewritten_b))

    def describe(self, source, older_obs, newer_obs, comparison):
        """A difference as people read it: the runnable script, both outputs and the diff."""
        a, b = f"TF {self.older.version}", f"TF {self.newer.version}"
        x = older_obs.lines()[comparison.unknown] if comparison.unknown < len(older_obs.lines()) else None
        y = newer_obs.lines()[comparison.unknown] if comparison.unknown < len(newer_obs.lines()) else None
        lines = [f"{self.title} differ, and no known difference ({_rel(KNOWN_FILE)}) explains it.",
                 f"First unknown difference, output line {comparison.unknown + 1}:",
                 f"    {a}: {x if x is not None else '(nothing more)'}",
                 f"    {b}: {y if y is not None else '(nothing more)'}",
                 "", "The shrunk program, as a script that runs on both releases as written:", "",
                 script(source, self.mode, (self.older, self.newer)).rstrip(), "",
                 f"--- {a} printed:", older_obs.render(), f"--- {b} printed:", newer_obs.render()]
        label = "--- diff"
        if comparison.used:
            label += f" (after the known differences: {', '.join(comparison.used)})"
        lines.append(label + ":")
        lines += list(difflib.unified_diff(list(comparison.older_lines), list(comparison.newer_lines), a, b,
                                           lineterm="", n=1))[2:]
        return "\n".join(lines)


def _rel(path):
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


# -- the command's loop ------------------------------------------------------------------------

class Difference(Exception):
    """An unknown difference, raised inside hypothesis so that it shrinks the program."""

    def __init__(self, source, older_obs, newer_obs, comparison):
        super().__init__(f"unknown difference at output line {comparison.unknown + 1}")
        self.source, self.older_obs, self.newer_obs, self.comparison = source, older_obs, newer_obs, comparison


@dataclass
class Exploration:
    differences: list = field(default_factory=list)     # Difference, in the order found
    programs: int = 0                                    # programs run on each release
    used: dict = field(default_factory=dict)             # known difference -> programs it showed in
    equal: int = 0                                       # programs observed exactly the same


def explore(pair, pool, examples=500, max_differences=10, max_steps=12, report=print):
    """Look for unknown differences: each is shrunk, reported (``report(text)``) and then treated as
    seen while looking for the next; at most ``max_differences``, ``examples`` programs a round."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings

    from .programs import strategy

    older_cfg, newer_cfg = pair.configs
    run = Exploration()
    seen = set()
    for _ in range(max_differences):
        counting = {"on": True}

        @settings(max_examples=examples, database=None, deadline=None, verbosity=Verbosity.quiet,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                  phases=[Phase.generate, Phase.shrink])
        @given(source=strategy(max_steps, release=pair.older.version, omit=pair.omit))
        def check(source):
            older_obs, newer_obs = pool.run(older_cfg, source, "fuzz"), pool.run(newer_cfg, source, "fuzz")
            comparison = pair.compare(older_obs, newer_obs, seen, source)
            if counting["on"]:
                run.programs += 1
                run.equal += comparison.equal
                for k in comparison.used:
                    run.used[k] = run.used.get(k, 0) + 1
            if not comparison.explained:
                counting["on"] = False  # shrinking runs the same program again and again
                raise Difference(source, older_obs, newer_obs, comparison)

        try:
            check()
        except Difference as found:
            x, y = found.older_obs.lines(), found.newer_obs.lines()
            i = found.comparison.unknown
            seen.add(signature(x[i] if i < len(x) else None, y[i] if i < len(y) else None))
            run.differences.append(found)
            report(f"=== unknown difference {len(run.differences)}\n"
                   + pair.describe(found.source, found.older_obs, found.newer_obs, found.comparison) + "\n")
            continue
        break
    return run
