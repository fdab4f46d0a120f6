"""The upgrade gate: run the catalogue under another release, compare with the baselines.

``compare(...)`` is pure data (snapshots in, a ``Report`` out) so it is tested without
TensorFlow; ``run_gate(...)`` records the snapshots first (``conformance.snapshot``) in the
release's own environment (``conformance.envs``), at most ``jobs`` worker processes at once.
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
from .runner import WorkerPool, observation_lines

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "baselines"
GATE_REPORTS = ROOT / "report" / "gate"


@dataclass
class Change:
    claim: str
    statement: str
    flavour: str
    mode: str
    tf_version: str
    before: dict
    after: dict
    entry: object = None           # the expectations.Entry that explains it
    mismatched: object = None      # an entry that covers it but expects another behaviour
    no_baseline: bool = False      # compared with the catalogue's expectation instead

    @property
    def explained(self):
        return self.entry is not None


@dataclass
class Report:
    tf_version: str
    flavour: str
    modes: list
    baseline_tf: str
    claims: int = 0
    changes: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    results: list = field(default_factory=list)   # (claim, tf_version, flavour, mode, changed)
    missing_baseline: list = field(default_factory=list)

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


def _obs(d):
    return {"out": list(d.get("out") or []), "error": d.get("error")}


def compare(baselines, snapshots, claims, entries, *, check_stale=True):
    """Compare snapshots of one release (one flavour, any modes) with the baselines.

    ``baselines``: {(flavour, mode): snapshot}; ``snapshots``: list of snapshots; ``claims``:
    the catalogue (statements, and the expectation for a claim missing from a baseline);
    ``entries``: expectation entries.
    """
    by_id = {c.id: c for c in claims}
    first = snapshots[0]
    tf_version = first.get("tf_version") or first["config"]["tf"]
    flavour = first["config"]["flavour"]
    some_base = baselines.get((flavour, first["config"]["mode"])) or {}
    report = Report(tf_version=tf_version, flavour=flavour, modes=[s["config"]["mode"] for s in snapshots],
                    baseline_tf=some_base.get("tf_version") or some_base.get("config", {}).get("tf", PINNED_TF))
    seen = set()
    for snap in snapshots:
        mode = snap["config"]["mode"]
        version = snap.get("tf_version") or snap["config"]["tf"]
        base = (baselines.get((flavour, mode)) or {}).get("observations", {})
        for cid, observed in snap["observations"].items():
            claim = by_id.get(cid)
            if claim is None:
                continue  # a claim removed from the catalogue since the snapshot was taken
            seen.add(cid)
            after = _obs(observed)
            if cid in base:
                before, no_base = _obs(base[cid]), False
            else:
                before, no_base = claim.outcome(mode, flavour).expect.as_dict(), True
                before["out"] = list(before["out"] or [])
                report.missing_baseline.append((cid, mode))
            changed = before != after
            report.results.append((cid, version, flavour, mode, changed))
            if not changed:
                continue
            entry, mismatched = expectations.explain(entries, cid, version, flavour, mode, after)
            report.changes.append(Change(cid, claim.statement, flavour, mode, version, before, after,
                                         entry, mismatched, no_base))
    report.claims = len(seen)
    if check_stale:
        report.stale = expectations.stale(entries, by_id, report.results)
    return report


# ----------------------------------------------------------------------------- rendering

WIDTH = 150


def one_line(obs):
    return " | ".join(observation_lines(obs.get("out"), obs.get("error"))) or "(nothing printed)"


def _clip(text, width=WIDTH):
    return text if len(text) <= width else text[:width - 1] + "…"


def _pair(before, after):
    """before/after on one line each; a long shared beginning is cut so the difference shows."""
    a, b = one_line(before), one_line(after)
    common = len(os.path.commonprefix([a, b]))
    if common > 60 and (len(a) > WIDTH or len(b) > WIDTH):
        cut = common - 30
        a, b = "…" + a[cut:], "…" + b[cut:]
    return _clip(a), _clip(b)


def _diff_lines(old, new):
    a = observation_lines(old.get("out"), old.get("error"))
    b = observation_lines(new.get("out"), new.get("error"))
    return [_clip(l) for l in difflib.unified_diff(a, b, "old", "new", n=0, lineterm="")
            if not l.startswith(("---", "+++", "@@"))]


def render(report, *, strict=False):
    """The diff a person reads: one block per changed claim, modes with the same change together;
    each change as the older release's behaviour over the newer one's, labelled with versions."""
    lines = [f"Gate: TensorFlow {report.tf_version} ({report.flavour}) against the baseline "
             f"TensorFlow {report.baseline_tf} ({report.flavour}); {report.claims} claims x "
             f"{len(report.modes)} modes ({', '.join(report.modes)})"]
    if not report.changes:
        lines.append("no change: every claim behaves as in the baseline in every mode.")
    else:
        n, u = len(report.changes), len(report.unexplained)
        by_claim = {}
        for c in report.changes:
            by_claim.setdefault(c.claim, []).append(c)
        head = f"{n} change{'s' * (n != 1)} (claim x mode) in {len(by_claim)} claim{'s' * (len(by_claim) != 1)}"
        lines.append(f"{head}: {n - u} explained, {u} NOT EXPLAINED" if u else f"{head}, all explained")
        reasons = {}
        for cid, cs in sorted(by_claim.items(), key=lambda kv: (all(c.explained for c in kv[1]), kv[0])):
            explained = all(c.explained for c in cs)
            ids = []
            for c in cs:
                if c.entry and c.entry.id not in ids:
                    ids.append(c.entry.id)
                    reasons[c.entry.id] = c.entry
            tag = "explained" if explained else "NOT EXPLAINED"
            lines += ["", f"{tag:>13}  {cid}" + (f"  (reason: {', '.join(ids)})" if ids else ""),
                      f"{'':15}{_clip(cs[0].statement, WIDTH - 15)}"]
            groups = {}
            for c in cs:
                key = (one_line(c.before), one_line(c.after), c.entry.id if c.entry else None)
                groups.setdefault(key, []).append(c)
            for group in groups.values():
                c = group[0]
                modes = "all modes" if len(group) == 3 else ", ".join(x.mode for x in group)
                # older release first: "moving from 2.15 to 2.21" reads top to bottom
                (old_v, old), (new_v, new) = sorted(
                    [(report.baseline_tf, c.before), (c.tf_version, c.after)],
                    key=lambda p: expectations.version_tuple(p[0]))
                if len(old.get("out") or []) + len(new.get("out") or []) > 6:
                    body = [f"--- {old_v}  +++ {new_v}"] + _diff_lines(old, new)
                else:
                    a, b = _pair(old, new)
                    width = max(len(old_v), len(new_v)) + 1
                    body = [f"{old_v + ':':<{width}} {a}", f"{new_v + ':':<{width}} {b}"]
                lines.append(f"{'':15}{modes:<13}{body[0]}")
                lines += [f"{'':28}{l}" for l in body[1:]]
                if not c.explained:
                    if c.mismatched:
                        lines.append(f"{'':28}expectation {c.mismatched.id!r} covers this but expects: "
                                     f"{_clip(one_line(c.mismatched.expect), WIDTH - 70)}")
                    else:
                        lines.append(f"{'':28}no expectation entry explains this (if it is expected, "
                                     f"add one to expectations/)")
                if c.no_baseline:
                    lines.append(f"{'':28}(no baseline for this claim: compared with the catalogue's expectation)")
        if reasons:
            lines += ["", "Reasons:"]
            for eid, entry in reasons.items():
                lines += textwrap.wrap(f"[{eid}] {entry.reason}", WIDTH - 4, initial_indent="  ",
                                       subsequent_indent="    ")
                if entry.url:
                    lines.append(f"    upstream: {entry.url}")
    if report.stale:
        lines.append("")
        lines += [f"warning: {s.render()}" for s in report.stale]
    if report.missing_baseline:
        ids = sorted({cid for cid, _ in report.missing_baseline})
        lines.append(f"note: {len(ids)} claim(s) have no baseline yet (compared with the catalogue): "
                     f"{_clip(', '.join(ids), 100)}; run `make baselines`")
    status = report.exit_status(strict)
    lines.append("")
    lines.append("gate: FAIL (unexplained change)" if report.unexplained else
                 "gate: FAIL (stale expectations)" if status else "gate: pass")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- running

def record_configs(configs, claims, *, jobs=2, python=None, reuse=None, progress=None):
    """Snapshots for several configurations, at most ``jobs`` worker processes at once.

    ``python``: an interpreter for all of them, or {(tf, flavour): interpreter};
    ``reuse``: {Config: earlier snapshot} (see snapshot.record).  Returns {Config: (snapshot, seconds)}.
    """
    def one(config):
        start = time.monotonic()
        overrides = python if isinstance(python, dict) else {(config.tf, config.flavour): python} if python else None
        pool = WorkerPool(overrides)
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


def run_gate(tf_version, flavour, modes=MODES, *, out_dir=GATE_REPORTS, baselines_dir=BASELINES, jobs=2,
             strict=False, claims=None, entries=None, stream=sys.stdout):
    claims = claims if claims is not None else catalogue.load()
    entries = entries if entries is not None else expectations.load()
    print(f"gate: preparing TensorFlow {tf_version} ({flavour}) ...", file=sys.stderr, flush=True)
    start = time.monotonic()
    python = python_for(tf_version, flavour)
    configs = [Config(tf_version, flavour, m) for m in modes]

    def progress(config, snap, seconds):
        print(f"gate: {config.mode}: {len(snap['observations'])} claims in {seconds:.0f} s "
              f"(TensorFlow {snap['tf_version']})", file=sys.stderr, flush=True)

    recorded = record_configs(configs, claims, jobs=jobs, python=python, progress=progress)
    snaps = [recorded[c][0] for c in configs]
    for snap in snaps:
        snapshot.write(snap, Path(out_dir) / f"{snapshot.name(snap)}.json")
    baselines = load_baselines(baselines_dir)
    missing = [m for m in modes if (flavour, m) not in baselines]
    if missing:
        print(f"gate: no baseline for {flavour} {', '.join(missing)} in {baselines_dir}: run `make baselines`",
              file=sys.stderr)
    report = compare(baselines, snaps, claims, entries)
    print(render(report, strict=strict), file=stream)
    print(f"gate: snapshots in {os.path.relpath(out_dir)}/; {time.monotonic() - start:.0f} s", file=sys.stderr)
    return report.exit_status(strict)


def record_baselines(out_dir=BASELINES, flavours=FLAVOURS, modes=MODES, jobs=2, claims=None):
    claims = claims if claims is not None else catalogue.load()
    configs = [Config(PINNED_TF, f, m) for f in flavours for m in modes]
    for f in flavours:
        python_for(PINNED_TF, f)

    def progress(config, snap, seconds):
        print(f"baselines: {config.name}: {len(snap['observations'])} claims in {seconds:.0f} s", file=sys.stderr,
              flush=True)

    recorded = record_configs(configs, claims, jobs=jobs, progress=progress)
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
