"""Claim fixtures (conformance/fixtures.py): written once under their release, cached by hash,
read-only, handed to the claim as fixture_dir and masked in what it prints.  The fixtures here
are written by the pinned release (its worker is already warm), into a temporary cache."""
import os
from types import SimpleNamespace

import pytest

from conformance import fixtures
from conformance.catalogue import Fixture
from conformance.configs import Config

# the tests that run TF share the v1 worker of cases/test_claims.py (one xdist group per configuration)
V1 = pytest.mark.xdist_group(Config(mode="v1").name)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_FIXTURES", str(tmp_path / "fixtures"))
    return tmp_path / "fixtures"


WRITER = "import os\nopen(os.path.join(fixture_dir, 'note.txt'), 'w').write('written once')\nprint('wrote')\n"
READER = "import os\nprint(open(os.path.join(fixture_dir, 'note.txt')).read(), fixture_dir)\n" \
         "try:\n    open(os.path.join(fixture_dir, 'note.txt'), 'w')\nexcept (IOError, OSError) as e:\n" \
         "    print(type(e).__name__)\n"


def claim(writer, program=READER):
    return SimpleNamespace(id="x.fixture", program=program, fixture=Fixture("2.21", writer))


@V1
def test_a_fixture_is_written_once_cached_read_only_and_masked(tf_pool, cache):
    c = claim(WRITER)
    if os.geteuid() == 0:  # root writes through read-only bits: the claim sees no PermissionError then
        c.program = READER.split("try:")[0]
    observed = fixtures.run(tf_pool, Config(mode="v1"), c)
    expected = ("written once <fixture>",) + (() if os.geteuid() == 0 else ("PermissionError",))
    assert observed.out == expected and observed.error is None, observed
    directory = fixtures.directory(c.fixture)
    assert directory.parent == cache and (directory / "note.txt").read_text() == "written once", directory
    assert not os.access(directory / "note.txt", os.W_OK) or os.geteuid() == 0, "fixture files are read-only"
    marker = directory.with_name(directory.name + ".json")
    stamp = marker.stat().st_mtime_ns
    assert fixtures.run(tf_pool, Config(mode="graph"), c).out[0] == "written once <fixture>"
    assert marker.stat().st_mtime_ns == stamp, "a cached fixture is not written again"


@V1
def test_a_failing_writer_is_the_claims_observation_not_a_crash(tf_pool, cache):
    observed = fixtures.run(tf_pool, Config(mode="v1"), claim("raise ValueError('no disk') # fixture_dir"))
    assert observed.error.startswith("FixtureError: the fixture of x.fixture could not be written under TensorFlow "
                                     "2.21.0: raises ValueError: no disk"), observed
    assert not any(cache.iterdir()) or all(p.name.startswith(".") for p in cache.iterdir()), \
        f"nothing half-written is kept: {list(cache.iterdir())}"
