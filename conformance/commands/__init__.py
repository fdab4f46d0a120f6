"""One module per command of ``python -m conformance``: ``HELP``, ``add_arguments(parser)`` and
``run(args) -> exit status`` (0 ok, 1 differs, 2 bad input)."""
from ..configs import FLAVOURS, MODES, Config
from ..releases import release


def add_config_arguments(parser, flavours=("keras3",), tf=False):
    """--mode / --flavour options (repeatable), and --tf if the command runs any release."""
    parser.add_argument("--mode", action="append", choices=MODES, help="mode(s) to run (default: all)")
    parser.add_argument("--flavour", action="append", choices=FLAVOURS,
                        help=f"Keras flavour(s) (default: {', '.join(flavours)})")
    if tf:
        parser.add_argument("--tf", metavar="VERSION", default=None,
                            help="TensorFlow release to run under: 1.0 ... 2.21 (newest patch) or an exact "
                                 "X.Y.Z (default: the pinned 2.21.0); its environment is built on first use")
    parser.set_defaults(default_flavours=list(flavours))
    add_timeout_argument(parser)


def add_timeout_argument(parser):
    parser.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                        help="how long one program may run before it is stopped and reported as timed out "
                             "(default: $CONFORMANCE_TIMEOUT or 60)")


def _seconds(text):
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = -1
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def configs_from(args):
    tf = release(args.tf).version if getattr(args, "tf", None) else None
    return [Config(tf, f, m) if tf else Config(flavour=f, mode=m)
            for f in (args.flavour or args.default_flavours) for m in (args.mode or MODES)]
