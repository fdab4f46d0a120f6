"""Throughput of the same generated naming programs through three runners.

    .venv/bin/python bench/bench.py [--programs N] [--modes v1,graph]

1. TF through the harness: ``conformance.runner.TFWorker`` (a worker process, JSON
   over pipes, print capture, error normalisation);
2. the pure-Python model: ``conformance.model.run_program``;
3. bare TF: the same sources exec'd in-process with tf.compat.v1, each in a fresh
   ``tf.Graph()`` (in a subprocess of its own, so ``disable_v2_behavior`` does not leak).

Programs: ``conformance.programs.random_program(seed)`` for seeds 0..N-1 (a fixed,
deterministic corpus), minus the few that stray outside the model.  Prints programs
per second for each runner and the two ratios (targets: model >= 100x the harness;
harness overhead <= 10 % over bare TF).  It prints figures; it is not a test.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conformance.configs import Config  # noqa: E402
from conformance.model import OutsideModel, run_program  # noqa: E402
from conformance.programs import random_program  # noqa: E402
from conformance.runner import TFWorker  # noqa: E402

BARE = r'''
import json, os, sys, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow.compat.v1 as tf
tf.logging.set_verbosity(tf.logging.ERROR)
mode = sys.argv[1]
if mode == "v1":
    tf.disable_v2_behavior()
import tf_slim as slim
sources = json.load(sys.stdin)
codes = [compile(s, "<bench>", "exec") for s in sources]
def run(code):
    out = []
    ns = {"tf": tf, "slim": slim, "print": lambda *a, **k: out.append(" ".join(map(str, a)))}
    try:
        with tf.Graph().as_default():
            exec(code, ns)
    except Exception:
        pass
for code in codes[:5]:  # warm-up, as the harness worker is warm
    run(code)
t = time.perf_counter()
for code in codes:
    run(code)
bare = time.perf_counter() - t
# The worker's own per-program function, in-process (the harness minus its pipes).
sys.path.insert(0, sys.argv[2])
from conformance import worker
modules = {"tf": tf, "tf2": None, "slim": slim, "np": None}
t = time.perf_counter()
for source in sources:
    worker.run_program(source, "bench", mode, modules)
print(json.dumps({"seconds": bare, "worker_in_process": time.perf_counter() - t}))
'''


def corpus(n, mode):
    from conformance.model import _compile

    sources, seed = [], 0
    while len(sources) < n:
        source = random_program(seed)
        seed += 1
        try:
            run_program(source, mode)
        except OutsideModel:
            continue
        sources.append(source)
    _compile.cache_clear()
    return sources


def time_model(sources, mode, repeats=3):
    """(first pass, compiling every program; best repeat, with run_program's compiled-code cache warm)."""
    from conformance.model import _compile

    _compile.cache_clear()
    t = time.perf_counter()
    for s in sources:
        run_program(s, mode)
    cold = time.perf_counter() - t
    best = None
    for _ in range(repeats):
        t = time.perf_counter()
        for s in sources:
            run_program(s, mode)
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    return cold, best


def time_harness(sources, mode):
    with TFWorker(Config(mode=mode)) as worker:
        for s in sources[:5]:  # start the worker and warm it up
            worker.run(s)
        t = time.perf_counter()
        for s in sources:
            worker.run(s)
        return time.perf_counter() - t


def time_bare(sources, mode):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
    env.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run([sys.executable, "-c", BARE, mode, str(ROOT)], input=json.dumps(sources),
                          capture_output=True, text=True, env=env, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["seconds"], result["worker_in_process"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument("--modes", default="v1,graph")
    args = parser.parse_args()
    print(f"{args.programs} generated programs per mode (conformance.programs.random_program, seeds from 0)")
    for mode in args.modes.split(","):
        sources = corpus(args.programs, mode)
        n = len(sources)
        model_cold, model = time_model(sources, mode)
        harness = time_harness(sources, mode)
        bare, worker_in_process = time_bare(sources, mode)
        print(f"\nmode {mode}:")
        print(f"  TF via harness (TFWorker): {n / harness:10.1f} programs/s")
        print(f"  bare TF (in-process exec): {n / bare:10.1f} programs/s")
        print(f"  worker.run_program, no IPC:{n / worker_in_process:10.1f} programs/s")
        print(f"  model, compiling each:     {n / model_cold:10.1f} programs/s")
        print(f"  model, compiled (cached):  {n / model:10.1f} programs/s")
        print(f"  model vs TF harness:       {harness / model_cold:10.1f}x compiling each, "
              f"{harness / model:.1f}x compiled   (target >= 100x)")
        print(f"  harness overhead vs bare:  {100 * (harness - bare) / bare:+9.1f} %   (target <= 10 %)")
        print(f"    of which in the worker's run_program: {100 * (worker_in_process - bare) / bare:+.1f} %, "
              f"in IPC/process switching: {100 * (harness - worker_in_process) / bare:+.1f} %")


if __name__ == "__main__":
    main()
