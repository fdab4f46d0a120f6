"""``python -m conformance keys MODULE:FUNCTION``: a model's checkpoint-key manifest, and a gate on it;
under several releases (``--tf 1.15,2.21``) with the diff an upgrade makes; ``--object`` for the
keys of tf.train.Checkpoint (TF2, object-based)."""
import sys

from .. import keys, restore
from ..releases import UnknownRelease, release
from . import add_timeout_argument

HELP = ("print the checkpoint keys (KEY [SHAPE] DTYPE) of the graph MODULE:FUNCTION builds; --against FILE "
        "gates; --tf 1.15,2.21 diffs releases; --object lists tf.train.Checkpoint keys")


def add_arguments(p):
    p.add_argument("target", metavar="MODULE:FUNCTION",
                   help="a function that builds a tf.compat.v1 graph when called with no arguments (with "
                        "--object: that returns a Keras model or layer, or a tf.Module); MODULE is imported "
                        "from the current directory (or --path)")
    p.add_argument("--path", metavar="DIR", default=".",
                   help="directory to import MODULE from (default: the current directory)")
    p.add_argument("--against", metavar="FILE",
                   help="compare with a saved manifest: print added/removed/reshaped keys, exit 1 if they differ")
    p.add_argument("--out", metavar="FILE", help="write the manifest to FILE")
    p.add_argument("--mode", choices=("v1", "graph"), default="v1",
                   help="v1: disable_v2_behavior (ref variables, default); graph: TF2 behaviour in a tf.Graph")
    p.add_argument("--object", action="store_true",
                   help="list the keys tf.train.Checkpoint(model=OBJECT) writes (eager mode, object-based "
                        ".../.ATTRIBUTES/VARIABLE_VALUE), each with '# the variable name' it was saved from")
    p.add_argument("--flavour", choices=("keras3", "legacy"), default="keras3",
                   help="Keras flavour of the worker (legacy: tf-keras with TF_USE_LEGACY_KERAS=1)")
    p.add_argument("--slim-shim", action="store_true",
                   help="build under conformance.slim_shim.patch(), so tf-slim's batch_norm works on new TF")
    p.add_argument("--traceback", action="store_true",
                   help="print the traceback (or the worker's last stderr lines) when building fails")
    p.add_argument("--tf", metavar="VERSION[,VERSION...]", default=None,
                   help="TensorFlow release(s) to build under (default: the pinned 2.21.0); several, "
                        "comma-separated (1.15,2.21), print each release's keys and what changes between them")
    add_timeout_argument(p)


def _fail(message, status=2):
    print(f"keys: error: {message}", file=sys.stderr)
    return status


def _releases(text):
    if not text:
        return [None]
    found = []
    for part in text.split(","):
        if not part.strip():
            raise UnknownRelease(f"--tf {text!r}: an empty release between commas")
        version = release(part).version
        if version not in found:
            found.append(version)
    return found


def _build(args, tf, pool):
    if args.object:
        return keys.object_keys(args.target, flavour=args.flavour, cwd=args.path, pool=pool,
                                slim_shim=args.slim_shim, tf=tf, timeout=args.timeout)
    return keys.build(args.target, mode=args.mode, flavour=args.flavour, cwd=args.path, slim_shim=args.slim_shim,
                      tf=tf, pool=pool, timeout=args.timeout)


def run(args, pool=None):
    try:
        keys.parse_target(args.target)
        saved = keys.read(args.against) if args.against else None
        versions = _releases(args.tf)
        if len(versions) > 1:
            if args.against or args.out:
                return _fail("--tf with several releases prints and compares them; --against/--out take one release")
            return _across(args, versions, pool)
        lines = _build(args, versions[0], pool)
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


def _across(args, versions, pool):
    """Each release's keys, then the diff between each release and the next (exit 1 if any differs)."""
    from ..runner import WorkerPool

    own = pool is None
    pool = pool or WorkerPool(timeout=args.timeout)
    flavour = "default install" if args.flavour == "keras3" else "tf-keras"
    what = "object-based keys (eager)" if args.object else f"{args.mode} mode"
    built = {}
    try:
        for tf in versions:
            try:
                built[tf] = keys.parse("\n".join(_build(args, tf, pool)), f"{args.target} under {tf}")
                print(f"== TensorFlow {tf} ({flavour}, {what}): {len(built[tf])} keys")
                print("\n".join(str(e) for e in built[tf].values()))
            except keys.BuildError as exc:
                built[tf] = exc
                print(f"== TensorFlow {tf} ({flavour}, {what}): does not build: {exc}")
    finally:
        if own:
            pool.close()
    if all(isinstance(b, keys.BuildError) for b in built.values()):
        return _fail(f"{args.target} builds under none of {', '.join(versions)}")
    changed = False
    for old, new in zip(versions, versions[1:]):
        a, b = built[old], built[new]
        print(f"== {old} -> {new}")
        if isinstance(a, keys.BuildError) or isinstance(b, keys.BuildError):
            changed = changed or not (isinstance(a, keys.BuildError) and isinstance(b, keys.BuildError))
            print(f"builds under {old}: {not isinstance(a, keys.BuildError)}; "
                  f"under {new}: {not isinstance(b, keys.BuildError)}")
            continue
        d = keys.diff(a, b)
        for line in keys.render_diff(d):
            print(line)
        if d.added and d.removed:
            renamed = restore.match(restore.entries({e.key: e for e in d.added}),
                                    restore.entries({e.key: e for e in d.removed}))
            for var in sorted(renamed.matches):
                m = renamed.matches[var]
                print(f"renamed  {m.key} -> {var}: {m.rule} (restore-plan maps it)")
        if d:
            changed = True
            print(f"checkpoint keys differ: {len(d.added)} added, {len(d.removed)} removed, {len(d.reshaped)} "
                  f"reshaped: a checkpoint written under {old} does not restore by name under {new}")
        else:
            print(f"checkpoint keys equal ({len(a)} keys)")
    return 1 if changed else 0
