"""bench/floor.py, the floor under the model's time: its recording leaves what a program does
unchanged, and its replay prints the same lines without doing any of the model's naming work
(no TensorFlow)."""
import importlib.util
import sys
from pathlib import Path

import pytest

from conformance.model import run_program
from conformance.programs import random_program

_SPEC = importlib.util.spec_from_file_location("bench_floor", Path(__file__).resolve().parents[1] / "bench" / "floor.py")
_FLOOR = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_FLOOR)  # bench/ is not a package: loaded by path, sys.path untouched
Recorder = _FLOOR.Recorder

SEEDS = range(12)
NAMING = {"get_variable", "_get_single_variable", "_get_partitioned_variable", "fully_connected", "convolution",
          "unique_name", "_unique", "_enter", "_variable_v1_call", "make_template", "placeholder"}  # naming work


def called_functions(run):
    """Names of the Python functions ``run()`` called, and its result."""
    names = set()

    def profile(frame, event, arg):
        if event == "call":
            names.add(frame.f_code.co_name)
    sys.setprofile(profile)
    try:
        result = run()
    finally:
        sys.setprofile(None)
    return names, result


@pytest.mark.parametrize("mode", ["v1", "graph"])
def test_recording_changes_nothing_and_replay_does_no_naming(mode):
    recorder = Recorder()
    replayed_whole = 0
    for seed in SEEDS:
        source = random_program(seed)
        expected = run_program(source, mode)
        recorded_calls, (observation, recording) = called_functions(lambda: recorder.record(source, mode))
        assert observation == expected, f"seed {seed}: recording changed what the program printed"
        assert recorded_calls & NAMING, f"seed {seed}: the recording run did no naming work"
        replay_calls, replayed = called_functions(lambda: recorder.replayed(source, mode, recording))
        assert not replay_calls & NAMING, f"seed {seed}: the replay ran the model's {sorted(replay_calls & NAMING)}"
        if "make_template" not in source:  # a replay skips template bodies, and the lines they print
            assert len(replayed.out) == len(observation.out), f"seed {seed}: the replay printed other lines"
            assert replayed.error == observation.error, f"seed {seed}"
            assert replayed.out[-5:] == observation.out[-5:], f"seed {seed}: the epilogue differs"
            replayed_whole += 1
    assert replayed_whole >= 4, f"only {replayed_whole} of {len(SEEDS)} programs checked whole"
