"""Command line: ``python -m conformance COMMAND [options]``; ``--help`` on each command.

Each command is a module in conformance/commands/ with ``HELP``, ``add_arguments(parser)``
and ``run(args) -> exit status``.
"""
import argparse
import importlib
import pkgutil
import sys

from . import commands


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m conformance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        p = sub.add_parser(info.name.replace("_", "-"), help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
