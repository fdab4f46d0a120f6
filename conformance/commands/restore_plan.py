"""``python -m conformance restore-plan CHECKPOINT MODULE:FUNCTION``: which checkpoint key restores
each variable, by which naming rule; an assignment_map for init_from_checkpoint, verified."""
import json
import sys

from .. import keys, restore
from ..releases import release
from . import add_timeout_argument

HELP = ("match a checkpoint's keys to the variables MODULE:FUNCTION builds, say the naming rule of each "
        "match, propose an init_from_checkpoint assignment_map and verify it (exit 0 all restored, 1 not)")


def add_arguments(p):
    p.add_argument("checkpoint", metavar="CHECKPOINT",
                   help="a checkpoint prefix (model.ckpt-1000, as written by tf.train.Saver) or its directory")
    p.add_argument("target", metavar="MODULE:FUNCTION",
                   help="a function that builds the tf.compat.v1 graph when called with no arguments; "
                        "MODULE is imported from the current directory (or --path)")
    p.add_argument("--path", metavar="DIR", default=".",
                   help="directory to import MODULE from (default: the current directory)")
    p.add_argument("--json", metavar="FILE",
                   help="write {assignment_map, unmatched_variables, unused_checkpoint_keys, verified} to FILE")
    p.add_argument("--mode", choices=("v1", "graph"), default="v1",
                   help="v1: disable_v2_behavior (ref variables, default); graph: TF2 behaviour in a tf.Graph")
    p.add_argument("--flavour", choices=("keras3", "legacy"), default="keras3",
                   help="Keras flavour of the worker (legacy: tf-keras with TF_USE_LEGACY_KERAS=1)")
    p.add_argument("--slim-shim", action="store_true",
                   help="build under conformance.slim_shim.patch(), so tf-slim's batch_norm works on new TF")
    p.add_argument("--tf", metavar="VERSION", default=None,
                   help="TensorFlow release to build and verify under (default: the pinned 2.21.0)")
    p.add_argument("--traceback", action="store_true",
                   help="print the traceback (or the worker's last stderr lines) when building fails")
    add_timeout_argument(p)


def _fail(message):
    print(f"restore-plan: error: {message}", file=sys.stderr)
    return 2


def run(args, pool=None):
    try:
        keys.parse_target(args.target)
        tf = release(args.tf).version if args.tf else None
        outcome = restore.restore_plan(args.checkpoint, args.target, mode=args.mode, flavour=args.flavour,
                                       cwd=args.path, slim_shim=args.slim_shim, tf=tf, pool=pool,
                                       timeout=args.timeout)
    except (keys.ManifestError, restore.CheckpointError) as exc:
        return _fail(str(exc))
    except keys.BuildError as exc:
        if args.traceback and exc.traceback:
            print(exc.traceback, file=sys.stderr)
        return _fail(str(exc))
    print("\n".join(restore.render(outcome, args.target)))
    if args.json:
        try:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(outcome.as_json(), f, indent=1, sort_keys=True)
                f.write("\n")
        except OSError as exc:
            return _fail(f"cannot write {args.json}: {exc.strerror or exc}")
    return 0 if outcome.ok else 1
