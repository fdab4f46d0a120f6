"""A sample of the catalogue on old releases, so that old interpreters stay honest in `make check`.

At least one claim per source (each seed document and each origin) runs on TF 1.15 (Python 3.7)
and on TF 1.3 (Python 3.6), in every mode the release has, and must do what the case expects of
the pinned release or what an expectation entry (expectations/*.toml) says that release does.
The claims that quote the old reuse-error wordings ("Did you mean to set reuse=True in
VarScope?", "...reuse=None in VarScope?") must hold verbatim on 1.3.

Each release's environment is built with uv on first use; where the interpreter a release needs
is absent, its tests are skipped with one line that says which Python to provide.
"""
import pytest

from conformance import catalogue, envs, expectations
from conformance.configs import Config
from conformance.observation import HOLDS, judge
from conformance.releases import release

CLAIMS = [c for c in catalogue.load() if c.testable]
ENTRIES = expectations.load()
RELEASES = [release("1.15"), release("1.3")]
OLD_WORDING = ("reuse=True in VarScope?", "reuse=None in VarScope?")


def _sample():
    """The first testable claim of every source, and every claim quoting an old error wording."""
    chosen, sources = [], set()
    for claim in CLAIMS:
        source = claim.seed or claim.origin
        wording = claim.claimed.error and claim.claimed.error.endswith(OLD_WORDING)
        if source not in sources or wording:
            sources.add(source)
            chosen.append(claim)
    return chosen


SAMPLE = _sample()
RUNS = [(c, rel, mode) for rel in RELEASES for c in SAMPLE for mode in rel.modes()]


def test_the_sample_covers_every_source():
    sources = {c.seed or c.origin for c in CLAIMS}
    assert {c.seed or c.origin for c in SAMPLE} == sources, "every seed document and origin has a sampled claim"
    assert any(c.claimed.error and c.claimed.error.endswith(OLD_WORDING[1]) for c in SAMPLE), \
        "a claim quoting the reuse=None wording is sampled"


@pytest.fixture(scope="module")
def interpreters():
    """{minor: why it is missing} for the releases whose interpreter cannot be found."""
    missing = {}
    for rel in RELEASES:
        try:
            envs.interpreter(rel.python, rel)
        except envs.EnvError as exc:
            missing[rel.minor] = str(exc)
    return missing


@pytest.mark.parametrize("claim,rel,mode", [pytest.param(c, r, m, id=f"{c.id}-{r.minor}-{m}",
                                                          marks=pytest.mark.xdist_group(Config(r.version, mode=m).name))
                                             for c, r, m in RUNS])
def test_sample_on_an_old_release(claim, rel, mode, tf_pool, interpreters):
    if rel.minor in interpreters:
        pytest.skip(interpreters[rel.minor])
    config = Config(rel.version, "keras3", mode)
    observed = tf_pool.run(config, claim.program, claim.id)
    judged = judge(claim, config, observed, ENTRIES)
    assert judged.as_expected, (
        f"claim {claim.id} ({claim.source}) on TF {rel.version} {mode}: TF did\n    "
        + observed.render(12).replace("\n", "\n    ")
        + f"\nwhich is neither what the case expects of {Config().tf} nor what an expectation entry says of "
          f"{rel.minor}; the case expects:\n    " + claim.outcome(mode).expect.render(12).replace("\n", "\n    "))
    if rel.minor == "1.3" and claim.claimed.error and claim.claimed.error.endswith(OLD_WORDING):
        assert judged.outcome == HOLDS, f"{claim.id}: the source's wording should hold verbatim on 1.3, TF did " \
                                        f"{observed.one_line(300)}"
