"""The conformance matrix: the catalogue under every installable release, flavour and mode.

For each release (newest patch of 2.12 ... 2.21 for this Python; the pinned minor runs the
pinned release) and each Keras flavour that exists for it (tf-keras only from 2.14; before
that "keras3" is simply the default install, i.e. Keras 2), every testable claim runs in the
three modes and is compared with the baseline of the same flavour and mode (gate.compare):

- holds:   same observation as the baseline
- differs: another observation, explained by an expectation entry (expectations/*.toml)
- fails:   another observation that no entry explains

Writes docs/matrix.json (the data: configurations with their versions and counts, and per
claim a cell for every configuration where it does not hold) and docs/MATRIX.md (the table).  Per-configuration
snapshots are cached in report/matrix/; a rerun only runs claims whose program changed
(``--fresh`` runs everything again), so with cached environments it takes a minute or two.
"""
import json
import sys
import time
from pathlib import Path

from . import catalogue, expectations, gate, snapshot
from .configs import MODES, PINNED_TF, Config
from .envs import env_dir, python_for

ROOT = Path(__file__).resolve().parent.parent
RELEASES = tuple(f"2.{m}" for m in range(12, 22))
LEGACY_FROM = (2, 14)          # first release with a tf-keras package
CACHE = ROOT / "report" / "matrix"
DOCS = ROOT / "docs"
MAX_LINES = 12
SYMBOL = {"holds": "=", "differs": "≠", "fails": "✗"}


def env_version(release):
    """The version string an environment is built for: the pinned release for the pinned minor."""
    return PINNED_TF if expectations.minor(PINNED_TF) == release else release


def flavours_for(release):
    return ("keras3", "legacy") if expectations.version_tuple(release)[:2] >= LEGACY_FROM else ("keras3",)


def plan(releases=None, flavours=None):
    """[(release, flavour)] in matrix order."""
    out = []
    for release in releases or RELEASES:
        for flavour in flavours_for(release):
            if flavours and flavour not in flavours:
                continue
            out.append((release, flavour))
    return out


def _reusable(path, tf_version, flavour):
    if not path.exists():
        return None
    marker = env_dir(tf_version, flavour) / ".complete"
    if marker.exists() and marker.stat().st_mtime > path.stat().st_mtime:
        return None  # the environment was rebuilt since: its patch release may differ
    return snapshot.read(path)


def cell_status(change):
    if change is None:
        return "holds"
    return "differs" if change.explained else "fails"


def build(pairs, snaps, claims, entries, baselines, timing):
    """The matrix data (what docs/matrix.json holds) from recorded snapshots."""
    configs, cells, results = [], {}, []
    known, ran = {c.id for c in claims}, set()
    for release, flavour in pairs:
        group = [snaps[(release, flavour, m)] for m in MODES if (release, flavour, m) in snaps]
        if not group:
            continue
        report = gate.compare(baselines, group, claims, entries, check_stale=False)
        results += report.results
        changes = {(c.claim, c.mode): c for c in report.changes}
        for snap in group:
            mode = snap["config"]["mode"]
            key = f"{release}-{flavour}-{mode}"
            counts = {"holds": 0, "differs": 0, "fails": 0}
            for cid, obs in snap["observations"].items():
                if cid not in known:
                    continue
                ran.add(cid)
                change = changes.get((cid, mode))
                status = cell_status(change)
                counts[status] += 1
                if change is None:
                    continue  # holds: only differences get a cell (docs: "configs" says what ran)
                cell = {"status": status}
                out = list(obs.get("out") or [])
                if len(out) > MAX_LINES:  # long manifests: the snapshot in report/matrix/ has them all
                    out = out[:MAX_LINES] + [f"... ({len(out) - MAX_LINES} more lines)"]
                cell["observation"] = {"out": out, "error": obs.get("error")}
                if change.entry:
                    cell["entry"] = change.entry.id
                cells.setdefault(cid, {})[key] = cell
            v = snap.get("versions") or {}
            configs.append({"key": key, "release": release, "flavour": flavour, "mode": mode,
                            "tf_version": snap.get("tf_version"), "keras": v.get("keras"),
                            "tf_keras": v.get("tf-keras"), "numpy": v.get("numpy"), "python": v.get("python"),
                            "seconds": round(timing.get((release, flavour, mode), 0.0), 1), **counts})
    stale = expectations.stale(entries, [c.id for c in claims], results)
    stale_by_id = {}
    for s in stale:
        stale_by_id.setdefault(s.entry, []).append(s.why)
    return {
        "baseline": {"tf_version": PINNED_TF, "note": "each configuration is compared with baselines/ of its "
                                                      "flavour and mode (the pinned release)"},
        "configs": configs,
        "claims": {c.id: {"statement": c.statement, "file": c.file, "cells": cells.get(c.id, {})}
                   for c in claims if c.testable and c.id in ran},
        "expectations": [{"id": e.id, "file": e.file, "claims": list(e.claims), "selector": e.selector,
                          "reason": e.reason, "url": e.url, "stale": stale_by_id.get(e.id)} for e in entries],
        "stale": [s.render() for s in stale],
    }


def dump_json(data):
    """matrix.json: indented, but one line per claim (54 cells each) so it stays small and diffable."""
    rest = json.dumps({k: v for k, v in data.items() if k != "claims"}, indent=1, ensure_ascii=False,
                      sort_keys=True)
    claims = ",\n".join(f"  {json.dumps(cid)}: {json.dumps(info, ensure_ascii=False, sort_keys=True)}"
                         for cid, info in data["claims"].items())
    return rest[:-2] + ',\n "claims": {\n' + claims + "\n }\n}\n"


def _md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(data, timing_note=""):
    configs = data["configs"]
    lines = ["# Conformance matrix: TensorFlow releases x Keras flavours x modes", "",
             "Generated by `make matrix` (`.venv/bin/python -m conformance matrix`); do not edit by hand.",
             f"Every configuration is compared with the committed baseline of the same flavour and mode "
             f"(TensorFlow {data['baseline']['tf_version']}, `baselines/`).",
             "",
             "Each cell shows the three modes in order **v1 graph eager**: `=` holds (same as the baseline), "
             "`≠` differs, explained by the linked expectation entry E*n* (`expectations/*.toml`, listed below), "
             "`✗` fails (differs and nothing explains it). `✓` means all three hold.",
             "Before 2.14 there is no tf-keras, so only the default install runs (Keras 2 there, "
             "compared with the keras3 baseline).", ""]
    if timing_note:
        lines += [timing_note, ""]
    lines += ["## Configurations", "",
              "| release | flavour | TensorFlow | keras | tf-keras | numpy | holds | differs | fails |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    seen = set()
    for c in configs:
        k = (c["release"], c["flavour"])
        if k in seen:
            continue
        seen.add(k)
        group = [x for x in configs if (x["release"], x["flavour"]) == k]
        tot = {s: sum(x[s] for x in group) for s in ("holds", "differs", "fails")}
        lines.append(f"| {c['release']} | {c['flavour']} | {c['tf_version']} | {c['keras'] or '–'} | "
                     f"{c['tf_keras'] or '–'} | {c['numpy'] or '–'} | {tot['holds']} | {tot['differs']} | "
                     f"{'**%d**' % tot['fails'] if tot['fails'] else 0} |")
    total_fail = sum(c["fails"] for c in configs)
    lines += ["", f"{len(data['claims'])} claims x {len(configs)} configurations; "
                  f"{sum(c['differs'] for c in configs)} explained differences, {total_fail} unexplained.", ""]
    always = []
    number = {e["id"]: i + 1 for i, e in enumerate(data["expectations"])}
    ran_keys = {c["key"] for c in configs}
    for flavour, title in (("keras3", "Default install (flavour keras3)"),
                           ("legacy", "tf-keras with TF_USE_LEGACY_KERAS=1 (flavour legacy)")):
        releases = []
        for c in configs:
            if c["flavour"] == flavour and c["release"] not in releases:
                releases.append(c["release"])
        if not releases:
            continue
        rows = []
        for cid, info in data["claims"].items():
            row, differs = [], False
            for r in releases:
                statuses, links = "", []
                for m in MODES:
                    key = f"{r}-{flavour}-{m}"
                    if key not in ran_keys:
                        statuses += "·"
                        continue
                    cell = info["cells"].get(key, {"status": "holds"})
                    statuses += SYMBOL[cell["status"]]
                    if cell["status"] != "holds":
                        differs = True
                    if cell.get("entry") and cell["entry"] not in links:
                        links.append(cell["entry"])
                text = "✓" if statuses == "===" else f"`{statuses}`"
                if links:
                    text += " " + " ".join(f"[E{number[e]}](#{e})" for e in links)
                row.append(text)
            if differs:
                rows.append(f"| `{cid}` | " + " | ".join(row) + " |")
        lines += [f"## {title}", ""]
        if rows:
            lines += ["| claim | " + " | ".join(releases) + " |",
                      "| --- | " + " | ".join("---" for _ in releases) + " |", *rows, ""]
        else:
            lines += ["Every claim holds in every release.", ""]
    for cid, info in data["claims"].items():
        if all(cell["status"] == "holds" for cell in info["cells"].values()):
            always.append(cid)
    lines += ["## Claims that hold in every configuration", "",
              f"{len(always)} claims: " + ", ".join(f"`{c}`" for c in always), ""]
    lines += ["## Expectations", ""]
    for e in data["expectations"]:
        lines.append(f"<a id=\"{e['id']}\"></a>**E{number[e['id']]} `{e['id']}`** ({e['file']}; {e['selector']}; "
                     f"claims: {', '.join('`%s`' % c for c in e['claims'])})  ")
        lines.append(_md_escape(e["reason"]) + (f"  \nUpstream: {e['url']}" if e.get("url") else ""))
        if e.get("stale"):
            lines.append(f"  \n**Stale**: {_md_escape('; '.join(e['stale']))}")
        lines.append("")
    if data["stale"]:
        lines += ["## Stale expectations", "", *[f"- {_md_escape(s)}" for s in data["stale"]], ""]
    return "\n".join(lines)


def run_matrix(releases=None, flavours=None, *, jobs=2, fresh=False, cache=CACHE, docs=DOCS, claims=None,
               entries=None):
    claims = claims if claims is not None else catalogue.load()
    entries = entries if entries is not None else expectations.load()
    baselines = gate.load_baselines()
    if not baselines:
        print("matrix: no baselines in baselines/: run `make baselines` first", file=sys.stderr)
        return 2
    pairs = plan(releases, flavours)
    start = time.monotonic()
    pythons = {}
    for release, flavour in pairs:  # one at a time: uv downloads and unpacks
        t = time.monotonic()
        pythons[(release, flavour)] = python_for(env_version(release), flavour)
        if time.monotonic() - t > 1:
            print(f"matrix: environment {release} {flavour} ready in {time.monotonic() - t:.0f} s", file=sys.stderr)
    env_seconds = time.monotonic() - start
    configs, reuse, back = [], {}, {}
    for release, flavour in pairs:
        for mode in MODES:
            config = Config(env_version(release), flavour, mode)
            configs.append(config)
            back[config] = (release, flavour, mode)
            if not fresh:
                old = _reusable(snapshot.path_for(cache, config), config.tf, flavour)
                if old is not None:
                    reuse[config] = old
    timing, snaps = {}, {}

    def progress(config, snap, seconds):
        snapshot.write(snap, snapshot.path_for(cache, config))  # now: an interrupted run keeps what it did
        print(f"matrix: {config.name}: TensorFlow {snap['tf_version']}, {len(snap['observations'])} claims, "
              f"{seconds:.0f} s", file=sys.stderr, flush=True)

    overrides = {(env_version(r), f): p for (r, f), p in pythons.items()}
    recorded = gate.record_configs(configs, claims, jobs=jobs, python=overrides, reuse=reuse, progress=progress)
    for config, (snap, seconds) in recorded.items():
        snaps[back[config]] = snap
        timing[back[config]] = seconds
    run_seconds = time.monotonic() - start - env_seconds
    data = build(pairs, snaps, claims, entries, baselines, timing)
    data["timing"] = {"environments_s": round(env_seconds, 1), "runs_s": round(run_seconds, 1),
                      "reused_configs": len(reuse), "jobs": jobs}
    docs = Path(docs)
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "matrix.json").write_text(dump_json(data), encoding="utf-8")
    t = data["timing"]
    note = (f"Last run: {len(data['configs'])} configurations; environments ready in {t['environments_s']:.0f} s, "
            f"claims run in {t['runs_s']:.0f} s ({t['reused_configs']} configurations reused cached observations "
            f"of unchanged programs), at most {jobs} worker processes at once.")
    (docs / "MATRIX.md").write_text(render_md(data, note) + "\n", encoding="utf-8")
    fails = [(cid, key) for cid, info in data["claims"].items() for key, cell in info["cells"].items()
             if cell["status"] == "fails"]
    print(f"matrix: {len(data['configs'])} configurations in {env_seconds + run_seconds:.0f} s "
          f"(environments {env_seconds:.0f} s); {len(fails)} unexplained difference(s), "
          f"{len(data['stale'])} stale expectation(s); wrote {docs / 'MATRIX.md'} and matrix.json")
    for cid, key in fails[:40]:
        print(f"  fails: {cid} under {key}")
    for s in data["stale"]:
        print(f"  {s}")
    return 1 if fails or data["stale"] else 0
