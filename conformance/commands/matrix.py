"""``python -m conformance matrix``: every release x flavour x mode against the baselines."""
from pathlib import Path

from .. import matrix
from ..configs import FLAVOURS
from ..releases import release
from . import add_timeout_argument

HELP = ("run the catalogue under every TensorFlow release 1.0 ... 2.21 (newest patch each) in both Keras "
        "flavours where they exist and every mode each release has; write docs/MATRIX.md and docs/matrix.json")


def add_arguments(p):
    p.add_argument("--release", action="append", metavar="X.Y",
                   help="release(s) to (re)run, updating only their columns (default: every release)")
    p.add_argument("--flavour", action="append", choices=FLAVOURS, help="flavour(s) (default: both)")
    p.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="worker processes at once (default 2)")
    p.add_argument("--fresh", action="store_true",
                   help="run every claim again (default: reuse cached observations of unchanged programs)")
    p.add_argument("--cache", type=Path, default=matrix.CACHE, help="per-configuration snapshots")
    p.add_argument("--docs", type=Path, default=matrix.DOCS, help="where MATRIX.md and matrix.json go")
    p.add_argument("--render", action="store_true",
                   help="run nothing: render docs/MATRIX.md from docs/matrix.json, the catalogue and expectations/ "
                        "(after editing a claim's `claimed` or an expectation entry)")
    add_timeout_argument(p)


def run(args):
    if args.render:
        return matrix.render_only(args.docs)
    minors = [release(r).minor for r in args.release] if args.release else None
    return matrix.run_matrix(minors, args.flavour, jobs=args.jobs, fresh=args.fresh, cache=args.cache,
                             docs=args.docs, timeout=args.timeout)
