"""``python -m conformance fuzz-releases 1.15 2.21 [--mode v1]``: differential fuzzing between releases."""
import sys
import time

from .. import catalogue, relfuzz
from ..configs import FLAVOURS
from ..runner import WorkerPool
from . import add_timeout_argument

HELP = ("run the same generated naming programs on two TensorFlow releases (1.0 ... 2.21) and print every "
        "difference no known difference explains, shrunk, as a script that runs on both; exit 1 if there is one")


def add_arguments(p):
    p.add_argument("a", metavar="A", help="one release: 1.15 (newest 1.15.x) or an exact 1.15.5")
    p.add_argument("b", metavar="B", help="the other release (the order does not matter: older is shown first)")
    p.add_argument("--mode", choices=relfuzz.FUZZ_MODES, default="v1",
                   help="v1 (every release has it; the default) or graph (TF2 behaviour in a graph, 1.13 on)")
    p.add_argument("--keras", choices=FLAVOURS, default="keras3",
                   help="keras3: the default install; legacy: tf-keras + TF_USE_LEGACY_KERAS=1 (2.14 on)")
    p.add_argument("--examples", type=int, default=500, metavar="N",
                   help="programs to try before concluding there is no (further) unknown difference (default 500)")
    p.add_argument("--max-differences", type=int, default=10, metavar="N",
                   help="stop after this many unknown differences (default 10)")
    p.add_argument("--steps", type=int, default=12, metavar="N", help="statements per program (default 12)")
    p.add_argument("--known", default=str(relfuzz.KNOWN_FILE), metavar="TOML",
                   help=f"the known differences (default: {relfuzz._rel(relfuzz.KNOWN_FILE)})")
    add_timeout_argument(p)


def run(args):
    try:
        known = relfuzz.load_known(args.known, {c.id for c in catalogue.load()})
    except relfuzz.KnownError as exc:
        print(f"fuzz-releases: error: {exc.problems[0]}", file=sys.stderr)
        for p in exc.problems[1:20]:
            print(f"  {p}", file=sys.stderr)
        return 2
    if args.examples < 1 or args.max_differences < 1 or args.steps < 1:
        print("fuzz-releases: error: --examples, --max-differences and --steps must be positive", file=sys.stderr)
        return 2
    pair = relfuzz.Pair.of(args.a, args.b, args.mode, args.keras, known)
    print(f"Fuzzing {pair.title}: up to {args.examples} programs of {args.steps} statements a round")
    for k in pair.covering:
        print(f"  known: {k.id} (changed in {', '.join(k.changed)}; claims {', '.join(k.claims)})")
    if pair.omit:
        print(f"  left out of the programs: {', '.join(pair.omit)}")
    sys.stdout.flush()
    start = time.monotonic()
    pool = WorkerPool(timeout=args.timeout)
    try:
        found = relfuzz.explore(pair, pool, args.examples, args.max_differences, args.steps,
                                report=lambda text: print(text, flush=True))
    finally:
        pool.close()
    took = time.monotonic() - start
    print(f"{found.programs} programs on each release in {took:.0f} s: {found.equal} observed the same, "
          f"{found.programs - found.equal - len(found.differences)} differed only as known"
          + (f", {len(found.differences)} unknown difference(s), printed above" if found.differences else ""))
    for k, n in sorted(found.used.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {k}")
    print("fuzz-releases: " + ("unknown differences" if found.differences else "pass"))
    return 1 if found.differences else 0
