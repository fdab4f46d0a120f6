"""Observation snapshots: what TF did for every claim under one configuration.

A snapshot is one JSON file per configuration::

    {"config": {"tf": ..., "flavour": ..., "mode": ...},
     "versions": {package: version, ...},          # as reported by the worker
     "observations": {claim_id: {"out": [...], "error": str | null}, ...}}
"""
import json
from pathlib import Path

from .configs import Config


def record(claims, config: Config, pool, progress=None):
    """Run every testable claim under one configuration; return the snapshot dict."""
    worker = pool.get(config)
    observations = {}
    for claim in claims:
        if not claim.testable:
            continue
        observations[claim.id] = worker.run(claim.program, claim.id).as_dict()
        if progress:
            progress(claim, config)
    return {"config": {"tf": config.tf, "flavour": config.flavour, "mode": config.mode},
            "versions": worker.versions, "observations": observations}


def path_for(directory, config: Config) -> Path:
    return Path(directory) / f"{config.name}.json"


def write(snapshot, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))
