"""Observation snapshots: what TF did for every claim under one configuration.

A snapshot is one JSON file per configuration::

    {"config": {"tf": ..., "flavour": ..., "mode": ...},   # tf: the exact release ("2.16.2")
     "tf_version": "2.16.2",                               # the release installed (None: mode absent)
     "versions": {package: version, ...},                  # as reported by the worker
     "harness": sha256 of conformance/worker.py, 12 hex digits,
     "programs": {claim_id: sha256 of the program and the project modules it imports},
     "observations": {claim_id: Observation.as_dict(), ...}}

``programs`` lets a later run reuse observations of claims whose program did not change
(``record(..., reuse=old_snapshot)``) and lets tests spot a baseline recorded for an older
version of a program.
"""
import hashlib
import json
import re
from pathlib import Path

from . import fixtures
from .configs import Config
from .observation import Observation

PACKAGE = Path(__file__).resolve().parent
_IMPORTS = re.compile(r"\bconformance(?:\.|\s+import\s+)([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)")


def program_hash(program, fixture=None):
    """sha256 of a program and of the project modules it imports (e.g. conformance.slim_shim), and of
    its claim's fixture (the writer program, its imports and its release) if it has one."""
    digest = hashlib.sha256(program.encode("utf-8"))
    for match in _IMPORTS.finditer(program):
        for name in re.split(r"\s*,\s*", match.group(1)):
            module = PACKAGE / f"{name}.py"
            if module.is_file():
                digest.update(module.read_bytes())
    if fixture is not None:
        digest.update(f"\nfixture {fixture.release.version} {program_hash(fixture.program)}".encode("utf-8"))
    return digest.hexdigest()[:12]


def claim_hash(claim):
    """The program hash of a claim: its program and its fixture."""
    return program_hash(claim.program, getattr(claim, "fixture", None))


def harness_hash():
    """sha256 of the worker, which every observation goes through."""
    return hashlib.sha256((PACKAGE / "worker.py").read_bytes()).hexdigest()[:12]


def installed_tf(versions):
    return (versions or {}).get("tensorflow-cpu") or (versions or {}).get("tensorflow")


def record(claims, config: Config, pool, progress=None, reuse=None):
    """Run every testable claim under one configuration; return the snapshot dict.

    ``reuse``: an earlier snapshot of the same configuration; claims whose program hash is
    unchanged keep their observation there without running (the worker is still started, to
    report versions, only if some claim must run or ``reuse`` has no versions).  A mode that
    does not exist in the release gives ``not-available`` for every claim, without a worker.
    """
    observations, programs = {}, {}
    if reuse is not None and reuse.get("harness") != harness_hash():
        reuse = None  # the worker changed: observations may differ
    old_obs = (reuse or {}).get("observations", {})
    old_programs = (reuse or {}).get("programs", {})
    absent = config.not_available()
    worker = None
    versions = (reuse or {}).get("versions")
    for claim in claims:
        if not claim.testable:
            continue
        digest = claim_hash(claim)
        programs[claim.id] = digest
        if absent:
            observations[claim.id] = Observation.not_available(absent).as_dict()
            continue
        if claim.id in old_obs and old_programs.get(claim.id) == digest and versions:
            observations[claim.id] = old_obs[claim.id]
            continue
        if worker is None:
            worker = pool.get(config)
        observations[claim.id] = fixtures.run(pool, config, claim).as_dict()
        versions = worker.versions or versions
        if progress:
            progress(claim, config)
    if versions is None and not absent:
        worker = pool.get(config)
        worker.start()
        versions = worker.versions
    return {"config": {"tf": config.tf, "flavour": config.flavour, "mode": config.mode},
            "tf_version": installed_tf(versions), "versions": versions or {}, "harness": harness_hash(),
            "programs": programs, "observations": observations}


def observations(snapshot):
    """{claim id: Observation} of a snapshot."""
    return {cid: Observation.from_dict(d) for cid, d in snapshot["observations"].items()}


def name(snapshot):
    """File stem of a snapshot: its release, flavour and mode (tf2.16.2-keras3-v1)."""
    cfg = snapshot["config"]
    return f"tf{snapshot.get('tf_version') or cfg['tf']}-{cfg['flavour']}-{cfg['mode']}"


def path_for(directory, config: Config) -> Path:
    return Path(directory) / f"{config.name}.json"


def write(snapshot, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))
