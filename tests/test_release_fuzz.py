"""Differential fuzzing between two real releases (conformance/relfuzz.py).

``test_releases_differ_only_as_known`` runs generated naming programs on TF 1.15 and TF 2.21 (mode
v1, the default install) and fails on any difference that tests/release_fuzz_known.toml does not
declare; the failure prints the shrunk program as a script that runs on both releases, both
outputs and the diff.  With the ``ci`` profile (``make check``) it is derandomized, so it passes or
fails the same way every time.  Where the interpreter a release needs is absent (Python 3.7 for
1.15) it is skipped with one line saying which.  Any other pair, mode and budget:
``make fuzz-releases A=1.4 B=1.15`` (``python -m conformance fuzz-releases``).

The other tests check the comparison, the known-differences data and the scripts without
TensorFlow, except ``test_the_printed_script_runs_on_both_releases_as_written``.
"""
import os
import subprocess
import textwrap

import pytest
from hypothesis import event, given, settings

from conformance import catalogue, envs, expectations, relfuzz
from conformance.observation import Observation
from conformance.programs import PRELUDE, as_script, random_program, strategy
from conformance.releases import MINORS, release

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
CI_PAIR = ("1.15", "2.21")
EXAMPLES_CI = 150  # about 30 ms a program on both releases

CLAIMS = {c.id: c for c in catalogue.load()}
KNOWN = relfuzz.load_known(claim_ids=set(CLAIMS))
PAIR = relfuzz.Pair.of(*CI_PAIR, mode="v1", known=KNOWN)
_overrides = {"max_examples": EXAMPLES_CI} if PROFILE == "ci" else {}


@pytest.fixture(scope="module")
def pair_pool(tf_pool):
    """The session's worker pool, once both releases' interpreters are known to exist."""
    for rel in (PAIR.older, PAIR.newer):
        try:
            envs.interpreter(rel.python, rel)
        except envs.EnvError as exc:
            pytest.skip(str(exc).splitlines()[0])
    return tf_pool


@pytest.mark.xdist_group(PAIR.configs[0].name)  # with the 1.15 sample, as cases/test_claims.py groups its runs
@settings(**_overrides)
@given(source=strategy(release=PAIR.older.version, omit=PAIR.omit))  # what the older release has
def test_releases_differ_only_as_known(pair_pool, source):
    older, newer = PAIR.configs
    a, b = pair_pool.run(older, source, "relfuzz"), pair_pool.run(newer, source, "relfuzz")
    comparison = PAIR.compare(a, b, source=source)
    for known in comparison.used:
        event(f"known: {known}")
    assert comparison.explained, PAIR.describe(source, a, b, comparison)


def test_the_printed_script_runs_on_both_releases_as_written(pair_pool):
    """The script a difference is printed as, run by each release's own interpreter as a file,
    prints what the worker observed there."""
    source = random_program(3)
    script = relfuzz.script(source, "v1", (PAIR.older, PAIR.newer))
    for config in PAIR.configs:
        observed = pair_pool.run(config, source, "script")
        python = envs.python_for(config.release, config.flavour)
        ran = subprocess.run([python, "-c", script], capture_output=True, text=True, timeout=300,
                             env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore"))
        assert ran.returncode == 0, f"the script fails on TF {config.tf}:\n{ran.stderr[-2000:]}"
        assert tuple(ran.stdout.splitlines()) == observed.out, \
            f"the script prints on TF {config.tf}:\n{ran.stdout}\nbut the worker observed:\n{observed.render()}"


# -- the known differences, as data ---------------------------------------------------------

def test_the_known_differences_name_claims_of_the_catalogue():
    assert KNOWN, "tests/release_fuzz_known.toml declares no known difference"
    for known in KNOWN:
        assert all(c in CLAIMS and CLAIMS[c].testable for c in known.claims), \
            f"known difference {known.id} names claims that are not testable catalogue claims: {known.claims}"


def test_each_change_is_in_the_history_of_its_claims():
    """A known difference says the behaviour changed in release C: so the release before C must
    behave unlike the pinned release for one of its claims, as an expectation entry records."""
    entries = expectations.load()
    for known in KNOWN:
        for changed in known.changed:
            before = release(MINORS[MINORS.index(changed) - 1]).version
            recorded = [e.id for e in entries for c in known.claims for m in known.modes
                        if e.covers(c, before, "keras3", m)]
            assert recorded, (f"known difference {known.id} says the behaviour changed in {changed}, but no "
                              f"expectation entry says that {before} behaves differently for {known.claims}")


# -- the comparison -------------------------------------------------------------------------

def _known(text):
    return relfuzz.load_known(_write(text))


def _write(text, name="known.toml"):
    import tempfile

    directory = tempfile.mkdtemp(prefix="relfuzz-test-")
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(textwrap.dedent(text))
    return path


SAMPLE = '''
[[known]]
id = "tensor-class"
claim = "x"
changed = "2.14"
reason = "SymbolicTensor"
rewrite = { side = "newer", pattern = '^(\\S+) SymbolicTensor ', replace = '\\1 Tensor ' }

[[known]]
id = "empty-name"
claim = "x"
changed = "2.9"
reason = "a variable may be named ''"
diverge = { older = "(?P<step>s\\\\d+) raises ValueError: '' is not a valid node name", newer = '(?P<step>s\\d+) RefVariable .*' }

[[known]]
id = "scope-none"
claim = "x"
changed = ["2.7"]
modes = ["graph"]
reason = "get_name_scope is '' in a cleared name scope"
rewrite = [{ side = "older", pattern = "^(\\\\S+ at '[^']*') None ", replace = "\\\\1 '' " }]

[[known]]
id = "batch-norm"
claim = "x"
changed = ["2.13", "2.15"]
reason = "broken"
omit = ["batch_norm"]
'''


def _pair(a, b, mode="v1", text=SAMPLE):
    return relfuzz.Pair.of(a, b, mode, known=_known(text))


def obs(*lines, error=None):
    return Observation(tuple(lines), error)


def test_a_pair_is_covered_by_the_changes_between_its_releases():
    assert [k.id for k in _pair("1.15", "2.21").covering] == ["empty-name", "batch-norm", "tensor-class"], \
        "the entries whose change lies between the releases, in the order of their first change"
    assert [k.id for k in _pair("2.21", "1.15").covering] == ["empty-name", "batch-norm", "tensor-class"], \
        "the order of the releases does not matter"
    assert [k.id for k in _pair("2.13", "2.14").covering] == ["tensor-class"], "2.14 is where the class changed"
    assert [k.id for k in _pair("2.14", "2.21").covering] == ["batch-norm"], "2.15 is one of batch_norm's changes"
    assert [k.id for k in _pair("2.16", "2.21").covering] == [], "no change after 2.15"
    assert [k.id for k in _pair("2.6", "2.7", "graph").covering] == ["scope-none"], "scope-none is in graph mode"
    assert _pair("2.6", "2.7", "v1").covering == [], "... and only there"
    assert _pair("2.12", "2.21").omit == ("batch_norm",), "an entry covering the pair leaves its statements out"
    assert _pair("2.16", "2.21").omit == (), "nothing is left out where no entry covers the pair"


def test_equal_observations_are_equal():
    c = _pair("1.15", "2.21").compare(obs("s1 a", "ops []"), obs("s1 a", "ops []"))
    assert c.explained and c.equal and c.used == (), f"equal outputs compare equal: {c}"


def test_a_rewrite_explains_a_line_level_difference_and_the_rest_is_still_compared():
    pair = _pair("1.15", "2.21")
    c = pair.compare(obs("s1 Tensor a:0", "s2 x"), obs("s1 SymbolicTensor a:0", "s2 x"))
    assert c.explained and c.used == ("tensor-class",), f"the class is a known difference: {c}"
    c = pair.compare(obs("s1 Tensor a:0", "s2 x"), obs("s1 SymbolicTensor a:0", "s2 y"))
    assert not c.explained and c.unknown == 1, f"a later difference is still found: {c}"
    c = pair.compare(obs("s1 Tensor a:0"), obs("s1 SymbolicTensor b:0"))
    assert not c.explained and c.unknown == 0, f"a rewrite explains only what it rewrites: {c}"


def test_a_rewrite_applies_only_to_pairs_across_its_change():
    c = _pair("2.14", "2.21").compare(obs("s1 Tensor a:0"), obs("s1 SymbolicTensor a:0"))
    assert not c.explained, "2.14 and 2.21 both print SymbolicTensor: Tensor on one of them would be unknown"


def test_a_divergence_explains_the_rest_of_the_program():
    pair = _pair("1.15", "2.21")
    c = pair.compare(obs("s1 raises ValueError: '' is not a valid node name", "ops ['a']"),
                     obs("s1 RefVariable VariableV2:0", "ops ['a', 'VariableV2']"))
    assert c.explained and c.stopped == 0 and c.used == ("empty-name",), f"known divergence: {c}"
    c = pair.compare(obs("s1 raises ValueError: '' is not a valid node name"), obs("s2 RefVariable VariableV2:0"))
    assert not c.explained, "the named groups of the two regexes (the step labels) must be equal"


WORDING = '''
[[known]]
id = "dtype-2.7"
claim = "x"
changed = "2.7"
reason = "new words"
rewrite = { side = "older", pattern = "Invalid dtype tf.(\\\\w+)$", replace = "Invalid dtype, but is \\\\1." }

[[known]]
id = "dtype-2.8"
claim = "x"
changed = "2.8"
reason = "newer words"
rewrite = { side = "older", pattern = "Invalid dtype, but is (\\\\w+)\\\\.$", replace = "Argument got \\\\1." }

[[known]]
id = "no-shape"
claim = "x"
changed = ["1.13", "2.15"]
reason = "the message lost the variable's name and got it back"
match = { older = "(?P<step>s\\\\d+) raises ValueError: (?:Shape of (?P<name>\\\\S+) is unknown|The initializer is not valid)", newer = "(?P<step>s\\\\d+) raises ValueError: (?:The initializer is not valid|Variable (?P<name>\\\\S+) got no initializer)" }
'''


def test_rewrites_of_successive_changes_chain_in_the_order_of_the_releases():
    older, newer = obs("s1 raises ValueError: Invalid dtype tf.bool"), obs("s1 raises ValueError: Argument got bool.")
    c = _pair("2.6", "2.21", text=WORDING).compare(older, newer)
    assert c.explained and c.used == ("dtype-2.7", "dtype-2.8"), f"2.6's words become 2.7's, then 2.8's: {c}"
    c = _pair("2.7", "2.21", text=WORDING).compare(obs("s1 raises ValueError: Invalid dtype, but is bool."), newer)
    assert c.explained and c.used == ("dtype-2.8",), f"from 2.7 only the 2.8 change applies: {c}"
    c = _pair("2.6", "2.7", text=WORDING).compare(older, newer)
    assert not c.explained, "2.7 does not say what 2.8 says"


def test_a_match_explains_a_line_that_changed_as_a_whole_and_the_rest_is_still_compared():
    pair = _pair("1.10", "2.21", text=WORDING)
    c = pair.compare(obs("s1 raises ValueError: Shape of a is unknown", "s2 x"),
                     obs("s1 raises ValueError: Variable a got no initializer", "s2 x"))
    assert c.explained and c.used == ("no-shape",), f"both are the no-shape error: {c}"
    c = pair.compare(obs("s1 raises ValueError: Shape of a is unknown"), obs("s1 raises ValueError: Variable b got no initializer"))
    assert not c.explained, f"the names the two lines give must be equal: {c}"
    c = _pair("1.13", "2.14", text=WORDING).compare(obs("s1 raises ValueError: The initializer is not valid", "s2 x"),
                                                    obs("s1 raises ValueError: The initializer is not valid", "s2 y"))
    assert not c.explained and c.unknown == 1, f"equal lines need no match, and the next line is compared: {c}"
    c = _pair("1.13", "2.15", text=WORDING).compare(obs("s1 raises ValueError: The initializer is not valid", "s2 x"),
                                                    obs("s1 raises ValueError: Variable a got no initializer", "s2 y"))
    assert not c.explained and c.unknown == 1, f"a match explains its line only (the name is in one only): {c}"


def test_a_missing_api_explains_the_rest_of_the_program():
    c = _pair("1.3", "1.15").compare(obs("s1 raises AttributeError: module 'tensorflow' has no attribute 'AUTO_REUSE'",
                                         "ops []"), obs("s1 scope 'a' 'a/' True", "ops ['x']"))
    assert c.explained and c.used == ("api-missing: tf.AUTO_REUSE in 1.3",), f"AUTO_REUSE does not exist in 1.3: {c}"
    c = _pair("1.3", "1.15").compare(obs("s1 raises AttributeError: 'Graph' object has no attribute 'x'"),
                                     obs("s1 y"))
    assert not c.explained, "only a module's missing attribute is a missing API"


CASE = '''
[[known]]
id = "case"
claim = "x"
changed = "1.9"
modes = ["v1"]
reason = "unique names compared in lower case"
renumbered = { by = "case" }

[[known]]
id = "empty"
claim = "x"
changed = "1.9"
modes = ["v1"]
reason = "leaving '' resets the counts"
renumbered = { by = "literal", literal = "" }

[[known]]
id = "layer"
claim = "x"
changed = "1.6"
modes = ["v1"]
reason = "a layer marks names in its scope"
renumbered = { by = "own-scope" }

[[known]]
id = "zeros"
claim = "x"
changed = "1.5"
modes = ["v1"]
reason = "default zeros at the root"
renumbered = { by = "name", name = "zeros" }
'''


def test_names_renumbered_by_a_case_clash_explain_the_rest_of_the_program():
    pair = _pair("1.4", "1.15", text=CASE)
    c = pair.compare(obs("s1 RefVariable A:0 A", "s2 ns 'a/'", "ops ['x']"),
                     obs("s1 RefVariable A:0 A", "s2 ns 'a_1/'", "ops ['y']"))
    assert c.explained and c.stopped == 1 and c.used == ("case",), f"'a' after 'A' is a_1 from 1.9: {c}"
    c = pair.compare(obs("s1 x", "s2 Tensor W_1/Relu:0 W_1/Relu"), obs("s1 x", "s2 Tensor W_2/Relu:0 W_2/Relu"))
    assert not c.explained, "no name printed differs only in case from W: not a case clash"
    c = pair.compare(obs("s1 raises TypeError: no", "s2 ns 'a/'", "ops ['A/x']"),
                     obs("s1 raises TypeError: no", "s2 ns 'a_1/'", "ops ['A/x']"))
    assert c.explained, f"the op list shows the scope A that a_1 clashed with: {c}"
    c = pair.compare(obs("s1 raises ValueError: too many", "s2 ns 'w/'"),
                     obs("s1 raises ValueError: too many", "s2 ns 'w_1/'"),
                     source="step('s1', lambda: tf.get_variable('W', shape=[]))\nwith tf.name_scope('w'): pass\n")
    assert c.explained, f"the program names W, which a refused variable used up: {c}"
    assert c.used == ("case",), f"the case, not the literal '': {c}"
    c = pair.compare(obs("s1 scope 'a' 'a/' False", "s2 scope 'a' 'a/' False"),
                     obs("s1 scope 'a' 'a/' False", "s2 scope 'a_1' 'a_1/' False"),
                     source="with tf.variable_scope(''): pass\n")
    assert c.explained and c.used == ("empty",), f"the program enters a scope named '': {c}"
    c = pair.compare(obs("s1 scope 'a' 'a/' False", "s2 scope 'a' 'a/' False"),
                     obs("s1 scope 'a' 'a/' False", "s2 scope 'a_1' 'a_1/' False"), source="x = 'b'\n")
    assert not c.explained, f"neither a case clash nor the literal '': {c}"
    c = pair.compare(obs("s1 x", "s3 Variable fc/fc_4:0 fc/fc_4"), obs("s1 x", "s3 Variable fc/fc_1:0 fc/fc_1"))
    assert c.explained and c.used == ("layer",), f"an op named as its scope, fc/fc: {c}"
    c = pair.compare(obs("s1 x", "s3 Variable fc/b_4:0 fc/b_4"), obs("s1 x", "s3 Variable fc/b_1:0 fc/b_1"))
    assert not c.explained, f"b is not the name of its scope: {c}"
    c = pair.compare(obs("s1 x", "s2 Tensor zeros_1:0 zeros_1"), obs("s1 x", "s2 Tensor zeros:0 zeros"))
    assert c.explained and c.used == ("zeros",), f"zeros renumbered: {c}"
    c = pair.compare(obs("s1 x", "s2 Tensor ones_1:0 ones_1"), obs("s1 x", "s2 Tensor ones:0 ones"))
    assert not c.explained, f"ones is not the name: {c}"
    c = pair.compare(obs("s1 RefVariable A:0 A", "s2 ns 'a/'"), obs("s1 RefVariable A:0 A", "s2 ns 'b_1/'"))
    assert not c.explained, "the lines must differ only in the names' suffixes"
    c = pair.compare(obs("s1 RefVariable a:0 a", "s2 ns 'a/'"), obs("s1 RefVariable a:0 a", "s2 ns 'a_1/'"))
    assert not c.explained, "the name printed before must differ in case, not be the same name"
    c = pair.compare(obs("s1 x", "variables ['w/b:0', 'W/b:0']"), obs("s1 x", "variables ['w/b:0', 'W/b_1:0']"))
    assert c.explained, f"W/b after w/b in the same line: {c}"
    c = _pair("1.9", "1.15", text=CASE).compare(obs("s1 RefVariable A:0 A", "s2 ns 'a/'"),
                                                obs("s1 RefVariable A:0 A", "s2 ns 'a_1/'"))
    assert not c.explained, "1.9 and 1.15 both compare in lower case"


def test_a_difference_seen_before_is_skipped_by_its_signature():
    pair = _pair("1.15", "2.21")
    first = pair.compare(obs("s1 raises TypeError: Expected int32, got 0.0"), obs("s1 raises TypeError: Expected int32, but got 0.0"))
    assert not first.explained, "an unknown difference"
    seen = {relfuzz.signature("s1 raises TypeError: Expected int32, got 0.0", "s1 raises TypeError: Expected int32, but got 0.0")}
    again = pair.compare(obs("s4 raises TypeError: Expected bool, got 1.0"), obs("s4 raises TypeError: Expected bool, but got 1.0"),
                         seen)
    assert again.explained and again.used == ("seen in this run",), f"the same difference in other words: {again}"


def test_a_missing_line_is_a_difference():
    c = _pair("1.15", "2.21").compare(obs("s1 a", "s2 b"), obs("s1 a"))
    assert not c.explained and c.unknown == 1, f"one more line is a difference: {c}"
    c = _pair("1.15", "2.21").compare(obs("s1 a"), obs("s1 a", error="ValueError: x"))
    assert not c.explained and c.unknown == 1, f"an error at the end is a difference: {c}"


def test_a_difference_is_described_with_a_script_both_outputs_and_the_diff():
    pair = _pair("1.15", "2.21")
    source = PRELUDE + "step('s1', lambda: tf.constant(1.0))\n"
    a, b = obs("s1 Tensor Const:0", "s2 x"), obs("s1 SymbolicTensor Const:0", "s2 y")
    text = pair.describe(source, a, b, pair.compare(a, b))
    for part in ("TF 1.15.5 and TF 2.21.0 (keras3, v1) differ", "output line 2:", "    TF 1.15.5: s2 x",
                 "with tf.Graph().as_default():", "    step('s1', lambda: tf.constant(1.0))", "--- TF 1.15.5 printed:",
                 "--- diff (after the known differences: tensor-class):", "-s2 x", "+s2 y"):
        assert part in text, f"the description lacks {part!r}:\n{text}"


# -- scripts ----------------------------------------------------------------------------------

def _head(script):
    return script.split("\n\nwith tf.Graph().as_default():")[0]


@pytest.mark.parametrize("mode", relfuzz.FUZZ_MODES)
def test_a_script_for_two_recent_releases_has_the_plain_head(mode):
    source = random_program(0)
    assert relfuzz.script(source, mode, (release("2.20"), release("2.21"))) == as_script(source, mode), \
        "between 2.x releases the script is the one the model fuzzer prints"


@pytest.mark.parametrize("pair,mode,wanted", [
    (("1.15", "2.21"), "v1", ["import tensorflow.compat.v1 as tf", "import tf_slim as slim",
                              "if TF >= (2, 0):  # TF1 behaviour is the default on 1.x"]),
    (("1.3", "1.15"), "v1", ["if TF >= (1, 13):", "    tf = tensorflow", "if TF >= (1, 14):",
                             "    import tensorflow.contrib.slim as slim"]),
    (("1.4", "1.8"), "v1", ["import tensorflow as tf", "import tensorflow.contrib.slim as slim"]),
    (("1.13", "2.21"), "graph", ["import tensorflow.compat.v1 as tf", "tf.enable_v2_behavior()"]),
])
def test_a_script_across_releases_picks_the_api_and_slim_of_each(pair, mode, wanted):
    head = _head(relfuzz.script(random_program(0), mode, tuple(release(r) for r in pair)))
    compile(head, "<head>", "exec")
    for line in wanted:
        assert line in head.splitlines(), f"the head for {pair} ({mode}) lacks {line!r}:\n{head}"
    if pair == ("1.4", "1.8"):
        assert "disable_v2_behavior" not in head and "TF = " not in head, f"1.x needs no switch:\n{head}"


# -- malformed data ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ('[[known]]\nid = "x"\nchanged = "2.14"\nreason = "r"\nomit = ["slim"]\n', "entry 1 ('x'): missing `claim`"),
    ('[[known]]\nid = "x"\nclaim = "c"\nreason = "r"\nomit = ["slim"]\n', "entry 1 ('x'): missing `changed`"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.99"\nreason = "r"\nomit = ["slim"]\n',
     "entry 1 ('x'): `changed` '2.99' is not a minor release"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nomit = ["slim"]\n', "entry 1 ('x'): missing `reason`"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\n', "entry 1 ('x'): says nothing about how"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nomit = ["batchnorm"]\n',
     "entry 1 ('x'): `omit` must list"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nmodes = ["eager"]\nomit = ["slim"]\n',
     "entry 1 ('x'): `modes` must be"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nrewrite = { side = "both", pattern = "a", '
     'replace = "b" }\n', "entry 1 ('x') rewrite 1: must be"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nrewrite = { side = "older", pattern = "(a", '
     'replace = "b" }\n', "entry 1 ('x') rewrite 1: missing )"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nrewrite = { side = "older", pattern = "(a)", '
     'replace = "\\\\2" }\n', "entry 1 ('x') rewrite 1: invalid group reference 2"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\ndiverge = { older = "(a)" }\n',
     "entry 1 ('x'): `diverge` must be { older = 'regex', newer = 'regex' }"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nmatch = { older = "(a", newer = "b" }\n',
     "entry 1 ('x'): `match`: missing )"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nrenumbered = { by = "size" }\n',
     "entry 1 ('x'): `renumbered` must be"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nomit = ["slim"]\ncolour = 1\n',
     "entry 1 ('x'): unknown key(s) ['colour']"),
    ('[[known]]\nid = "x"\nclaim = "c"\nchanged = "2.14"\nreason = "r"\nomit = ["slim"]\n[[known]]\nid = "x"\n'
     'claim = "c"\nchanged = "2.14"\nreason = "r"\nomit = ["slim"]\n', "entry 2 ('x'): duplicate id"),
    ('[[known]]\nid = "x"\nclaim = "nope"\nchanged = "2.14"\nreason = "r"\nomit = ["slim"]\n',
     "entry 1 ('x'): names claims not in the catalogue: ['nope']"),
    ('[[known]\n', "cannot read"),
])
def test_a_malformed_known_file_is_a_clear_error_naming_the_entry(text, message):
    path = _write(text, "bad.toml")
    with pytest.raises(relfuzz.KnownError) as info:
        relfuzz.load_known(path, claim_ids={"c"})
    assert f"bad.toml: {message}" in str(info.value), f"expected {message!r} in:\n{info.value}"


def test_eager_cannot_be_fuzzed_and_a_release_without_the_mode_is_refused():
    with pytest.raises(ValueError, match="cannot be fuzzed"):
        relfuzz.Pair.of("1.15", "2.21", "eager", known=[])
    with pytest.raises(ValueError, match="no mode graph in this release"):
        relfuzz.Pair.of("1.4", "2.21", "graph", known=[])
