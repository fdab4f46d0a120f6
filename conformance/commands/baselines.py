"""``python -m conformance baselines``: record the committed baselines (``make baselines``)."""
import os
from pathlib import Path

from .. import gate
from ..configs import FLAVOURS, MODES, PINNED_TF
from . import add_timeout_argument

HELP = (f"re-record baselines/*.json: every testable claim under TensorFlow {PINNED_TF} in both Keras "
        "flavours and all three modes")


def add_arguments(p):
    p.add_argument("--out", type=Path, default=gate.BASELINES)
    p.add_argument("--flavour", action="append", choices=FLAVOURS, help="flavour(s) (default: both)")
    p.add_argument("--mode", action="append", choices=MODES, help="mode(s) (default: all)")
    p.add_argument("--jobs", type=int, default=2, choices=(1, 2))
    add_timeout_argument(p)


def run(args):
    paths = gate.record_baselines(args.out, args.flavour or list(FLAVOURS), args.mode or list(MODES), args.jobs,
                                  timeout=args.timeout)
    for path in paths:
        print(f"wrote {os.path.relpath(path)}")
    print("check them against the catalogue: .venv/bin/python -m pytest -q tests/test_baselines.py")
    return 0
