import sys

from .. import catalogue, fixtures
from ..observation import judge
from ..runner import WorkerPool
from . import add_config_arguments, configs_from

HELP = "run catalogue claims by id and print each observation next to its expectation; --list lists them"


def add_arguments(p):
    p.add_argument("ids", nargs="*", metavar="ID", help="claim ids (see --list)")
    p.add_argument("--list", action="store_true", help="list every claim: id, origin and verdicts per mode")
    add_config_arguments(p, tf=True)


def run(args):
    claims = catalogue.load()
    if args.list:
        for c in claims:
            verdicts = "not-testable" if not c.testable else \
                " ".join(f"{m}:{c.outcome(m).verdict}" for m in ("v1", "graph", "eager"))
            print(f"{c.id:58} {c.source[:40]:40} {verdicts}")
        return 0
    if not args.ids:
        print("claim: error: name claim id(s), or --list to see them", file=sys.stderr)
        return 2
    by_id = {c.id: c for c in claims}
    missing = [i for i in args.ids if i not in by_id]
    if missing:
        print(f"claim: error: unknown claim id(s): {', '.join(missing)} (--list shows them)", file=sys.stderr)
        return 2
    pool, status = WorkerPool(timeout=args.timeout), 0
    try:
        for cid in args.ids:
            claim = by_id[cid]
            print(f"# {cid} ({claim.source}): {claim.statement}")
            if not claim.testable:
                print(f"not-testable: {claim.reason}")
                continue
            for config in configs_from(args):
                oc = claim.outcome(config.mode, config.flavour)
                obs = fixtures.run(pool, config, claim)
                j = judge(claim, config, obs)
                status |= not j.as_expected
                print(f"== {config.name}: {j.outcome}" + ("" if config.pinned else f" (the case: {oc.verdict})")
                      + (", as expected" if j.as_expected else ", DIFFERS from the expectation"))
                print(obs.render())
                for note in obs.notes:
                    print(f"note: {note}")
                if not j.as_expected:
                    print("-- expected:")
                    print(oc.expect.render())
    finally:
        pool.close()
    return int(status)
