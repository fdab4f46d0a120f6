from ..configs import FLAVOURS
from . import add_config_arguments

HELP = ("run the catalogue on the pinned TF; write report/claims.json, report/snapshots/, report/history.json "
        "and docs/CLAIMS.md")


def add_arguments(p):
    add_config_arguments(p, flavours=FLAVOURS)


def run(args):
    from .. import report
    from ..configs import MODES

    return report.main(flavours=args.flavour or list(FLAVOURS), modes=args.mode or list(MODES), timeout=args.timeout)
