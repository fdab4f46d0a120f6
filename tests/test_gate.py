"""The gate's comparison, on data only (no TensorFlow)."""
import copy

import pytest

from conformance import expectations, gate
from conformance.catalogue import Claim, Expected

CLAIMS = [
    Claim(id="a.names", seed="suite", statement="Two layers are named dense and dense_1.", verdict="holds",
          file="x.toml", program="print(1)", claimed=Expected(("dense", "dense_1")), expect=Expected(("dense", "dense_1"))),
    Claim(id="b.error", seed="suite", statement="Reuse of a missing variable raises.", verdict="holds",
          file="x.toml", program="print(2)", claimed=Expected((), "ValueError: no"), expect=Expected((), "ValueError: no")),
]


def snap(tf, mode, obs, flavour="keras3"):
    return {"config": {"tf": tf, "flavour": flavour, "mode": mode}, "tf_version": tf, "versions": {},
            "programs": {}, "observations": copy.deepcopy(obs)}


BASE_OBS = {"a.names": {"out": ["dense", "dense_1"], "error": None},
            "b.error": {"out": [], "error": "ValueError: no"}}
BASELINES = {("keras3", m): snap("2.21.0", m, BASE_OBS) for m in ("v1", "graph", "eager")}


def entries_from(tmp_path, text):
    (tmp_path / "e.toml").write_text(text)
    return expectations.load(tmp_path)


def test_identical_snapshots_say_no_change():
    report = gate.compare(BASELINES, [snap("2.16.2", m, BASE_OBS) for m in ("v1", "graph", "eager")], CLAIMS, [])
    text = gate.render(report)
    assert report.exit_status() == 0
    assert "no change" in text and "gate: pass" in text
    assert report.changes == []


def test_changed_entry_fails_with_a_diff_naming_the_claim():
    changed = copy.deepcopy(BASE_OBS)
    changed["a.names"] = {"out": [], "error": "AttributeError: `dense` is not available with Keras 3."}
    report = gate.compare(BASELINES, [snap("2.16.2", "v1", changed), snap("2.16.2", "graph", BASE_OBS)], CLAIMS, [])
    text = gate.render(report)
    assert report.exit_status() == 1
    assert [(c.claim, c.mode) for c in report.changes] == [("a.names", "v1")]
    assert "NOT EXPLAINED  a.names" in text
    assert "v1           2.16.2: raises AttributeError: `dense` is not available with Keras 3." in text
    assert "Two layers are named dense and dense_1." in text
    assert "no expectation entry explains this" in text
    assert "2.21.0: dense | dense_1" in text  # the older release first, then the newer
    assert "gate: FAIL" in text


def test_a_changed_baseline_is_caught_too():
    base = copy.deepcopy(BASELINES)
    base[("keras3", "eager")]["observations"]["b.error"]["error"] = "ValueError: something else"
    report = gate.compare(base, [snap("2.21.0", "eager", BASE_OBS)], CLAIMS, [])
    assert report.exit_status() == 1
    assert "b.error" in gate.render(report)


def test_expectation_explains_change_and_shows_reason(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "keras3-default"
claim = "a.names"
tf = ">=2.16"
flavours = ["keras3"]
modes = ["v1", "graph"]
reason = "Keras 3 is the default from TF 2.16."
url = "https://example.org/issue/1"
''')
    changed = copy.deepcopy(BASE_OBS)
    changed["a.names"] = {"out": [], "error": "AttributeError: gone"}
    report = gate.compare(BASELINES, [snap("2.16.2", "v1", changed), snap("2.16.2", "graph", changed)], CLAIMS,
                          entries)
    text = gate.render(report)
    assert report.exit_status() == 0, text
    assert "explained  a.names  (reason: keras3-default)" in text and "v1, graph    2.16.2: raises AttributeError: gone" in text
    assert "[keras3-default] Keras 3 is the default from TF 2.16." in text
    assert "https://example.org/issue/1" in text
    assert report.stale == []


def test_expectation_outside_its_releases_explains_nothing(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "e"\nclaim = "a.names"\ntf = ">=2.16"\nreason = "r"\n')
    changed = dict(BASE_OBS, **{"a.names": {"out": ["x"], "error": None}})
    report = gate.compare(BASELINES, [snap("2.15.1", "v1", changed)], CLAIMS, entries)
    assert report.exit_status() == 1


def test_expectation_with_expect_must_match_the_new_behaviour(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "e"\nclaim = "a.names"\nreason = "r"\n'
                                     'expect = { error = "AttributeError: gone" }\n')
    changed = dict(BASE_OBS, **{"a.names": {"out": [], "error": "AttributeError: something else"}})
    report = gate.compare(BASELINES, [snap("2.16.2", "v1", changed)], CLAIMS, entries)
    assert report.exit_status() == 1
    assert "expectation 'e' covers this but expects: raises AttributeError: gone" in gate.render(report)
    ok = dict(BASE_OBS, **{"a.names": {"out": [], "error": "AttributeError: gone"}})
    assert gate.compare(BASELINES, [snap("2.16.2", "v1", ok)], CLAIMS, entries).exit_status() == 0


def test_stale_expectations_are_reported(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "not-needed"
claim = "a.names"
tf = ["2.16"]
reason = "was different once"

[[expect]]
id = "unknown-claim"
claim = "no.such.claim"
reason = "r"
''')
    report = gate.compare(BASELINES, [snap("2.16.2", "v1", BASE_OBS)], CLAIMS, entries)
    stale = {s.entry: s.why for s in report.stale}
    assert "no longer needed" in stale["not-needed"] and "a.names under TF 2.16.2 keras3 v1" in stale["not-needed"]
    assert "no.such.claim" in stale["unknown-claim"]
    text = gate.render(report)
    assert "warning: stale expectation 'not-needed'" in text
    assert report.exit_status() == 0 and report.exit_status(strict=True) == 1


def test_claim_missing_from_baseline_is_compared_with_the_catalogue():
    base = copy.deepcopy(BASELINES)
    del base[("keras3", "v1")]["observations"]["a.names"]
    report = gate.compare(base, [snap("2.16.2", "v1", BASE_OBS)], CLAIMS, [])
    assert report.changes == [] and report.missing_baseline == [("a.names", "v1")]
    assert "run `make baselines`" in gate.render(report)


def test_long_outputs_render_as_a_line_diff():
    before = {"out": [f"v{i}" for i in range(6)], "error": None}
    after = {"out": [f"v{i}" for i in range(5)] + ["w5"], "error": None}
    base = copy.deepcopy(BASELINES)
    base[("keras3", "v1")]["observations"]["a.names"] = before
    obs = dict(BASE_OBS, **{"a.names": after})
    text = gate.render(gate.compare(base, [snap("2.16.2", "v1", obs)], CLAIMS, []))
    assert "--- 2.16.2  +++ 2.21.0" in text
    assert "-w5" in text and "+v5" in text and "v0" not in text


def test_matrix_marks_holds_differs_fails_and_links_the_reason(tmp_path):
    from conformance import matrix

    entries = entries_from(tmp_path, '[[expect]]\nid = "k2"\nclaim = "a.names"\ntf = "<2.16"\nreason = "Keras 2."\n')
    changed = dict(BASE_OBS, **{"a.names": {"out": ["x"], "error": None}, "b.error": {"out": [], "error": "E: y"}})
    snaps = {("2.15", "keras3", "v1"): snap("2.15.1", "v1", changed),
             ("2.16", "keras3", "v1"): snap("2.16.2", "v1", BASE_OBS)}
    data = matrix.build([("2.15", "keras3"), ("2.16", "keras3")], snaps, CLAIMS, entries, BASELINES, {})
    cells = data["claims"]["a.names"]["cells"]
    assert cells["2.15-keras3-v1"] == {"status": "differs", "entry": "k2", "observation": {"out": ["x"], "error": None}}
    assert "2.16-keras3-v1" not in cells  # holds: no cell
    assert data["claims"]["b.error"]["cells"]["2.15-keras3-v1"]["status"] == "fails"
    assert data["stale"] == []
    text = matrix.render_md(data)
    assert "| `a.names` | `≠··` [E1](#k2) | `=··` |" in text
    assert "| `b.error` | `✗··` | `=··` |" in text
    assert '<a id="k2"></a>**E1 `k2`**' in text


def test_matrix_plan_has_tf_keras_only_from_2_14():
    from conformance import matrix

    pairs = matrix.plan()
    assert ("2.13", "legacy") not in pairs and ("2.14", "legacy") in pairs and ("2.12", "keras3") in pairs
    assert len(pairs) == 18
    assert matrix.env_version("2.21") == "2.21.0" and matrix.env_version("2.16") == "2.16"
