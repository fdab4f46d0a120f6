"""The gate's and the matrix's comparison, on data only (no TensorFlow)."""
import copy

from conformance import expectations, gate, matrix
from conformance.catalogue import Claim
from conformance.observation import Observation
from conformance.releases import release

CLAIMS = [
    Claim(id="a.names", origin="suite", statement="Two layers are named dense and dense_1.", verdict="holds",
          file="x.toml", program="print(1)", claimed=Observation(("dense", "dense_1")),
          expect=Observation(("dense", "dense_1"))),
    Claim(id="b.error", origin="suite", statement="Reuse of a missing variable raises.", verdict="holds",
          file="x.toml", program="print(2)", claimed=Observation((), "ValueError: no"),
          expect=Observation((), "ValueError: no")),
]
MODES = ("v1", "graph", "eager")
BASE = {"a.names": Observation(("dense", "dense_1")), "b.error": Observation((), "ValueError: no")}


def side(tf, obs=BASE, modes=MODES, flavour="keras3", label=""):
    return gate.Side(tf, flavour, {m: dict(obs) for m in modes}, label)


def entries_from(tmp_path, text):
    (tmp_path / "e.toml").write_text(text)
    return expectations.load(tmp_path)


BASELINE = side("2.21.0", label="baseline")


def test_identical_observations_say_no_change():
    report = gate.compare(side("2.16.2"), BASELINE, CLAIMS, [])
    text = gate.render(report)
    assert report.exit_status() == 0, text
    assert "no change" in text and "gate: pass" in text, text
    assert report.changes == [], report.changes


def test_the_summary_lists_outcome_changes_first(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "gone"\nclaim = "a.names"\ntf = "<2.16"\nverdict = "refuted"\n'
                                     'expect = { error = "AttributeError: gone" }\nreason = "r"\n')
    old = side("2.15.1", dict(BASE, **{"a.names": Observation((), "AttributeError: gone")}), modes=("v1",))
    text = gate.render(gate.compare(old, side("2.21.0", modes=("v1",), label="baseline"), CLAIMS, entries))
    assert "1 claim change outcome" in text and "  a.names: v1 refuted -> holds" in text, text
    assert text.index("Outcome changes:") < text.index("explained  a.names"), text


def test_changed_observation_fails_with_a_diff_naming_the_claim():
    changed = dict(BASE, **{"a.names": Observation((), "AttributeError: `dense` is not available with Keras 3.")})
    new = gate.Side("2.16.2", "keras3", {"v1": changed, "graph": dict(BASE)})
    report = gate.compare(new, BASELINE, CLAIMS, [])
    text = gate.render(report)
    assert report.exit_status() == 1, text
    assert [(c.claim, c.mode) for c in report.changes] == [("a.names", "v1")], report.changes
    assert "NOT EXPLAINED  a.names" in text, text
    assert "v1           2.16.2 (unexplained): raises AttributeError: `dense` is not available with Keras 3." in text, text
    assert "Two layers are named dense and dense_1." in text, text
    assert "no expectation entry explains what 2.16.2 does here" in text, text
    assert "2.21.0 (holds):" in text, text
    assert text.index("2.16.2 (unexplained)") < text.index("2.21.0 (holds)"), "the older release comes first"
    assert "gate: FAIL" in text, text


def test_the_older_release_comes_first_whatever_the_argument_order():
    changed = dict(BASE, **{"a.names": Observation(("x",))})
    a = gate.compare(side("1.4.1", changed, modes=("v1",)), side("1.15.5", modes=("v1",)), CLAIMS, [])
    b = gate.compare(side("1.15.5", modes=("v1",)), side("1.4.1", changed, modes=("v1",)), CLAIMS, [])
    assert gate.render(a) == gate.render(b), "compare(a, b) and compare(b, a) render alike"
    assert gate.render(a).index("1.4.1 (") < gate.render(a).index("1.15.5 ("), gate.render(a)


def test_modes_missing_in_an_old_release_are_not_compared():
    absent = Observation.not_available("mode graph does not exist in TF 1.4: ...")
    old = gate.Side("1.4.1", "keras3", {"v1": dict(BASE), "graph": {k: absent for k in BASE},
                                        "eager": {k: absent for k in BASE}})
    report = gate.compare(old, BASELINE, CLAIMS, [])
    text = gate.render(report)
    assert report.modes == ["v1"] and report.exit_status() == 0, text
    assert "mode graph not compared: TF 1.4.1 lacks it: TF2 behaviour in a graph needs " \
           "enable_v2_behavior(), which appeared in TF 1.13" in text, text


def test_expectation_explains_change_and_shows_reason(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "keras3-default"
claim = "a.names"
tf = ">=2.16"
flavours = ["keras3"]
modes = ["v1", "graph"]
verdict = "refuted"
reason = "Keras 3 is the default from TF 2.16."
url = "https://example.org/issue/1"
''')
    changed = dict(BASE, **{"a.names": Observation((), "AttributeError: gone")})
    report = gate.compare(side("2.16.2", changed, modes=("v1", "graph")), BASELINE, CLAIMS, entries)
    text = gate.render(report)
    assert report.exit_status() == 0, text
    assert "explained  a.names  (reason: keras3-default)" in text, text
    assert "v1, graph    2.16.2 (refuted): raises AttributeError: gone" in text, text
    assert "[keras3-default] Keras 3 is the default from TF 2.16." in text, text
    assert report.stale == [], report.stale


def test_two_old_releases_are_explained_by_entries_on_both_sides(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "old-wording"
claim = "b.error"
tf = "<1.4"
verdict = "holds-with-difference"
expect = { error = "ValueError: no, in VarScope" }
reason = "The message changed in 1.4."
''')
    old = side("1.3.0", dict(BASE, **{"b.error": Observation((), "ValueError: no, in VarScope")}), modes=("v1",))
    report = gate.compare(old, side("1.15.5", modes=("v1",)), CLAIMS, entries)
    text = gate.render(report)
    assert report.exit_status() == 0, text
    assert "1 claim keep their outcome" in text and "  b.error (v1; reason: old-wording)" in text, \
        "the same outcome in other words is one line\n" + text
    assert "[old-wording] The message changed in 1.4." in text, text
    details = gate.render(report, details=True)
    assert "1.3.0 (holds)" in details, "a prefix-matching error bears out the claim: holds\n" + details


def test_expectation_outside_its_releases_explains_nothing(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "e"\nclaim = "a.names"\ntf = ">=2.16"\nreason = "r"\n'
                                     'verdict = "refuted"\n')
    changed = dict(BASE, **{"a.names": Observation(("x",))})
    report = gate.compare(side("2.15.1", changed, modes=("v1",)), BASELINE, CLAIMS, entries)
    assert report.exit_status() == 1, gate.render(report)


def test_expectation_with_expect_must_match_the_new_behaviour(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "e"\nclaim = "a.names"\nreason = "r"\nverdict = "refuted"\n'
                                     'expect = { error = "AttributeError: gone" }\n')
    other = dict(BASE, **{"a.names": Observation((), "AttributeError: something else")})
    assert gate.compare(side("2.16.2", other, modes=("v1",)), BASELINE, CLAIMS, entries).exit_status() == 1
    ok = dict(BASE, **{"a.names": Observation((), "AttributeError: gone")})
    assert gate.compare(side("2.16.2", ok, modes=("v1",)), BASELINE, CLAIMS, entries).exit_status() == 0


def test_a_crash_is_a_change_like_any_other():
    crashed = dict(BASE, **{"a.names": Observation(status="crashed", detail="signal 11 (SIGSEGV)")})
    report = gate.compare(side("2.16.2", crashed, modes=("v1",)), BASELINE, CLAIMS, [])
    text = gate.render(report)
    assert report.exit_status() == 1 and "crashed (signal 11 (SIGSEGV))" in text, text
    assert "2.16.2 (crashed)" in text, text


def test_stale_expectations_are_reported(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "not-needed"
claim = "a.names"
tf = ["2.16"]
verdict = "refuted"
reason = "was different once"

[[expect]]
id = "unknown-claim"
claim = "no.such.claim"
verdict = "refuted"
reason = "r"
''')
    report = gate.compare(side("2.16.2", modes=("v1",)), BASELINE, CLAIMS, entries)
    stale = {s.entry: s.why for s in report.stale}
    assert "no longer needed" in stale["not-needed"] and "a.names under TF 2.16.2 keras3 v1" in stale["not-needed"]
    assert "no.such.claim" in stale["unknown-claim"], stale
    text = gate.render(report)
    assert "warning: stale expectation 'not-needed'" in text, text
    assert report.exit_status() == 0 and report.exit_status(strict=True) == 1


def test_long_outputs_render_as_a_line_diff():
    before = Observation(tuple(f"v{i}" for i in range(6)))
    after = Observation(tuple(f"v{i}" for i in range(5)) + ("w5",))
    report = gate.compare(side("2.16.2", dict(BASE, **{"a.names": after}), modes=("v1",)),
                          side("2.21.0", dict(BASE, **{"a.names": before}), modes=("v1",)), CLAIMS, [])
    text = gate.render(report)
    assert "--- 2.16.2 (unexplained)  +++ 2.21.0 (unexplained)" in text, text
    assert "-w5" in text and "+v5" in text and "v0" not in text, text


def _snap(tf, mode, obs, flavour="keras3"):
    return {"config": {"tf": tf, "flavour": flavour, "mode": mode}, "tf_version": tf, "versions": {},
            "programs": {}, "observations": {k: v.as_dict() for k, v in obs.items()}}


BASELINES = {("keras3", m): _snap("2.21.0", m, BASE) for m in MODES}


def test_matrix_marks_same_explained_unexplained_absent_and_links_the_reason(tmp_path):
    entries = entries_from(tmp_path, '[[expect]]\nid = "k2"\nclaim = "a.names"\ntf = "<2.16"\nreason = "Keras 2."\n'
                                     'verdict = "refuted"\n')
    changed = dict(BASE, **{"a.names": Observation(("x",)), "b.error": Observation((), "E: y")})
    r15, r16 = release("2.15"), release("2.16")
    snaps = {}
    for mode in MODES:
        snaps[(r15.version, "keras3", mode)] = _snap(r15.version, mode, changed if mode == "v1" else BASE)
        snaps[(r16.version, "keras3", mode)] = _snap(r16.version, mode, BASE)
    data = matrix.build([(r15, "keras3"), (r16, "keras3")], snaps, CLAIMS, BASELINES)
    cells = data["claims"]["a.names"]["cells"]
    assert list(cells) == ["2.15.1-keras3-v1"], "only observations unlike the baseline are kept"
    assert data["observations"][cells["2.15.1-keras3-v1"]] == {"out": ["x"], "error": None}
    m = matrix.Matrix(data, CLAIMS, entries, BASELINES)
    assert m.status("a.names", m.config("2.15.1", "keras3", "v1")) == "explained"
    assert m.status("b.error", m.config("2.15.1", "keras3", "v1")) == "unexplained"
    assert m.status("b.error", m.config("2.16.2", "keras3", "v1")) == "same"
    text = matrix.render_md(m)
    assert "| `a.names` | `≠==` | ✓ | [E1](#k2) |" in text, text
    assert "| `b.error` | `✗==` | ✓ |  |" in text, text
    assert '<a id="k2"></a>**E1 `k2`**' in text, text
    assert "- **2.16** (default install, from 2.15): 2 claims: `a.names` (v1), `b.error` (v1)" in text, text
    assert m.history("keras3")["a.names"]["v1"] == {"2.15": "refuted", "2.16": "holds"}
    assert matrix.ranges(m.history("keras3")["a.names"]["v1"]) == "refuted 2.15, holds 2.16"


def test_matrix_marks_absent_modes_of_old_releases():
    r = release("1.4")
    absent = {"graph": "mode graph does not exist", "eager": "mode eager does not exist"}
    snaps = {(r.version, "keras3", m): _snap(r.version, m, BASE if m == "v1" else
                                             {k: Observation.not_available(absent[m]) for k in BASE}) for m in MODES}
    data = matrix.build([(r, "keras3")], snaps, CLAIMS, BASELINES)
    m = matrix.Matrix(data, CLAIMS, [], BASELINES)
    assert [c["available"] for c in data["configs"]] == [True, False, False], data["configs"]
    assert m.history("keras3")["a.names"] == {"v1": {"1.4": "holds"}, "graph": {"1.4": "not-available"},
                                              "eager": {"1.4": "not-available"}}


def test_matrix_plan_covers_every_release_and_tf_keras_only_from_2_14():
    pairs = [(r.minor, f) for r, f in matrix.plan()]
    assert ("2.13", "legacy") not in pairs and ("2.14", "legacy") in pairs and ("1.0", "keras3") in pairs
    assert len(pairs) == 38 + 8, pairs


def test_matrix_json_dump_is_stable_and_loads_back():
    import json

    r = release("2.15")
    snaps = {(r.version, "keras3", m): _snap(r.version, m, dict(BASE, **{"a.names": Observation(("x",))}))
             for m in MODES}
    data = matrix.build([(r, "keras3")], snaps, CLAIMS, BASELINES)
    text = matrix.dump_json(data)
    assert json.loads(text) == data
    assert matrix.dump_json(json.loads(text)) == text, "regenerating unchanged data gives no diff"


def test_a_wording_entry_explains_the_pinned_behaviour_in_other_words(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "old-message"
claims = ["a.names", "b.error"]
tf = "<1.4"
wording = [["nope", "no"]]
reason = "The message read 'nope' before 1.4."
''')
    old = side("1.3.0", dict(BASE, **{"b.error": Observation((), "ValueError: nope")}), modes=("v1",))
    report = gate.compare(old, BASELINE, CLAIMS, entries)
    text = gate.render(report)
    assert report.exit_status() == 0, text
    change = report.changes[0]
    assert (change.judged_before.outcome, change.judged_before.entry) == ("holds", "old-message"), \
        "the pinned verdict carries over to the same behaviour in other words"
    other = side("1.3.0", dict(BASE, **{"b.error": Observation((), "ValueError: nope!")}), modes=("v1",))
    assert gate.compare(other, BASELINE, CLAIMS, entries).exit_status() == 1, \
        "after rewording, the observation must equal the pinned expectation exactly"


def test_a_raises_entry_accepts_any_output_before_its_error(tmp_path):
    entries = entries_from(tmp_path, '''
[[expect]]
id = "no-variable-in-eager"
claim = "a.names"
tf = "<1.11"
modes = ["eager"]
raises = "RuntimeError: tf.Variable not supported"
verdict = "not-applicable"
reason = "tf.Variable did not exist under eager execution before 1.11."
''')
    obs = dict(BASE, **{"a.names": Observation(("dense",), "RuntimeError: tf.Variable not supported in Eager mode.")})
    report = gate.compare(side("1.7.1", obs, modes=("eager",)), BASELINE, CLAIMS, entries)
    assert report.exit_status() == 0, gate.render(report)
    assert report.changes[0].judged_before.outcome == "not-applicable", report.changes[0]
    other = dict(BASE, **{"a.names": Observation(("dense",), "RuntimeError: other")})
    assert gate.compare(side("1.7.1", other, modes=("eager",)), BASELINE, CLAIMS, entries).exit_status() == 1


def test_a_missing_api_on_an_old_release_is_not_available_with_its_name():
    obs = dict(BASE, **{"a.names": Observation((), "AttributeError: module 'tensorflow' has no attribute 'AUTO_REUSE'")})
    report = gate.compare(side("1.3.0", obs, modes=("v1",)), BASELINE, CLAIMS, [])
    change = report.changes[0]
    assert report.exit_status() == 0, gate.render(report)
    assert (change.judged_before.outcome, change.judged_before.reason) == \
        ("not-available", "tf.AUTO_REUSE does not exist in TF 1.3.0"), change.judged_before
