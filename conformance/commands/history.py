"""``python -m conformance history ID...``: what each release did with a claim, from docs/matrix.json."""
import sys

from .. import matrix
from ..observation import SHORT
from ..releases import FLAVOURS, MODES

HELP = ("show a claim's history across every release 1.0 ... 2.21 (from the committed docs/matrix.json): per mode, "
        "runs of releases with the same observation and outcome; --unexplained lists every difference no "
        "expectation entry explains")


def add_arguments(p):
    p.add_argument("ids", nargs="*", metavar="ID", help="claim ids")
    p.add_argument("--unexplained", action="store_true", help="every claim x mode with an unexplained difference")
    p.add_argument("--flavour", action="append", choices=FLAVOURS, help="flavour(s) (default: both)")
    p.add_argument("--width", type=int, default=170, help="cut observations at this many characters")


def runs(m, cid, flavour, mode, width, only_unexplained=False):
    """[(first minor, last minor, observation text, outcome, entry)] for consecutive releases alike."""
    out = []
    for tf_version in m.releases(flavour):
        cfg = m.config(tf_version, flavour, mode)
        if cfg is None or (only_unexplained and (not cfg["available"] or m.status(cid, cfg) != "unexplained")):
            continue
        obs, j = m.observation(cid, cfg), m.judged(cid, cfg)
        row = (obs.one_line(width) if obs is not None else "(no observation)", SHORT[j.outcome], j.entry)
        if out and tuple(out[-1][2:]) == row:
            out[-1][1] = cfg["release"]
        else:
            out.append([cfg["release"], cfg["release"], *row])
    return out


def run(args):
    m = matrix.read()
    if m is None:
        print("history: error: no docs/matrix.json: run `make matrix`", file=sys.stderr)
        return 2
    unknown = [i for i in args.ids if i not in m.claims]
    if unknown:
        print(f"history: error: unknown claim id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not args.ids and not args.unexplained:
        print("history: error: name claim id(s), or --unexplained", file=sys.stderr)
        return 2
    ids = args.ids or sorted(m.ran)
    stale = set(m.stale_claims())
    found = 0
    for cid in ids:
        if cid not in m.ran:
            print(f"# {cid}: not in docs/matrix.json yet (make matrix)")
            continue
        for flavour in args.flavour or FLAVOURS:
            for mode in MODES:
                rows = runs(m, cid, flavour, mode, args.width, args.unexplained)
                if not rows:
                    continue
                found += 1
                pinned = m.claims[cid].outcome(mode, flavour)
                print(f"## {cid} [{flavour} {mode}]" + (" (program changed since: make matrix)" if cid in stale else ""))
                for first, last, text, outcome, entry in rows:
                    span = first if first == last else f"{first}-{last}"
                    print(f"   {span:>10} {outcome:>9}{' ' + entry if entry else ''}: {text}")
                print(f"   {'pinned':>10} {SHORT[pinned.verdict]:>9}: {pinned.expect.one_line(args.width)}")
    if args.unexplained:
        print(f"{found} claim x mode(s) with unexplained differences", file=sys.stderr)
        return 1 if found else 0
    return 0
