"""One module per command of ``python -m conformance``."""
from ..configs import FLAVOURS, MODES, Config


def add_config_arguments(parser, flavours=("keras3",)):
    """--mode / --flavour options (repeatable); resolved by configs_from(args)."""
    parser.add_argument("--mode", action="append", choices=MODES, help="mode(s) to run (default: all)")
    parser.add_argument("--flavour", action="append", choices=FLAVOURS,
                        help=f"Keras flavour(s) (default: {', '.join(flavours)})")
    parser.set_defaults(default_flavours=list(flavours))


def configs_from(args):
    return [Config(flavour=f, mode=m) for f in (args.flavour or args.default_flavours) for m in (args.mode or MODES)]
