"""``python -m conformance gate --tf 2.16 [--keras legacy]``: would an upgrade change anything?"""
from pathlib import Path

from .. import expectations, gate
from ..configs import FLAVOURS, MODES

HELP = ("run the whole catalogue under another TensorFlow release (env built and cached with uv) in the "
        "three modes and diff it against the baselines; exit 1 on a change no expectation explains")


def add_arguments(p):
    p.add_argument("--tf", required=True, metavar="VERSION",
                   help="release to check: 2.16 (newest 2.16.x) or an exact 2.16.1")
    p.add_argument("--keras", choices=FLAVOURS, default="keras3",
                   help="keras3: the default install; legacy: tf-keras + TF_USE_LEGACY_KERAS=1 (default: keras3)")
    p.add_argument("--mode", action="append", choices=MODES, help="mode(s) to run (default: all three)")
    p.add_argument("--out", type=Path, default=gate.GATE_REPORTS, help="where to write the snapshots")
    p.add_argument("--baselines", type=Path, default=gate.BASELINES, help="baseline snapshots to compare with")
    p.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="worker processes at once (default 2)")
    p.add_argument("--expectations", type=Path, default=None, metavar="DIR",
                   help="expectation files to explain changes with (default: expectations/)")
    p.add_argument("--strict", action="store_true", help="also fail on stale expectation entries")


def run(args):
    return gate.run_gate(args.tf, args.keras, args.mode or list(MODES), out_dir=args.out,
                         baselines_dir=args.baselines, jobs=args.jobs, strict=args.strict,
                         entries=expectations.load(args.expectations) if args.expectations else None)
