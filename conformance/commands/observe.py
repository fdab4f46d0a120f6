from ..runner import WorkerPool
from . import add_config_arguments, configs_from
import sys

HELP = "run a tf.compat.v1 program (a file, or - for stdin) in every mode and print what TF did"


def add_arguments(p):
    p.add_argument("file")
    p.add_argument("--traceback", action="store_true", help="also print the traceback of an exception")
    add_config_arguments(p)


def run(args):
    source = sys.stdin.read() if args.file == "-" else open(args.file).read()
    pool = WorkerPool()
    try:
        for config in configs_from(args):
            obs = pool.run(config, source, args.file)
            print(f"== {config.name}")
            print(obs.render())
            if args.traceback and obs.traceback:
                print(obs.traceback)
    finally:
        pool.close()
    return 0
