import sys

from .. import catalogue
from ..runner import WorkerPool
from . import add_config_arguments, configs_from

HELP = "run catalogue claims by id and print each observation next to its expectation"


def add_arguments(p):
    p.add_argument("ids", nargs="+", metavar="ID")
    add_config_arguments(p)


def run(args):
    claims = {c.id: c for c in catalogue.load()}
    missing = [i for i in args.ids if i not in claims]
    if missing:
        print(f"unknown claim id(s): {', '.join(missing)}", file=sys.stderr)
        return 2
    pool, status = WorkerPool(), 0
    try:
        for cid in args.ids:
            claim = claims[cid]
            print(f"# {cid}: {claim.statement}")
            if not claim.testable:
                print(f"not-testable: {claim.reason}")
                continue
            for config in configs_from(args):
                oc = claim.outcome(config.mode, config.flavour)
                obs = pool.run(config, claim.program, cid)
                ok = catalogue.expect_matches(oc.expect, obs.out, obs.error)
                status |= not ok
                print(f"== {config.name}: {oc.verdict}, {'as expected' if ok else 'DIFFERS from expect'}")
                print(obs.render())
                if not ok:
                    print("-- expected:")
                    print(catalogue.render_expected(oc.expect))
    finally:
        pool.close()
    return int(status)
