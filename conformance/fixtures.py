"""Claim fixtures: files a claim reads, written by the suite itself under another release, cached.

A claim with ``fixture = { tf = "1.15", program = '...' }`` (format: conformance/catalogue.py)
reads files, such as a checkpoint, that an old release wrote.  Before the claim runs, the
writer program runs once in a worker of that release (mode v1, default install) with
``fixture_dir`` naming an empty directory; what it leaves there is kept under
``$CONFORMANCE_FIXTURES`` (default ``<envs>/fixtures``), in a directory named by the release and
a hash of the writer program and the project modules it imports, with its files made
read-only.  Later runs, in any process, reuse it.  The claim's program then gets
``fixture_dir`` (its path); the path is printed as ``<fixture>`` in observations, so they do
not depend on the machine.  No fixture file is ever committed: they are always re-creatable.
"""
import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from . import envs
from .configs import Config
from .observation import Observation

MASK = "<fixture>"


class FixtureError(RuntimeError):
    """The writer program failed (raised, crashed, timed out) under its release."""


def root():
    return Path(os.environ.get("CONFORMANCE_FIXTURES", envs.ENVS / "fixtures"))


def digest(fixture):
    """12 hex digits naming a fixture's files: the release and the writer (with the project modules it imports)."""
    from .snapshot import program_hash

    text = f"{fixture.release.version}\n{program_hash(fixture.program)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def directory(fixture):
    return root() / f"tf{fixture.release.version}-{digest(fixture)}"


def _source(path, program):
    return f"fixture_dir = {str(path)!r}\n{program}"


def prepare(fixture, pool, name="fixture"):
    """The directory of the fixture's files, writing them first (once, under a lock) if needed."""
    final = directory(fixture)
    done = final.with_name(final.name + ".json")
    if done.exists() and final.is_dir():
        return final
    root().mkdir(parents=True, exist_ok=True)
    with open(root() / f".{final.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # one writer at a time (xdist workers share the cache)
        if done.exists() and final.is_dir():
            return final
        scratch = final.with_name(f".{final.name}.tmp{os.getpid()}")
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(final, ignore_errors=True)
        scratch.mkdir()
        config = Config(fixture.release.version, "keras3", "v1")
        worker = pool.get(config)
        obs = worker.run(_source(scratch, fixture.program), f"fixture of {name}")
        if not obs.ran or obs.error:
            shutil.rmtree(scratch, ignore_errors=True)
            raise FixtureError(f"the fixture of {name} could not be written under TensorFlow {config.tf}: "
                               f"{_masked(obs, scratch).one_line(300)}")
        if not any(scratch.iterdir()):
            shutil.rmtree(scratch, ignore_errors=True)
            raise FixtureError(f"the fixture of {name} wrote nothing into fixture_dir under TensorFlow {config.tf}")
        for path in scratch.rglob("*"):
            if path.is_file():
                path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        scratch.rename(final)
        done.write_text(json.dumps({"tf": config.tf, "versions": worker.versions,
                                    "out": list(_masked(obs, scratch).out), "program": fixture.program},
                                   indent=1) + "\n")
    return final


def _masked(obs, path):
    text = str(path)

    def mask(s):
        return s.replace(text, MASK) if isinstance(s, str) else s
    return dataclasses.replace(obs, out=tuple(mask(line) for line in obs.out or ()), error=mask(obs.error))


def run(pool, config, claim):
    """Run a claim's program under ``config``: its fixture first, if it has one."""
    fixture = getattr(claim, "fixture", None)
    if fixture is None or config.not_available():
        return pool.run(config, claim.program, claim.id)
    try:
        path = prepare(fixture, pool, claim.id)
    except FixtureError as exc:
        return Observation((), f"FixtureError: {exc}")
    return _masked(pool.run(config, _source(path, claim.program), claim.id), path)
