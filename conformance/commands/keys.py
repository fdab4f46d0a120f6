"""``python -m conformance keys MODULE:FUNCTION``: a model's checkpoint-key manifest, and a gate on it."""
import sys

from .. import keys
from ..releases import release
from . import add_timeout_argument

HELP = "print the checkpoint keys (KEY [SHAPE] DTYPE) of the graph MODULE:FUNCTION builds; --against FILE gates"


def add_arguments(p):
    p.add_argument("target", metavar="MODULE:FUNCTION",
                   help="a function that builds a tf.compat.v1 graph when called with no arguments; "
                        "MODULE is imported from the current directory (or --path)")
    p.add_argument("--path", metavar="DIR", default=".",
                   help="directory to import MODULE from (default: the current directory)")
    p.add_argument("--against", metavar="FILE",
                   help="compare with a saved manifest: print added/removed/reshaped keys, exit 1 if they differ")
    p.add_argument("--out", metavar="FILE", help="write the manifest to FILE")
    p.add_argument("--mode", choices=("v1", "graph"), default="v1",
                   help="v1: disable_v2_behavior (ref variables, default); graph: TF2 behaviour in a tf.Graph")
    p.add_argument("--flavour", choices=("keras3", "legacy"), default="keras3",
                   help="Keras flavour of the worker (legacy: tf-keras with TF_USE_LEGACY_KERAS=1)")
    p.add_argument("--slim-shim", action="store_true",
                   help="build under conformance.slim_shim.patch(), so tf-slim's batch_norm works on new TF")
    p.add_argument("--traceback", action="store_true",
                   help="print the traceback (or the worker's last stderr lines) when building fails")
    p.add_argument("--tf", metavar="VERSION", default=None,
                   help="TensorFlow release to build under (default: the pinned 2.21.0)")
    add_timeout_argument(p)


def _fail(message, status=2):
    print(f"keys: error: {message}", file=sys.stderr)
    return status


def run(args):
    try:
        keys.parse_target(args.target)
        saved = keys.read(args.against) if args.against else None
        tf = release(args.tf).version if args.tf else None
        lines = keys.build(args.target, mode=args.mode, flavour=args.flavour, cwd=args.path,
                           slim_shim=args.slim_shim, tf=tf, timeout=args.timeout)
    except keys.ManifestError as exc:
        return _fail(str(exc))
    except keys.BuildError as exc:
        if args.traceback and exc.traceback:
            print(exc.traceback, file=sys.stderr)
        return _fail(str(exc))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
    if saved is None:
        if not args.out:
            print("\n".join(lines))
        return 0
    d = keys.diff(saved, keys.parse("\n".join(lines), args.target))
    if not d:
        print(f"checkpoint keys equal {args.against} ({len(saved)} keys)")
        return 0
    for line in keys.render_diff(d):
        print(line)
    print(f"checkpoint keys differ from {args.against}: {len(d.added)} added, {len(d.removed)} removed, "
          f"{len(d.reshaped)} reshaped")
    return 1
