"""``python -m conformance gate --tf 1.15 [--from 1.4] [--keras legacy]``: what would an upgrade change?"""
from pathlib import Path

from .. import expectations, gate
from ..configs import FLAVOURS, MODES
from ..releases import release
from . import add_timeout_argument

HELP = ("run the whole catalogue under a TensorFlow release (1.0 ... 2.21; env built and cached with uv) and "
        "diff it claim by claim against the baselines, or against another release (--from); exit 1 on a "
        "change no expectation explains, 2 on bad input")


def add_arguments(p):
    p.add_argument("--tf", required=True, metavar="VERSION",
                   help="release to check: 1.15 (newest 1.15.x) or an exact 1.15.5")
    p.add_argument("--from", dest="from_tf", metavar="VERSION", default=None,
                   help="the release you upgrade from; both run and are compared (default: the committed "
                        "baselines of the pinned release)")
    p.add_argument("--keras", choices=FLAVOURS, default="keras3",
                   help="keras3: the default install; legacy: tf-keras + TF_USE_LEGACY_KERAS=1, where the release "
                        "has tf-keras (2.14 on; older releases run their default install) (default: keras3)")
    p.add_argument("--mode", action="append", choices=MODES, help="mode(s) to run (default: all three)")
    p.add_argument("--out", type=Path, default=gate.GATE_REPORTS, help="where to write the snapshots")
    p.add_argument("--baselines", type=Path, default=gate.BASELINES, help="baseline snapshots to compare with")
    p.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="worker processes at once (default 2)")
    p.add_argument("--expectations", type=Path, default=None, metavar="DIR",
                   help="expectation files to explain changes with (default: expectations/)")
    p.add_argument("--strict", action="store_true", help="also fail on stale expectation entries")
    p.add_argument("--details", action="store_true",
                   help="show the diff of every changed claim, also of those that keep their outcome")
    add_timeout_argument(p)


def run(args):
    to = release(args.tf)
    start = release(args.from_tf) if args.from_tf else None
    return gate.run_gate(to, args.keras, args.mode or list(MODES), from_release=start, out_dir=args.out,
                         baselines_dir=args.baselines, jobs=args.jobs, strict=args.strict, timeout=args.timeout,
                         details=args.details,
                         entries=expectations.load(args.expectations) if args.expectations else None)
