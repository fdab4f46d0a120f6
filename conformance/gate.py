"""The upgrade gate: what changes, claim by claim, between two TensorFlow releases.

``make gate TF=1.15`` runs the catalogue under 1.15 and compares it with the committed
baselines of the pinned release; ``make gate FROM=1.15 TF=2.21`` runs both releases and
compares them.  A change (a claim whose observation differs in some mode) is *explained* when
each side is accounted for: it is what the case expects of the pinned release, or an
expectation entry (expectations/*.toml) covering that release accepts it, with a reason.

``compare(...)`` is pure data (snapshots in, a ``Report`` out), tested without TensorFlow;
``run_gate(...)`` records the snapshots first (``conformance.snapshot``) in each release's own
environment (``conformance.envs``), at most ``jobs`` worker processes at once.
"""
import difflib
import os
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue, expectations, snapshot
from .configs import FLAVOURS, MODES, PINNED_TF, Config
from .envs import python_for
from .observation import NOT_AVAILABLE, Observation, clip, judge
from .releases import version_tuple
from .runner import WorkerPool

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "baselines"
GATE_REPORTS = ROOT / "report" / "gate"


@dataclass
class Side:
    """One release's observations in one flavour: {mode: {claim id: Observation}}."""
    tf: str                 # exact version
    flavour: str
    observations: dict
    label: str = ""         # e.g. "baseline"

    @property
    def name(self):
        flavour = "default install" if self.flavour == "keras3" else "tf-keras"
        return f"TensorFlow {self.tf} ({flavour}{', ' + self.label if self.label else ''})"

    def config(self, mode):
        return Config(self.tf, self.flavour, mode)

    @classmethod
    def from_snapshots(cls, snaps, label=""):
        first = snaps[0]
        tf = first["config"]["tf"]
        return cls(tf, first["config"]["flavour"],
                   {s["config"]["mode"]: snapshot.observations(s) for s in snaps}, label)


@dataclass
class Change:
    claim: str
    statement: str
    mode: str
    before: Observation     # older release
    after: Observation      # newer release
    judged_before: object   # observation.Judgement
    judged_after: object

    @property
    def explained(self):
        return self.judged_before.as_expected and self.judged_after.as_expected

    def reasons(self):
        """(id, reason) of what accounts for each side, where it is not the pinned release's expectation."""
        found = []
        for j in (self.judged_before, self.judged_after):
            if j.entry:
                found.append((j.entry, j.reason))
            elif j.outcome == NOT_AVAILABLE:
                found.append(("not-available", j.reason))
        return found


@dataclass
class Report:
    old: Side
    new: Side
    modes: list
    skipped_modes: list = field(default_factory=list)   # (mode, why): absent in one of the releases
    claims: int = 0
    changes: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    results: list = field(default_factory=list)   # (claim, tf_version, flavour, mode, differs from pinned)

    @property
    def unexplained(self):
        return [c for c in self.changes if not c.explained]

    def exit_status(self, strict=False):
        return 1 if self.unexplained or (strict and self.stale) else 0


def load_baselines(directory=BASELINES):
    """{(flavour, mode): snapshot} of every baseline file."""
    found = {}
    for path in sorted(Path(directory).glob("*.json")):
        snap = snapshot.read(path)
        cfg = snap["config"]
        found[(cfg["flavour"], cfg["mode"])] = snap
    return found


def compare(a, b, claims, entries, *, check_stale=True):
    """Compare two Sides (any order; the older release is shown first)."""
    old, new = sorted([a, b], key=lambda s: version_tuple(s.tf))
    by_id = {c.id: c for c in claims}
    modes, skipped = [], []
    for mode in MODES:
        if mode not in old.observations or mode not in new.observations:
            continue
        absent = [(side.tf, side.config(mode).not_available()) for side in (old, new)
                  if side.config(mode).not_available()]
        if absent:
            tf, why = absent[0]
            skipped.append((mode, f"TF {tf} lacks it: {why.split(': ', 1)[-1]}"))
        else:
            modes.append(mode)
    report = Report(old, new, modes, skipped)
    seen = set()
    for side in (old, new):
        if side.config(MODES[0]).pinned:
            continue  # entries are never consulted for the pinned release: its cases say what it does
        for mode in modes:
            for cid, obs in side.observations[mode].items():
                if cid in by_id:
                    expect = by_id[cid].outcome(mode, side.flavour).expect
                    report.results.append((cid, side.tf, side.flavour, mode, obs != expect))
    for mode in modes:
        before_all, after_all = old.observations[mode], new.observations[mode]
        for cid in before_all:
            claim = by_id.get(cid)
            if claim is None or cid not in after_all:
                continue  # a claim removed from (or added to) the catalogue since a snapshot was taken
            seen.add(cid)
            before, after = before_all[cid], after_all[cid]
            if before == after:
                continue
            report.changes.append(Change(cid, claim.statement, mode, before, after,
                                         judge(claim, old.config(mode), before, entries),
                                         judge(claim, new.config(mode), after, entries)))
    report.claims = len(seen)
    if check_stale:
        report.stale = expectations.stale(entries, by_id, report.results)
    return report


# ----------------------------------------------------------------------------- rendering

WIDTH = 150


def _pair(before, after):
    """before/after on one line each; a long shared beginning is cut so the difference shows."""
    a, b = before.one_line(), after.one_line()
    common = len(os.path.commonprefix([a, b]))
    if common > 60 and (len(a) > WIDTH or len(b) > WIDTH):
        cut = common - 30
        a, b = "…" + a[cut:], "…" + b[cut:]
    return clip(a, WIDTH), clip(b, WIDTH)


def _diff_lines(old, new):
    return [clip(line, WIDTH) for line in difflib.unified_diff(old.lines(), new.lines(), "old", "new", n=0,
                                                               lineterm="")
            if not line.startswith(("---", "+++", "@@"))]


def _block(cid, cs, old, new):
    """One changed claim: its statement, then each group of modes with the same change."""
    ids = _reason_ids(cs)
    tag = "explained" if all(c.explained for c in cs) else "NOT EXPLAINED"
    lines = ["", f"{tag:>13}  {cid}" + (f"  (reason: {', '.join(ids)})" if ids else ""),
             f"{'':15}{clip(cs[0].statement, WIDTH - 15)}"]
    groups = {}
    for c in cs:
        groups.setdefault((c.before, c.after, c.judged_before, c.judged_after), []).append(c)
    for group in groups.values():
        c = group[0]
        modes = "all modes" if len(group) == 3 else ", ".join(x.mode for x in group)
        va = f"{old.tf} ({c.judged_before.short})"
        vb = f"{new.tf} ({c.judged_after.short})"
        if len(c.before.lines()) + len(c.after.lines()) > 6:
            body = [f"--- {va}  +++ {vb}"] + _diff_lines(c.before, c.after)
        else:
            a, b = _pair(c.before, c.after)
            width = max(len(va), len(vb)) + 1
            body = [f"{va + ':':<{width}} {a}", f"{vb + ':':<{width}} {b}"]
        lines.append(f"{'':15}{modes:<13}{body[0]}")
        lines += [f"{'':28}{line}" for line in body[1:]]
        if not c.explained:
            sides = [s for s, j in ((old.tf, c.judged_before), (new.tf, c.judged_after)) if not j.as_expected]
            lines.append(f"{'':28}no expectation entry explains what {' and '.join(sides)} "
                         f"do{'es' * (len(sides) == 1)} here (if it is expected, add one to expectations/)")
    return lines


def _reason_ids(cs):
    ids = []
    for c in cs:
        for rid, _ in c.reasons():
            if rid not in ids:
                ids.append(rid)
    return ids


def render(report, *, strict=False, details=False):
    """The diff a person reads in a minute: a summary, then one block per claim whose outcome
    changed (or that nothing explains), modes with the same change together, the older release
    first; claims that keep their outcome with other output (an error's wording, a class name)
    are one line each, unless ``details``."""
    old, new = report.old, report.new
    lines = [f"Gate: {old.name} -> {new.name}; {report.claims} claims x {len(report.modes)} "
             f"mode{'s' * (len(report.modes) != 1)} ({', '.join(report.modes)})"]
    for mode, why in report.skipped_modes:
        lines.append(f"mode {mode} not compared: {why}")
    if not report.changes:
        lines.append("no change: every claim behaves the same in both releases in every mode compared.")
    else:
        n, u = len(report.changes), len(report.unexplained)
        by_claim = {}
        for c in report.changes:
            by_claim.setdefault(c.claim, []).append(c)
        head = f"{n} change{'s' * (n != 1)} (claim x mode) in {len(by_claim)} claim{'s' * (len(by_claim) != 1)}"
        lines.append(f"{head}: {n - u} explained, {u} NOT EXPLAINED" if u else f"{head}, all explained")
        unexplained = sorted(cid for cid, cs in by_claim.items() if not all(c.explained for c in cs))
        outcome = sorted(cid for cid, cs in by_claim.items() if cid not in unexplained and any(
            c.judged_before.outcome != c.judged_after.outcome for c in cs))
        same = sorted(set(by_claim) - set(unexplained) - set(outcome))
        lines.append(f"  {len(outcome)} claim{'s' * (len(outcome) != 1)} change outcome (the source's claim holds in "
                     f"one release and not in the other, or the program cannot run in one)")
        lines.append(f"  {len(same)} claim{'s' * (len(same) != 1)} keep their outcome with other output (an error's "
                     f"wording, a class name): one line each at the end" + ("" if details else ", --details shows them"))
        if outcome:
            lines += ["", "Outcome changes:"]
            for cid in outcome:
                moves = []
                for c in by_claim[cid]:
                    move = f"{c.mode} {c.judged_before.short} -> {c.judged_after.short}"
                    if c.judged_before.outcome != c.judged_after.outcome and move not in moves:
                        moves.append(move)
                lines.append(f"  {cid}: {'; '.join(moves)}")
        for cid in unexplained + outcome + (same if details else []):
            lines += _block(cid, by_claim[cid], old, new)
        if same and not details:
            lines += ["", "Same outcome, other output:"]
            for cid in same:
                modes = ", ".join(c.mode for c in by_claim[cid])
                lines.append(f"  {cid} ({modes}; reason: {', '.join(_reason_ids(by_claim[cid]))})")
        reasons = {}
        for cid in by_claim:
            for c in by_claim[cid]:
                reasons.update(c.reasons())
        if reasons:
            lines += ["", "Reasons:"]
            for rid, reason in reasons.items():
                lines += textwrap.wrap(f"[{rid}] {reason}", WIDTH - 4, initial_indent="  ", subsequent_indent="    ")
    if report.stale:
        lines.append("")
        lines += [f"warning: {s.render()}" for s in report.stale]
    status = report.exit_status(strict)
    lines.append("")
    lines.append("gate: FAIL (unexplained change)" if report.unexplained else
                 "gate: FAIL (stale expectations)" if status else "gate: pass")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- running

def record_configs(configs, claims, *, jobs=2, python=None, reuse=None, progress=None, timeout=None):
    """Snapshots for several configurations, at most ``jobs`` worker processes at once.

    ``python``: {(tf, flavour): interpreter}; ``reuse``: {Config: earlier snapshot} (see
    snapshot.record).  Returns {Config: (snapshot, seconds)}.
    """
    def one(config):
        start = time.monotonic()
        pool = WorkerPool(python, timeout=timeout)
        try:
            snap = snapshot.record(claims, config, pool, reuse=(reuse or {}).get(config))
        finally:
            pool.close()
        seconds = time.monotonic() - start
        if progress:
            progress(config, snap, seconds)
        return config, (snap, seconds)

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, 2))) as ex:
        return dict(ex.map(one, configs))


def _flavour_for(release, flavour):
    return flavour if release.has_flavour(flavour) else "keras3"


def record_side(release, flavour, modes, claims, *, jobs, out_dir, timeout=None, label=""):
    flavour = _flavour_for(release, flavour)
    python = {(release.version, flavour): python_for(release, flavour)}
    configs = [Config(release.version, flavour, m) for m in modes]

    def progress(config, snap, seconds):
        what = ("not available" if config.not_available() else
                f"{len(snap['observations'])} claims in {seconds:.0f} s")
        print(f"gate: {release.version} {config.mode}: {what}", file=sys.stderr, flush=True)

    recorded = record_configs(configs, claims, jobs=jobs, python=python, progress=progress, timeout=timeout)
    snaps = [recorded[c][0] for c in configs]
    for snap in snaps:
        snapshot.write(snap, Path(out_dir) / f"{snapshot.name(snap)}.json")
    return Side.from_snapshots(snaps, label)


def run_gate(tf_release, flavour, modes=MODES, *, from_release=None, out_dir=GATE_REPORTS,
             baselines_dir=BASELINES, jobs=2, strict=False, claims=None, entries=None, stream=sys.stdout,
             timeout=None, details=False):
    """Run the gate; returns the exit status.  Raises envs.EnvError (no interpreter, build failed)."""
    claims = claims if claims is not None else catalogue.load()
    entries = entries if entries is not None else expectations.load()
    start = time.monotonic()
    sides = []
    for rel in ([from_release] if from_release else []) + [tf_release]:
        print(f"gate: preparing TensorFlow {rel.version} ...", file=sys.stderr, flush=True)
        sides.append(record_side(rel, flavour, modes, claims, jobs=jobs, out_dir=out_dir, timeout=timeout))
    if from_release is None:
        baselines = load_baselines(baselines_dir)
        base_flavour = sides[0].flavour
        missing = [m for m in modes if (base_flavour, m) not in baselines]
        if missing:
            print(f"gate: no baseline for {base_flavour} {', '.join(missing)} in {baselines_dir}: "
                  f"run `make baselines`", file=sys.stderr)
        snaps = [baselines[(base_flavour, m)] for m in modes if (base_flavour, m) in baselines]
        sides.append(Side.from_snapshots(snaps, "baseline"))
    report = compare(sides[0], sides[1], claims, entries)
    print(render(report, strict=strict, details=details), file=stream)
    print(f"gate: snapshots in {os.path.relpath(out_dir)}/; {time.monotonic() - start:.0f} s", file=sys.stderr)
    return report.exit_status(strict)


def record_baselines(out_dir=BASELINES, flavours=FLAVOURS, modes=MODES, jobs=2, claims=None, timeout=None):
    claims = claims if claims is not None else catalogue.load()
    configs = [Config(PINNED_TF, f, m) for f in flavours for m in modes]
    pythons = {(PINNED_TF, f): python_for(PINNED_TF, f) for f in flavours}

    def progress(config, snap, seconds):
        print(f"baselines: {config.name}: {len(snap['observations'])} claims in {seconds:.0f} s", file=sys.stderr,
              flush=True)

    recorded = record_configs(configs, claims, jobs=jobs, python=pythons, progress=progress, timeout=timeout)
    paths = []
    for config in configs:
        snap = recorded[config][0]
        if snap.get("tf_version") != PINNED_TF:
            raise RuntimeError(f"{config.name}: the environment has TensorFlow {snap.get('tf_version')}, "
                               f"not the pinned {PINNED_TF}")
        path = snapshot.path_for(out_dir, config)
        snapshot.write(snap, path)
        paths.append(path)
    return paths
