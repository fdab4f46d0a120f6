"""Expected differences per release: why another configuration may behave unlike the baseline.

The cases say what the pinned release does (``cases/claims``); what other releases do
differently, and why, lives apart in ``expectations/*.toml``, one ``[[expect]]`` table an
entry::

    [[expect]]
    id = "dense-needs-tf-keras"            # unique across files: [a-z0-9][a-z0-9_.-]*
    claims = ["release.layers.dense-auto-names"]   # claim ids (or claim = "one id")
    tf = ">=2.12,<2.16"                    # release selector (below); default: every release
    flavours = ["keras3"]                  # default: both
    modes = ["v1", "graph"]                # default: all three
    reason = "Keras 2 was the default before TF 2.16; tf.compat.v1.layers.dense still worked."
    url = "https://github.com/..."         # optional: the upstream issue or release note
    # what that release does, at most one of (none: any observation):
    expect = { out = [...], error = "..." }  # exactly this
    raises = "RuntimeError: tf.Variable not supported"   # this error (a prefix), whatever was printed
    holds = true                           # whatever bears out the source's claim (verdict: holds)
    wording = [["reuse=True in VarScope", "reuse=True or reuse=tf.AUTO_REUSE in VarScope"]]
                                           # what the pinned release does, in other words: the
                                           # observation with each old text replaced by the new
                                           # equals the case's expectation
    verdict = "refuted"                    # the verdict there where the source's claim is not borne
                                           # out: holds-with-difference | refuted | not-applicable;
                                           # with `wording` it defaults to the pinned release's verdict

``tf`` is a comma-separated list of comparisons (``">=2.16"``, ``">=2.14,<2.16"``,
``"==2.15"``) or a list of releases (``["2.12", "2.13"]``); a release written with two
components stands for all its patches (``"2.16"`` matches 2.16.2, ``"<=2.15"`` includes
2.15.1, ``"<2.16"`` excludes 2.16.0).  Versions compared are those the worker reports as installed.

An entry *explains* a change of a claim in a configuration it covers when the observation
differs from the baseline and the entry accepts it (``expect``, ``raises`` or ``wording``).  Judged against
the source (``observation.judge``), such an observation holds where it bears out the claim, and
has the entry's ``verdict`` where it does not.  An entry is
*stale* when it names a claim that does not exist, or when it covers a configuration that
was run and in which the claim behaves exactly as in the baseline: it is no longer needed
there and its selector must be narrowed.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from .catalogue import toml_tables
from .observation import DIFFERS, HOLDS, NOT_APPLICABLE, REFUTED, Observation, bears_out
from .releases import FLAVOURS, MODES, TFSelector

ROOT = Path(__file__).resolve().parent.parent
EXPECTATIONS_DIR = ROOT / "expectations"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
ENTRY_KEYS = {"id", "claim", "claims", "tf", "flavours", "modes", "reason", "url", "expect", "raises", "wording",
              "holds", "verdict"}
ACCEPTS = ("expect", "raises", "wording", "holds")
ENTRY_VERDICTS = (DIFFERS, REFUTED, NOT_APPLICABLE)


class ExpectationError(Exception):
    """Malformed expectation file(s); the message names each entry and what is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("malformed expectations:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass
class Entry:
    id: str
    claims: tuple
    tf: TFSelector
    flavours: tuple
    modes: tuple
    reason: str
    file: str
    url: str = None
    expect: Observation = None
    raises: str = None          # an error prefix, whatever was printed before it
    wording: tuple = ()         # ((old text, new text), ...): the pinned behaviour in other words
    holds: bool = False         # accepts exactly what bears out the source's claim
    verdict: str = None         # when the claim is not borne out

    def covers(self, claim_id, tf_version, flavour, mode):
        return (claim_id in self.claims and flavour in self.flavours and mode in self.modes
                and self.tf.matches(tf_version))

    def covers_config(self, tf_version, flavour, mode):
        return flavour in self.flavours and mode in self.modes and self.tf.matches(tf_version)

    def accepts(self, observation, pinned, claim):
        """Does the entry account for ``observation`` of ``claim``?  ``pinned``: the case's
        expectation of the pinned release in the same mode and flavour."""
        if self.holds:
            return bears_out(claim.claimed, observation)
        if self.expect is not None:
            return observation == self.expect
        if self.raises is not None:
            return observation.ran and (observation.error or "").startswith(self.raises)
        if self.wording:
            return observation.ran and self._reworded(observation) == pinned
        return True

    def _reworded(self, observation):
        def say(text):
            for old, new in self.wording:
                text = text.replace(old, new)
            return text
        return Observation(tuple(say(line) for line in observation.out or ()),
                           say(observation.error) if observation.error else None)

    def verdict_for(self, claim, observation, pinned_verdict):
        """The verdict of an observation this entry accepts, judged against the source's claim."""
        if bears_out(claim.claimed, observation):
            return HOLDS
        return self.verdict or pinned_verdict

    @property
    def selector(self):
        parts = [f"TF {self.tf}"]
        if tuple(self.flavours) != FLAVOURS:
            parts.append("/".join(self.flavours))
        if tuple(self.modes) != MODES:
            parts.append("/".join(self.modes))
        return ", ".join(parts)


def _entry(raw, where, problems):
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table")
        return None
    name = raw.get("id")
    where = f"{where} ({name!r})" if isinstance(name, str) else where
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}")
    ok = True
    if not (isinstance(name, str) and ID_PATTERN.match(name)):
        problems.append(f"{where}: missing or bad `id` (must match {ID_PATTERN.pattern})")
        ok = False
    claims = raw.get("claims", [raw["claim"]] if "claim" in raw else None)
    if "claim" in raw and "claims" in raw:
        problems.append(f"{where}: give `claim` or `claims`, not both")
    if not (isinstance(claims, list) and claims and all(isinstance(c, str) and c for c in claims)):
        problems.append(f"{where}: missing `claim` (a claim id) or `claims` (a list of claim ids)")
        ok = False
    reason = raw.get("reason")
    if not (isinstance(reason, str) and reason.strip()):
        problems.append(f"{where}: missing `reason` (why this release behaves differently)")
        ok = False
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        problems.append(f"{where}: `url` must be a public http(s) address, got {url!r}")
        ok = False
    try:
        selector = TFSelector(raw.get("tf"))
    except ValueError as exc:
        problems.append(f"{where}: {exc}")
        ok = False
    flavours, modes = raw.get("flavours", list(FLAVOURS)), raw.get("modes", list(MODES))
    for key, values, allowed in (("flavours", flavours, FLAVOURS), ("modes", modes, MODES)):
        if not (isinstance(values, list) and values and all(v in allowed for v in values)):
            problems.append(f"{where}: `{key}` must be a non-empty list drawn from {list(allowed)}, got {values!r}")
            ok = False
    expect = raw.get("expect")
    if expect is not None:
        if not (isinstance(expect, dict) and set(expect) <= {"out", "error"} and expect
                and isinstance(expect.get("out", []), list)
                and all(isinstance(x, str) for x in expect.get("out", []))
                and (expect.get("error") is None or isinstance(expect["error"], str))):
            problems.append(f"{where}: `expect` must be {{ out = [lines], error = \"Type: message\" }}, got {expect!r}")
            ok = False
        else:
            expect = Observation(tuple(expect.get("out", ())), expect.get("error"))
    raises, wording = raw.get("raises"), raw.get("wording", [])
    if sum(k in raw for k in ACCEPTS) > 1:
        problems.append(f"{where}: give at most one of `expect`, `raises`, `wording` and `holds`")
        ok = False
    holds = raw.get("holds", False)
    if holds not in (True, False) or ("holds" in raw and not holds):
        problems.append(f"{where}: `holds` can only be true (the entry accepts what bears out the claim)")
        ok = False
    if raises is not None and not (isinstance(raises, str) and re.match(r"^[A-Za-z_][\w.]*: ", raises)):
        problems.append(f"{where}: `raises` must be the start of an error, 'Type: message', got {raises!r}")
        ok = False
    if not (isinstance(wording, list) and all(isinstance(p, list) and len(p) == 2 and all(
            isinstance(t, str) and t for t in p) for p in wording)) or ("wording" in raw and not wording):
        problems.append(f"{where}: `wording` must be a list of [old text, new text] pairs, got {wording!r}")
        ok = False
    verdict = raw.get("verdict")
    if verdict not in ENTRY_VERDICTS and not (verdict is None and (wording or holds)):
        problems.append(f"{where}: `verdict` must be one of {list(ENTRY_VERDICTS)} (the verdict where the "
                        f"source's claim is not borne out), got {verdict!r}")
        ok = False
    if not ok:
        return None
    return Entry(id=name, claims=tuple(claims), tf=selector, flavours=tuple(flavours), modes=tuple(modes),
                 reason=" ".join(reason.split()), file=where.split(":")[0], url=url, expect=expect,
                 raises=raises, wording=tuple(tuple(p) for p in wording or ()), holds=holds is True, verdict=verdict)


def load(directory=EXPECTATIONS_DIR):
    """All entries of expectations/*.toml; raises ExpectationError naming every malformed entry."""
    problems, entries, seen = [], [], {}
    for file, raws in toml_tables(directory, "expect", problems):
        for i, raw in enumerate(raws):
            entry = _entry(raw, f"{file.name}: entry {i + 1}", problems)
            if entry is None:
                continue
            entry.file = file.name
            if entry.id in seen:
                problems.append(f"{file.name}: entry {i + 1} ({entry.id!r}): duplicate id (first in {seen[entry.id]})")
                continue
            seen[entry.id] = file.name
            entries.append(entry)
    if problems:
        raise ExpectationError(problems)
    return entries


@dataclass(frozen=True)
class Stale:
    entry: str
    file: str
    why: str

    def render(self):
        return f"stale expectation {self.entry!r} ({self.file}): {self.why}"


def stale(entries, claim_ids, results):
    """Stale entries: unknown claims, or covering a run configuration where the claim is unchanged.

    ``results`` is an iterable of (claim_id, tf_version, flavour, mode, changed: bool), one per
    claim and configuration that was run.
    """
    found = []
    known = set(claim_ids)
    for entry in entries:
        for cid in entry.claims:
            if cid not in known:
                found.append(Stale(entry.id, entry.file, f"names claim {cid!r}, which is not in the catalogue"))
    unchanged = {}
    for cid, tf_version, flavour, mode, changed in results:
        if changed:
            continue
        for entry in entries:
            if entry.covers(cid, tf_version, flavour, mode):
                unchanged.setdefault(entry.id, []).append(f"{cid} under TF {tf_version} {flavour} {mode}")
    by_id = {e.id: e for e in entries}
    for eid, where in unchanged.items():
        more = f" (and {len(where) - 3} more)" if len(where) > 3 else ""
        found.append(Stale(eid, by_id[eid].file,
                           "no longer needed: behaves as the baseline for " + "; ".join(where[:3]) + more))
    return found
