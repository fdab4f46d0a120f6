"""``python -m conformance matrix``: every release x flavour x mode against the baselines."""
from pathlib import Path

from .. import matrix
from ..configs import FLAVOURS

HELP = ("run the catalogue under every TensorFlow release installable for this Python (2.12-2.21, newest "
        "patch each) in both Keras flavours where they exist; write docs/MATRIX.md and docs/matrix.json")


def add_arguments(p):
    p.add_argument("--release", action="append", metavar="2.X",
                   help=f"release(s) to run (default: {', '.join(matrix.RELEASES)})")
    p.add_argument("--flavour", action="append", choices=FLAVOURS, help="flavour(s) (default: both)")
    p.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="worker processes at once (default 2)")
    p.add_argument("--fresh", action="store_true",
                   help="run every claim again (default: reuse cached observations of unchanged programs)")
    p.add_argument("--cache", type=Path, default=matrix.CACHE, help="per-configuration snapshots")
    p.add_argument("--docs", type=Path, default=matrix.DOCS, help="where MATRIX.md and matrix.json go")


def run(args):
    return matrix.run_matrix(args.release, args.flavour, jobs=args.jobs, fresh=args.fresh,
                             cache=args.cache, docs=args.docs)
