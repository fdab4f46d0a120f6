import sys

from ..runner import WorkerPool
from . import add_config_arguments, configs_from

HELP = "run a tf.compat.v1 program (a file, or - for stdin) in every mode and print what TF did"


def add_arguments(p):
    p.add_argument("file", help="a Python file; `tf` is the v1 API, `slim` tf-slim, `tf2` tensorflow, `np` numpy")
    p.add_argument("--traceback", action="store_true", help="also print the traceback of an exception")
    add_config_arguments(p, tf=True)


def run(args):
    name = "<stdin>" if args.file == "-" else args.file
    try:
        source = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    except OSError as exc:
        print(f"observe: error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        compile(source, name, "exec")  # before any TensorFlow starts
    except SyntaxError as exc:
        print(f"observe: error: {name}, line {exc.lineno}: {exc.msg}: {(exc.text or '').strip()}", file=sys.stderr)
        return 2
    configs = configs_from(args)
    pool = WorkerPool(timeout=args.timeout)
    try:
        for config in configs:
            obs = pool.run(config, source, name)
            print(f"== {config.name}")
            print(obs.render())
            for note in obs.notes:
                print(f"note: {note}")
            if obs.log and obs.status in ("crashed", "timed-out"):
                print("last stderr lines:\n  " + obs.log.replace("\n", "\n  "))
            if args.traceback and obs.traceback:
                print(obs.traceback)
    finally:
        pool.close()
    return 0
