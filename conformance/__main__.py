"""Run TensorFlow's v1 naming and sharing claims, and your own programs, against real TensorFlow.

Commands (each has --help):
  observe FILE          run your tf.compat.v1 program in every mode and print what TF did
  claim ID... | --list  run catalogue claims and show what TF did next to what the case expects
  keys MODULE:FUNCTION  print the checkpoint keys your graph-building function creates; --against gates;
                        --tf 1.15,2.21 diffs them across releases; --object lists tf.train.Checkpoint keys
  restore-plan CHECKPOINT MODULE:FUNCTION  match a checkpoint's keys to your variables by naming rules,
                        propose an init_from_checkpoint assignment_map and verify it
  gate --tf 1.15 [--from 1.15]  what changes, claim by claim, between two TensorFlow releases
  fuzz-releases A B     run the same generated naming programs on two releases; print each difference no
                        known difference explains (tests/release_fuzz_known.toml), shrunk, as a script
  report                run the whole catalogue; write report/claims.json and docs/CLAIMS.md
  matrix                run every release 1.0 - 2.21; write docs/MATRIX.md and docs/matrix.json
  baselines             re-record baselines/ (the pinned release's observations)

Exit status, for every command: 0 ok; 1 something differs (a claim from its expectation, keys
from a manifest, an unexplained change in the gate, a checkpoint that does not fully restore); 2 bad input (unknown claim or release,
unreadable file, a malformed catalogue, a missing interpreter), said in one line.
A program that crashes, hangs or changes TensorFlow's process-wide state is reported as such.
Set CONFORMANCE_TIMEOUT (or --timeout) to bound one program's run (default 60 s).
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
    return guarded(args.run, args, args.command)


def guarded(run, args, command):
    """Run a command; bad input it meets (a malformed catalogue, an unknown release, a missing
    interpreter) is one line on stderr and exit status 2, never a traceback."""
    from .catalogue import CatalogueError
    from .envs import EnvError
    from .expectations import ExpectationError
    from .releases import UnknownRelease
    from .runner import WorkerError

    try:
        return run(args)
    except (CatalogueError, ExpectationError) as exc:
        problems = exc.problems
        print(f"{command}: error: {problems[0]}" + (f" (and {len(problems) - 1} more problem(s))"
                                                     if len(problems) > 1 else ""), file=sys.stderr)
        for p in problems[1:20]:
            print(f"  {p}", file=sys.stderr)
        return 2
    except (EnvError, UnknownRelease, WorkerError) as exc:
        text = str(exc).strip().splitlines()
        print(f"{command}: error: {text[0]}", file=sys.stderr)
        for line in text[1:12]:
            print(f"  {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
