"""The conformance matrix: the catalogue under every release 1.0 ... 2.21, flavour and mode.

For each minor release (at its newest patch, ``conformance.releases``) and each Keras flavour
that exists for it, every testable claim runs in every mode the release has.  What TF did is
kept in docs/matrix.json as data, compactly: an observation only where it differs from the
baseline of the same flavour and mode (the pinned release, ``baselines/``), each distinct
observation once.  Everything else is judged from it when rendered (``observation.judge``,
with the catalogue and expectations/*.toml), so editing a claim's ``claimed`` or an
expectation entry needs no new run:

- docs/MATRIX.md: what changed when, and per flavour one row per claim that differs from the
  baseline somewhere, one column per release (``=`` same as the baseline, ``≠`` differs and an
  expectation entry explains it, ``✗`` differs unexplained, ``·`` the mode does not exist);
- ``history(...)`` (report/history.json and the history lines of docs/CLAIMS.md): each claim's
  outcome per mode and release, judged against its source.

Per-configuration snapshots are cached in report/matrix/; a rerun only runs claims whose
program changed (``--fresh`` runs everything again).  No timings are written to committed
files, so regenerating an unchanged matrix gives no diff.
"""
import hashlib
import json
import sys
import time
from pathlib import Path

from . import catalogue, expectations, gate, snapshot
from .configs import Config
from .envs import env_dir, python_for
from .observation import (CRASHED, DIFFERS, HOLDS, NOT_APPLICABLE, NOT_AVAILABLE, REFUTED, SHORT, TIMED_OUT,
                          UNEXPLAINED, Observation, judge)
from .releases import MODES, PINNED, VERSIONS, all_releases, release

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "report" / "matrix"
DOCS = ROOT / "docs"
MATRIX_JSON = DOCS / "matrix.json"
SYMBOL = {"same": "=", "explained": "≠", "unexplained": "✗", "absent": "·"}


def plan(minors=None, flavours=None):
    """[(Release, flavour)] in matrix order: every minor (or those asked for) x its flavours."""
    out = []
    for rel in all_releases():
        if minors and rel.minor not in minors:
            continue
        for flavour in rel.flavours():
            if not flavours or flavour in flavours:
                out.append((rel, flavour))
    return out


def key(tf_version, flavour, mode):
    return f"{tf_version}-{flavour}-{mode}"


def _obs_id(d):
    text = json.dumps(d, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _comparable(d):
    """An observation's JSON without what is never compared (the worker's log, notes)."""
    return {k: v for k, v in Observation.from_dict(d).as_dict().items() if k not in ("log", "notes")}


def build(pairs, snaps, claims, baselines):
    """The matrix data (docs/matrix.json) from recorded snapshots {(version, flavour, mode): snapshot}."""
    configs, table, cells = [], {}, {c.id: {} for c in claims if c.testable}
    programs = {c.id: snapshot.claim_hash(c) for c in claims if c.testable}
    for rel, flavour in pairs:
        for mode in MODES:
            snap = snaps.get((rel.version, flavour, mode))
            if snap is None:
                continue
            k = key(rel.version, flavour, mode)
            v = snap.get("versions") or {}
            absent = Config(rel.version, flavour, mode).not_available()
            configs.append({"key": k, "release": rel.minor, "tf_version": rel.version, "flavour": flavour,
                            "mode": mode, "available": absent is None, "python": v.get("python"),
                            "keras": v.get("keras"), "tf_keras": v.get("tf-keras"), "numpy": v.get("numpy"),
                            "protobuf": v.get("protobuf"), "slim": rel.slim})
            if absent:
                continue
            base = (baselines.get((flavour, mode)) or {}).get("observations", {})
            for cid, d in snap["observations"].items():
                if cid not in cells:
                    continue
                mine = _comparable(d)
                if cid in base and mine == _comparable(base[cid]):
                    continue
                oid = _obs_id(mine)
                table[oid] = mine
                cells[cid][k] = oid
    return {"baseline": VERSIONS[PINNED], "configs": configs,
            "observations": dict(sorted(table.items())),
            "claims": {cid: {"program": programs[cid], "cells": cells[cid]} for cid in cells}}


def dump_json(data):
    """matrix.json: one line per observation and per claim, so it stays diffable."""
    head = {k: v for k, v in data.items() if k not in ("observations", "claims", "configs")}
    parts = [json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]]
    parts.append(' "configs": [\n' + ",\n".join("  " + json.dumps(c, ensure_ascii=False, sort_keys=True)
                                                   for c in data["configs"]) + "\n ]")
    for name in ("observations", "claims"):
        body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}"
                          for k, v in data[name].items())
        parts.append(f' "{name}": {{\n{body}\n }}')
    return parts[0] + ",\n" + ",\n".join(parts[1:]) + "\n}\n"


def load(path=MATRIX_JSON):
    if not Path(path).exists():
        return None
    return json.loads(Path(path).read_text(encoding="utf-8"))


class Matrix:
    """The matrix data, read: observations and judgements per claim and configuration."""

    def __init__(self, data, claims, entries, baselines):
        self.data, self.entries, self.baselines = data, entries, baselines
        self.claims = {c.id: c for c in claims if c.testable}
        self.configs = data["configs"]
        self.ran = {cid for cid in data["claims"] if cid in self.claims}
        self._by_key = {(c["tf_version"], c["flavour"], c["mode"]): c for c in self.configs}
        self._history = {}  # computed once: history per flavour, and "stale"

    def stale_claims(self):
        """Claims whose program changed (or that are new) since the matrix was recorded."""
        if "stale" not in self._history:
            self._history["stale"] = sorted(
                cid for cid, c in self.claims.items()
                if self.data["claims"].get(cid, {}).get("program") != snapshot.claim_hash(c))
        return self._history["stale"]

    def observation(self, cid, cfg):
        if not cfg["available"]:
            return Observation.not_available(Config(cfg["tf_version"], cfg["flavour"], cfg["mode"]).not_available())
        oid = self.data["claims"].get(cid, {}).get("cells", {}).get(cfg["key"])
        if oid is not None:
            return Observation.from_dict(self.data["observations"][oid])
        base = (self.baselines.get((cfg["flavour"], cfg["mode"])) or {}).get("observations", {}).get(cid)
        return Observation.from_dict(base) if base is not None else None

    def status(self, cid, cfg):
        """same | explained | unexplained | absent, against the baseline."""
        if not cfg["available"]:
            return "absent"
        if cfg["key"] not in self.data["claims"].get(cid, {}).get("cells", {}):
            return "same"
        return "explained" if self.judged(cid, cfg).as_expected else "unexplained"

    def judged(self, cid, cfg):
        config = Config(cfg["tf_version"], cfg["flavour"], cfg["mode"])
        return judge(self.claims[cid], config, self.observation(cid, cfg), self.entries)

    def releases(self, flavour):
        out = []
        for c in self.configs:
            if c["flavour"] == flavour and c["tf_version"] not in out:
                out.append(c["tf_version"])
        return out

    def config(self, tf_version, flavour, mode):
        return self._by_key.get((tf_version, flavour, mode))

    def stale_entries(self):
        results = []
        for cid in self.ran:
            for cfg in self.configs:
                if cfg["available"] and cfg["tf_version"] != self.data["baseline"]:
                    results.append((cid, cfg["tf_version"], cfg["flavour"], cfg["mode"],
                                    self.status(cid, cfg) != "same"))
        return expectations.stale(self.entries, list(self.claims), results)

    def history(self, flavour="keras3"):
        """{claim: {mode: {minor: outcome}}} judged against the source (see observation.judge);
        computed once per flavour."""
        if flavour in self._history:
            return self._history[flavour]
        out = self._history[flavour] = {}
        for cid in sorted(self.ran):
            per_mode = {}
            for mode in MODES:
                row = {}
                for tf_version in self.releases(flavour):
                    cfg = self.config(tf_version, flavour, mode)
                    if cfg is not None:
                        row[cfg["release"]] = self.judged(cid, cfg).outcome
                per_mode[mode] = row
            out[cid] = per_mode
        return out

    def changes(self, flavour):
        """[(minor, previous minor, [modes that appear], [(claim, [modes])])]: where some claim's
        observation changed from one release to the next.  A mode that appears in a release is
        reported as such, not as a change of every claim."""
        releases = self.releases(flavour)
        out = []
        for prev, cur in zip(releases, releases[1:]):
            pairs = [(mode, self.config(prev, flavour, mode), self.config(cur, flavour, mode)) for mode in MODES]
            pairs = [(mode, a, b) for mode, a, b in pairs if a is not None and b is not None and b["available"]]
            appeared = [mode for mode, a, b in pairs if not a["available"]]
            changed = []
            for cid in sorted(self.ran):
                modes = [mode for mode, a, b in pairs
                         if a["available"] and self.observation(cid, a) != self.observation(cid, b)]
                if modes:
                    changed.append((cid, modes))
            out.append((release(cur).minor, release(prev).minor, appeared, changed))
        return out


def ranges(row):
    """"holds 1.0–1.3, differs 1.4–2.21" from {minor: outcome} in release order."""
    parts, last = [], None
    for minor, outcome in row.items():
        if last is not None and last[0] == outcome:
            last[2] = minor
        else:
            last = [outcome, minor, minor]
            parts.append(last)
    return ", ".join(f"{SHORT[o]} {a}" + (f"–{b}" if b != a else "") for o, a, b in parts)


# ----------------------------------------------------------------------------- MATRIX.md

def _md(text):
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(m: Matrix):
    entries = m.entries
    number = {e.id: i + 1 for i, e in enumerate(entries)}
    lines = ["# Conformance matrix: every TensorFlow release 1.0 – 2.21 x Keras flavour x mode", "",
             "Generated by `make matrix` (`.venv/bin/python -m conformance matrix`) from docs/matrix.json; "
             "do not edit by hand.",
             f"Every configuration is compared with the committed baseline of the same flavour and mode "
             f"(TensorFlow {m.data['baseline']}, `baselines/`; releases without tf-keras are compared with "
             f"the default-install baseline).", "",
             "A cell shows the modes **v1 graph eager** in order: `=` the same as the baseline, `≠` differs "
             "and an expectation entry (E*n*, listed below) explains it, `✗` differs and nothing explains it, "
             "`·` the mode does not exist in that release. `✓` means all three are the same as the baseline.",
             "", "## Releases", "",
             "| release | TensorFlow | Python | numpy | protobuf | keras | tf-keras | slim | modes | = | ≠ | ✗ |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    seen = []
    for cfg in m.configs:
        if (cfg["tf_version"], cfg["flavour"]) in seen:
            continue
        seen.append((cfg["tf_version"], cfg["flavour"]))
        group = [c for c in m.configs if (c["tf_version"], c["flavour"]) == (cfg["tf_version"], cfg["flavour"])]
        counts = {"same": 0, "explained": 0, "unexplained": 0}
        for c in group:
            if c["available"]:
                for cid in m.ran:
                    counts[m.status(cid, c)] += 1
        ran = [c for c in group if c["available"]]
        info = ran[0] if ran else cfg
        flavour = "" if cfg["flavour"] == "keras3" else " + tf-keras"
        lines.append(f"| {cfg['release']}{flavour} | {cfg['tf_version']} | {info['python'] or '–'} | "
                     f"{info['numpy'] or '–'} | {info['protobuf'] or '–'} | {info['keras'] or '–'} | "
                     f"{info['tf_keras'] or '–'} | `{cfg['slim']}` | {' '.join(c['mode'] for c in ran)} | "
                     f"{counts['same']} | {counts['explained']} | "
                     f"{'**%d**' % counts['unexplained'] if counts['unexplained'] else 0} |")
    lines.append("")
    stale = m.stale_claims()
    if stale:
        lines += [f"**Not current**: {len(stale)} claim(s) changed since this matrix was recorded: "
                  + ", ".join(f"`{c}`" for c in stale[:20]) + "; run `make matrix`.", ""]
    lines += ["## What changed when", "",
              "Each release where some claim's observation differs from the release before it, in a mode both "
              "releases have.", ""]
    for flavour, title in (("keras3", "default install"), ("legacy", "with tf-keras")):
        for minor, prev, appeared, changed in m.changes(flavour):
            parts = [f"mode {'/'.join(appeared)} first available (its column starts here)"] if appeared else []
            if changed:
                names = ", ".join(f"`{cid}`" + ("" if len(modes) == 3 else f" ({'/'.join(modes)})")
                                  for cid, modes in changed)
                parts.append(f"{len(changed)} claim{'s' * (len(changed) != 1)}: {names}")
            if parts:
                lines.append(f"- **{minor}** ({title}, from {prev}): " + "; ".join(parts))
    lines.append("")
    for flavour, title in (("keras3", "Default install (flavour keras3)"),
                           ("legacy", "tf-keras with TF_USE_LEGACY_KERAS=1 (flavour legacy)")):
        releases = m.releases(flavour)
        if not releases:
            continue
        rows = []
        for cid in sorted(m.ran):
            cells, links, differs = [], [], False
            for tf_version in releases:
                text = ""
                for mode in MODES:
                    cfg = m.config(tf_version, flavour, mode)
                    status = m.status(cid, cfg) if cfg else "absent"
                    text += SYMBOL[status]
                    if status in ("explained", "unexplained"):
                        differs = True
                    if status == "explained":
                        j = m.judged(cid, cfg)
                        if j.entry and j.entry not in links:
                            links.append(j.entry)
                cells.append("✓" if text == "===" else f"`{text}`")
            if differs:
                reason = " ".join(f"[E{number[e]}](#{e})" for e in links)
                rows.append(f"| `{cid}` | " + " | ".join(cells) + f" | {reason} |")
        minors = [release(v).minor for v in releases]
        lines += [f"## {title}", ""]
        if rows:
            lines += ["| claim | " + " | ".join(minors) + " | why |",
                      "| --- | " + " | ".join("---" for _ in minors) + " | --- |", *rows, ""]
        else:
            lines += ["Every claim behaves as in the baseline in every release.", ""]
    always = [cid for cid in sorted(m.ran)
              if all(m.status(cid, c) in ("same", "absent") for c in m.configs)]
    lines += ["## Claims that behave as in the baseline wherever they run", "",
              f"{len(always)} claims: " + ", ".join(f"`{c}`" for c in always), ""]
    stale_entries = m.stale_entries()
    stale_by_id = {}
    for s in stale_entries:
        stale_by_id.setdefault(s.entry, []).append(s.why)
    lines += ["## Expectations", ""]
    for e in entries:
        lines.append(f"<a id=\"{e.id}\"></a>**E{number[e.id]} `{e.id}`** ({e.file}; {e.selector}; verdict "
                     f"{e.verdict}; claims: {', '.join('`%s`' % c for c in e.claims)})  ")
        lines.append(_md(e.reason) + (f"  \nUpstream: {e.url}" if e.url else ""))
        if e.id in stale_by_id:
            lines.append(f"  \n**Stale**: {_md('; '.join(stale_by_id[e.id]))}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def history_json(m: Matrix):
    """report/history.json: {"releases": [...], "claims": {id: {mode: {release: outcome}}}} for the
    default install, and the same under "legacy" for the releases with tf-keras."""
    return {"releases": [release(v).minor for v in m.releases("keras3")],
            "outcomes": [HOLDS, DIFFERS, REFUTED, NOT_APPLICABLE, NOT_AVAILABLE, CRASHED, TIMED_OUT, UNEXPLAINED],
            "claims": m.history("keras3"),
            "legacy": {"releases": [release(v).minor for v in m.releases("legacy")],
                       "claims": m.history("legacy")}}


def read(claims=None, entries=None, path=MATRIX_JSON):
    """The committed matrix as a Matrix, or None if there is none."""
    data = load(path)
    if data is None:
        return None
    claims = claims if claims is not None else catalogue.load()
    entries = entries if entries is not None else expectations.load()
    return Matrix(data, claims, entries, gate.load_baselines())


# ----------------------------------------------------------------------------- running

def _reusable(path, tf_version, flavour):
    if not path.exists():
        return None
    marker = env_dir(tf_version, flavour) / ".complete"
    if marker.exists() and marker.stat().st_mtime > path.stat().st_mtime:
        return None  # the environment was rebuilt since
    return snapshot.read(path)


def run_matrix(minors=None, flavours=None, *, jobs=2, fresh=False, cache=CACHE, docs=DOCS, claims=None,
               entries=None, timeout=None, err=sys.stderr):
    claims = claims if claims is not None else catalogue.load()
    entries = entries if entries is not None else expectations.load()
    baselines = gate.load_baselines()
    if not baselines:
        print("matrix: no baselines in baselines/: run `make baselines` first", file=err)
        return 2
    pairs = plan(minors, flavours)
    start = time.monotonic()
    pythons = {}
    for i, (rel, flavour) in enumerate(pairs, 1):  # one at a time: uv downloads and unpacks
        t = time.monotonic()
        pythons[(rel.version, flavour)] = python_for(rel, flavour)
        if time.monotonic() - t > 1:
            print(f"matrix: [{i}/{len(pairs)}] environment {rel.version} {flavour} ready in "
                  f"{time.monotonic() - t:.0f} s", file=err, flush=True)
    configs, reuse = [], {}
    for rel, flavour in pairs:
        for mode in MODES:
            config = Config(rel.version, flavour, mode)
            configs.append(config)
            if not fresh:
                old = _reusable(snapshot.path_for(cache, config), rel.version, flavour)
                if old is not None:
                    reuse[config] = old
    done, run_start = [0], time.monotonic()
    working = [c for c in configs if not c.not_available()]

    def progress(config, snap, seconds):
        snapshot.write(snap, snapshot.path_for(cache, config))  # now: an interrupted run keeps what it did
        if config.not_available():
            return
        done[0] += 1
        elapsed = time.monotonic() - run_start
        left = elapsed / done[0] * (len(working) - done[0])
        print(f"matrix: [{done[0]}/{len(working)}] {config.tf} {config.flavour} {config.mode}: "
              f"{len(snap['observations'])} claims in {seconds:.0f} s; {elapsed / 60:.1f} min so far, "
              f"about {left / 60:.1f} min left", file=err, flush=True)

    recorded = gate.record_configs(configs, claims, jobs=jobs, python=pythons, reuse=reuse, progress=progress,
                                   timeout=timeout)
    snaps = {(c.tf, c.flavour, c.mode): recorded[c][0] for c in configs}
    data = build(pairs, snaps, claims, baselines)
    if minors or flavours:  # a partial run updates its configurations in the committed data
        data = merge(load(Path(docs) / "matrix.json"), data)
    docs = Path(docs)
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "matrix.json").write_text(dump_json(data), encoding="utf-8")
    m = Matrix(data, claims, entries, baselines)
    (docs / "MATRIX.md").write_text(render_md(m), encoding="utf-8")
    unexplained = [(cid, cfg["key"]) for cid in sorted(m.ran) for cfg in m.configs
                   if cfg["available"] and m.status(cid, cfg) == "unexplained"]
    stale = m.stale_entries()
    print(f"matrix: {len(m.configs)} configurations ({len(working)} run, {len(reuse)} reused cached observations) "
          f"in {(time.monotonic() - start) / 60:.1f} min; {len(unexplained)} unexplained difference(s), "
          f"{len(stale)} stale expectation(s); wrote {docs / 'MATRIX.md'} and matrix.json", file=err)
    for cid, k in unexplained[:60]:
        print(f"  unexplained: {cid} under {k}", file=err)
    if len(unexplained) > 60:
        print(f"  ... and {len(unexplained) - 60} more (docs/MATRIX.md has them all)", file=err)
    for s in stale:
        print(f"  {s.render()}", file=err)
    return 1 if unexplained or stale else 0


def merge(old, new):
    """The committed data with the configurations of a partial run replaced."""
    if old is None:
        return new
    keys = {c["key"] for c in new["configs"]}
    configs = [c for c in old["configs"] if c["key"] not in keys] + new["configs"]
    order = {(v, f): i for i, (v, f) in enumerate((r.version, f) for r, f in plan())}
    configs.sort(key=lambda c: (order.get((c["tf_version"], c["flavour"]), 999), MODES.index(c["mode"])))
    claims = {}
    for cid, info in new["claims"].items():
        cells = {k: v for k, v in old["claims"].get(cid, {}).get("cells", {}).items() if k not in keys}
        cells.update(info["cells"])
        claims[cid] = {"program": info["program"], "cells": dict(sorted(cells.items()))}
    used = {oid for info in claims.values() for oid in info["cells"].values()}
    table = {**old["observations"], **new["observations"]}
    return {"baseline": new["baseline"], "configs": configs,
            "observations": {k: table[k] for k in sorted(used)}, "claims": claims}


def render_only(docs=DOCS, err=sys.stderr):
    m = read(path=Path(docs) / "matrix.json")
    if m is None:
        print(f"matrix: error: no {Path(docs) / 'matrix.json'} to render: run `make matrix`", file=err)
        return 2
    (Path(docs) / "MATRIX.md").write_text(render_md(m), encoding="utf-8")
    stale = m.stale_claims()
    print(f"matrix: rendered {Path(docs) / 'MATRIX.md'}" + (f"; {len(stale)} claim(s) changed since the last run: "
                                                           f"run `make matrix`" if stale else ""), file=err)
    return 0
