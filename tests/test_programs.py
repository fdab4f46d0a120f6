"""The program generator's own tests (no TensorFlow): every kind of statement and every strategy
gives programs that compile and run on the model without leaving its surface, every program
draws the same number of choices, and shrinking gives short programs."""
import pytest
from hypothesis import HealthCheck, find, given, settings

from conformance import programs
from conformance.model import OutsideModel, run_program
from conformance.programs import KINDS, PRELUDE, EPILOGUE, RandomChooser, generate, random_program, render, strategy

MODES = ("v1", "graph")
STEPS = 12


def body_lines(source):
    """The program's own lines: its source without the generator's prelude and epilogue."""
    assert source.startswith(PRELUDE) and source.endswith(EPILOGUE), "a program is PRELUDE + body + EPILOGUE"
    return [line for line in source[len(PRELUDE):len(source) - len(EPILOGUE)].splitlines() if line.strip()]


def statements(source):
    """The body's statements that do something (not the try/except/where scaffolding of blocks, nor
    the look at a template's scope after making or calling it)."""
    found = []
    for line in body_lines(source):
        line = line.strip()
        if line.endswith(".variable_scope)"):
            continue
        if line.startswith(("step(", "tf.get_variable_scope().reuse_variables()", "with ")) or (
                line.startswith("print('s") and "[v.name for v in" in line):
            found.append(line)
    return found


def run_everywhere(source):
    """Compile the program and run it on the model in both modes; a failure names the mode."""
    compile(source, "<generated>", "exec")
    for mode in MODES:
        try:
            run_program(source, mode, "generated")
        except OutsideModel as exc:
            pytest.fail(f"a generated program leaves the model in mode {mode}: {exc}\n{source}")


class OneKind(RandomChooser):
    """Every slot is a statement of one kind (its parameters random)."""

    def __init__(self, seed, kind):
        super().__init__(seed)
        self.kind = kind

    def weighted(self, options, weights, label):
        if label == "statement":
            return self.kind
        return super().weighted(options, weights, label)


class Counting(RandomChooser):
    def __init__(self, seed):
        super().__init__(seed)
        self.draws = 0

    def choice(self, options, label):
        self.draws += 1
        return super().choice(options, label)

    def integer(self, lo, hi, label):
        self.draws += 1
        return super().integer(lo, hi, label)

    def weighted(self, options, weights, label):
        self.draws += 1
        return super().weighted(options, weights, label)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_statement_gives_programs_the_model_runs(kind):
    made = 0
    for seed in range(30):
        source = render(generate(OneKind(seed, kind), STEPS))
        run_everywhere(source)
        made += len(statements(source))
    if kind not in ("nothing", "close"):
        assert made >= 30, f"30 programs of {kind} statements made only {made} statements"


def test_random_programs_run_on_the_model():
    for seed in range(200):
        run_everywhere(random_program(seed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=strategy())
def test_hypothesis_programs_run_on_the_model(source):
    run_everywhere(source)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=strategy(max_steps=3))
def test_short_strategies_run_on_the_model(source):
    run_everywhere(source)


def test_every_program_draws_the_same_number_of_choices():
    counts = set()
    for seed in range(50):
        chooser = Counting(seed)
        generate(chooser, STEPS)
        counts.add(chooser.draws)
    assert counts == {2 * STEPS}, f"programs of {STEPS} slots drew {sorted(counts)} choices, not {2 * STEPS} each"


def test_the_simplest_program_does_nothing():
    class Zero(RandomChooser):
        def integer(self, lo, hi, label):
            return lo

        def weighted(self, options, weights, label):
            return options[0]

    source = render(generate(Zero(0), STEPS))
    assert statements(source) == [], f"the all-zero choices should give an empty program:\n{source}"
    run_everywhere(source)


SHRINK = settings(database=None, max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("wanted", ["slim.conv2d(", "partitioner=", "custom_getter=", "slim.arg_scope("])
def test_shrinking_gives_a_one_statement_program(wanted):
    found = find(strategy(), lambda source: wanted in source, settings=SHRINK)
    assert len(statements(found)) == 1, f"shrinking a program with {wanted} left:\n" + "\n".join(body_lines(found))
    run_everywhere(found)


def test_shrinking_keeps_only_the_nesting_asked_for():
    def nested(source):
        return sum("tf.variable_scope(" in line for line in body_lines(source)) >= 2 and "tf.get_variable(" in source

    found = find(strategy(), nested, settings=SHRINK)
    assert len(statements(found)) == 3, "two nested variable scopes and one get_variable, nothing else:\n" + \
        "\n".join(body_lines(found))
    run_everywhere(found)


def test_rendered_script_is_runnable_python():
    script = programs.as_script(random_program(1), "v1")
    compile(script, "<script>", "exec")
    assert script.startswith("import tensorflow.compat.v1 as tf"), "the script imports TF1's API"
    assert "tf.disable_v2_behavior()" in script, "mode v1 disables v2 behaviour"


@pytest.mark.parametrize("omit,absent", [({"batch_norm"}, "slim.batch_norm("), ({"slim"}, "lambda: slim."),
                                         ({"get_variable"}, "tf.get_variable(")])
def test_omitted_statements_never_appear_and_the_draws_stay_the_same(omit, absent):
    counts = set()
    for seed in range(100):
        chooser = Counting(seed)
        body = generate(chooser, STEPS, omit=omit)
        counts.add(chooser.draws)
        assert absent not in body, f"omit={omit} still gave {absent}:\n{body}"
    assert counts == {2 * STEPS}, f"leaving {omit} out changed the number of draws: {sorted(counts)}"
    kept = generate(OneKind(0, "slim"), STEPS) if omit != {"slim"} else generate(OneKind(0, "op"), STEPS)
    assert kept.strip() != "pass", "statements not omitted are still generated"


def test_omitting_an_unknown_statement_is_an_error():
    with pytest.raises(ValueError, match="cannot omit \\['batchnorm'\\]"):
        generate(RandomChooser(0), STEPS, omit={"batchnorm"})
