"""Checkpoint-key manifests: what a TF1-style graph would write to a checkpoint.

In tf.compat.v1 code a variable's name *is* its checkpoint key, so a renamed scope,
a re-entered scope or an upgraded library silently changes which checkpoints a model
can restore.  A manifest pins the keys down, one line per key, sorted by key::

    vgg_16/conv1/conv1_1/weights [3, 3, 3, 64] float32

(key, static shape as a Python list, base dtype name).  The golden manifests of real
networks live in cases/claims/manifests/; ``python -m conformance keys MODULE:FUNCTION``
makes one for a user's own graph-building function and compares it with a saved one.

This module never imports TensorFlow itself: ``ENTRIES`` (how variables are keyed) runs inside
worker processes, in the programs ``build`` gives them, and ``parse``/``diff``/``render_diff``
are plain text processing.
"""
import os
import re
from dataclasses import dataclass

LINE = re.compile(r"^(?P<key>\S+) (?P<shape>\[[0-9, ]*\]) (?P<dtype>[a-z0-9_]+)(?:\s+#.*)?$")
TARGET = re.compile(r"^(?P<module>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*):(?P<function>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$")


class ManifestError(ValueError):
    """A malformed manifest file, or a MODULE:FUNCTION that cannot be used."""


# --- text --------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    key: str
    shape: str
    dtype: str

    def __str__(self):
        return f"{self.key} {self.shape} {self.dtype}"


def parse(text, source="manifest"):
    """{key: Entry} from manifest text; blank lines and ``#`` comments are skipped."""
    entries = {}
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = LINE.match(stripped)
        if not m:
            raise ManifestError(f"{source}:{number}: not a manifest line (KEY [SHAPE] DTYPE): {raw!r}")
        if m["key"] in entries:
            raise ManifestError(f"{source}:{number}: key {m['key']!r} listed twice")
        entries[m["key"]] = Entry(m["key"], m["shape"], m["dtype"])
    return entries


def read(path):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    entries = parse(text, str(path))
    if not entries:
        raise ManifestError(f"manifest {path} lists no keys: an empty file cannot be compared with")
    return entries


@dataclass
class Diff:
    added: list      # [Entry] in the new manifest only
    removed: list    # [Entry] in the old manifest only
    reshaped: list   # [(old Entry, new Entry)] same key, other shape or dtype

    def __bool__(self):
        return bool(self.added or self.removed or self.reshaped)


def diff(old, new):
    """What changed from manifest ``old`` to ``new`` (both {key: Entry})."""
    return Diff(added=[new[k] for k in sorted(set(new) - set(old))],
                removed=[old[k] for k in sorted(set(old) - set(new))],
                reshaped=[(old[k], new[k]) for k in sorted(set(old) & set(new))
                          if (old[k].shape, old[k].dtype) != (new[k].shape, new[k].dtype)])


def render_diff(d):
    lines = [f"added    {e}" for e in d.added]
    lines += [f"removed  {e}" for e in d.removed]
    lines += [f"reshaped {o.key} {o.shape} {o.dtype} -> {n.shape} {n.dtype}" for o, n in d.reshaped]
    return lines


# --- building a user's graph in a worker --------------------------------------------

def parse_target(target):
    """(module, function) from ``MODULE:FUNCTION``; ManifestError says what is wrong."""
    if ":" not in target:
        raise ManifestError(f"{target!r} is not MODULE:FUNCTION (no ':'); e.g. my_model:build_graph")
    m = TARGET.match(target)
    if not m:
        module, _, function = target.partition(":")
        what = "module" if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", module) else "function"
        raise ManifestError(f"{target!r} is not MODULE:FUNCTION: {what} "
                            f"{module if what == 'module' else function!r} is not a dotted Python name")
    return m["module"], m["function"]


# The worker-side part runs in a release's own interpreter (Python 3.6 for TF 1.0-1.12), so it is
# plain source that imports nothing from the project but what a build asks for (slim_shim).
BUILD = '''
import importlib, sys

class TargetError(Exception):
    pass

_added_path = {cwd!r} not in sys.path
if _added_path:
    sys.path.insert(0, {cwd!r})   # removed again by END, so the worker's state is as it was
try:
    _module = importlib.import_module({module!r})
except ImportError as exc:
    _missing = getattr(exc, "name", None)
    if _missing and ({module!r} + ".").startswith(_missing + "."):
        raise TargetError("cannot import module {module}: no module named " + repr(_missing) +
                          " in " + {cwd!r} + " or on sys.path")
    raise
_function = _module
for _part in {function!r}.split("."):
    if not hasattr(_function, _part):
        raise TargetError("module {module} (" + str(getattr(_module, "__file__", "?")) +
                          ") has no attribute {function}")
    _function = getattr(_function, _part)
if not callable(_function):
    raise TargetError("{module}:{function} is not callable: it is a " + type(_function).__name__)

def _build():
    if {slim_shim!r}:
        from conformance import slim_shim as _slim_shim
        with _slim_shim.patch():
            return _function()
    return _function()
'''

END = '''
if _added_path and {cwd!r} in sys.path:
    sys.path.remove({cwd!r})
'''

# What worker programs use to key variables as tf.train.Saver does (tests/test_keys.py runs it on
# stand-ins for variables).  Not a format template: program() appends it after formatting.
ENTRIES = '''
def _entries(variables):
    """{key: (shape, dtype, [variables])}: as tf.train.Saver keys them (a partitioned variable is one key)."""
    found = {}
    for v in variables:
        info = getattr(v, "_save_slice_info", None)
        if info is not None:
            key, shape = info.full_name, list(info.full_shape)
        else:
            key, shape = v.name.split(":")[0], v.shape.as_list()
        found.setdefault(key, (shape, v.dtype.base_dtype.name, []))[2].append(v)
    return found


def _manifest_lines(variables):
    """The manifest of some variables: KEY [SHAPE] DTYPE lines, sorted by key."""
    found = _entries(variables)
    return ["%s %s %s" % (key, found[key][0], found[key][1]) for key in sorted(found)]
'''

MANIFEST = '''
_built = _build()
for _line in _manifest_lines(tf.global_variables()):
    print(_line)
'''


OBJECT = '''
import os as _os
_model = _build()
if _model is None:
    raise TargetError("{module}:{function} returned None: with --object it must return the model (a Keras "
                      "model or layer, a tf.Module) whose tf.train.Checkpoint keys to list")
_checkpoint = _model if isinstance(_model, tf2.train.Checkpoint) else tf2.train.Checkpoint(model=_model)
_path = _checkpoint.write(_os.path.join(workdir, "object"))
_reader = tf2.train.load_checkpoint(_path)
_shapes, _dtypes, _full = _reader.get_variable_to_shape_map(), _reader.get_variable_to_dtype_map(), {{}}
from tensorflow.core.protobuf import trackable_object_graph_pb2 as _pb
_graph = _pb.TrackableObjectGraph()
_graph.ParseFromString(_reader.get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH"))
for _node in _graph.nodes:
    for _attr in _node.attributes:
        _full[_attr.checkpoint_key] = _attr.full_name
for _key in sorted(_shapes):
    if _key != "_CHECKPOINTABLE_OBJECT_GRAPH":
        print("%s %s %s%s" % (_key, list(_shapes[_key]), _dtypes[_key].name,
                              "  # " + _full[_key] if _full.get(_key) else ""))
'''


def object_keys(target, flavour="keras3", cwd=None, pool=None, slim_shim=False, tf=None, timeout=None):
    """The keys tf.train.Checkpoint(model=...) writes for the object ``MODULE:FUNCTION`` returns
    (eager mode), each with the variable name its object graph records as a comment."""
    module, function = parse_target(target)
    return run(target, OBJECT.format(module=module, function=function), mode="eager", flavour=flavour, cwd=cwd,
               pool=pool, slim_shim=slim_shim, tf=tf, timeout=timeout)


def program(target, tail, cwd=None, slim_shim=False):
    """The source of a worker program that imports ``MODULE:FUNCTION``, then runs ``tail``; the tail
    calls ``_build()`` (the function, under slim_shim if asked) and may use ``_entries(variables)``."""
    module, function = parse_target(target)
    cwd = os.path.abspath(cwd or os.getcwd())
    return BUILD.format(cwd=cwd, module=module, function=function, slim_shim=bool(slim_shim)) + ENTRIES + tail + \
        END.format(cwd=cwd)


class BuildError(RuntimeError):
    """The user's function could not be imported or raised while building."""

    def __init__(self, message, traceback=None):
        super().__init__(message)
        self.traceback = traceback


def build(target, mode="v1", flavour="keras3", cwd=None, pool=None, slim_shim=False, tf=None, timeout=None):
    """The manifest lines of the graph ``MODULE:FUNCTION`` builds, in a fresh graph in a worker.

    ``slim_shim``: build under conformance.slim_shim.patch() (tf-slim batch_norm on new TF).
    """
    if mode not in ("v1", "graph"):
        raise ManifestError(f"mode {mode!r}: checkpoint keys need a graph; use v1 or graph")
    return run(target, MANIFEST, mode=mode, flavour=flavour, cwd=cwd, pool=pool, slim_shim=slim_shim, tf=tf,
               timeout=timeout)


def run(target, tail, mode="v1", flavour="keras3", cwd=None, pool=None, slim_shim=False, tf=None, timeout=None,
        what="building"):
    """Run ``program(target, tail)`` in a worker of (tf, flavour, mode); its printed lines.

    A failure to import or build (or a crash, a time-out) is a BuildError in one line."""
    from .configs import Config
    from .runner import WorkerPool

    source = program(target, tail, cwd=cwd, slim_shim=slim_shim)
    own = pool is None
    pool = pool or WorkerPool(timeout=timeout)
    config = Config(tf, flavour, mode) if tf else Config(flavour=flavour, mode=mode)
    try:
        obs = pool.run(config, source, f"keys {target}")
    finally:
        if own:
            pool.close()
    if not obs.ran:
        raise BuildError(f"{what} {target} under TensorFlow {config.tf}: the build {obs.lines()[-1]}",
                         f"last stderr lines of the worker:\n{obs.log}" if obs.log else None)
    if obs.error:
        if obs.error.startswith("TargetError: "):
            raise BuildError(obs.error[len("TargetError: "):])
        raise BuildError(f"{target} raised while building the graph: {obs.error}", obs.traceback)
    return list(obs.out)
