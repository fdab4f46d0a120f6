"""Restore plans: which checkpoint key each variable of a TF1-style graph restores from, and why.

``python -m conformance restore-plan CHECKPOINT MODULE:FUNCTION`` builds the graph in a worker
(as ``keys`` does), reads the checkpoint's keys, shapes and dtypes with ``tf.train.list_variables``
and matches every graph variable to a key:

1. the same name;
2. a checkpoint key that names the variable another way: with a ``:0`` suffix, or an object-based
   key (``.../.ATTRIBUTES/VARIABLE_VALUE``) whose object graph records the variable's name;
3. a naming rule it can say: a scope prefix added, dropped or renamed (one rule for many
   variables: the most supported goes first), and ``_N`` suffixes that drifted with creation order
   (default layer names ``dense_1``, ``Conv_2``, ``fully_connected_3``, optimizer slots ``Adam_1``,
   uniquified scopes ``model_1``), aligned in creation order.

A candidate whose shape or dtype disagrees is refused; so is an ambiguous one (two keys fit a
variable equally well, or two variables want one key).  The plan's ``assignment_map``
(checkpoint key -> variable name, for ``tf.compat.v1.train.init_from_checkpoint``) is then
verified in a fresh build: restored through init_from_checkpoint and every value compared with
the checkpoint's tensor, and the initializer checked to read exactly the mapped key.

``match`` is pure Python (tested without TensorFlow); ``inventory`` and ``verify`` run worker
programs (``conformance.keys.run``), whose source is Python 3.6-clean for old releases.
"""
import difflib
import json
import os
import re
from dataclasses import dataclass, field

from . import keys

OBJECT_GRAPH = "_CHECKPOINTABLE_OBJECT_GRAPH"
DEFAULT_LAYER_NAMES = {
    # tf.compat.v1.layers / Keras
    "dense", "conv1d", "conv2d", "conv3d", "conv2d_transpose", "conv3d_transpose", "separable_conv1d",
    "separable_conv2d", "depthwise_conv2d", "batch_normalization", "layer_normalization", "embedding",
    "lstm", "gru", "simple_rnn", "lstm_cell", "gru_cell", "basic_lstm_cell", "basic_rnn_cell", "rnn",
    "sequential", "model", "functional",
    # tf-slim / tf.contrib.layers
    "Conv", "Conv2d_transpose", "Conv3d_transpose", "SeparableConv2d", "fully_connected", "BatchNorm",
    "LayerNorm", "GroupNorm", "InstanceNorm", "bias", "convolution", "embedding_lookup",
}
OPTIMIZER_SLOTS = {"Adam", "Momentum", "RMSProp", "Adagrad", "AdagradDA", "Adadelta", "Ftrl", "ProximalAdagrad",
                   "ProximalGradientDescent", "Adamax", "Nadam", "ExponentialMovingAverage"}
ACCUMULATORS = {"beta1_power", "beta2_power"}


class CheckpointError(ValueError):
    """No checkpoint at that path, or one TensorFlow cannot read."""


@dataclass(frozen=True)
class Tensor:
    """A graph variable or a checkpoint entry: name, static shape, base dtype."""
    name: str
    shape: tuple
    dtype: str
    alias: str = None        # checkpoint key: the variable name it stands for (":0" dropped, object graph)
    alias_note: str = None   # how the alias was found
    in_store: bool = True    # graph variable: made by get_variable (init_from_checkpoint finds it by name)

    @property
    def described(self):
        return f"{self.name} {list(self.shape)} {self.dtype}"

    @property
    def matching_name(self):
        return self.alias or self.name


@dataclass
class Match:
    variable: str
    key: str
    rule: str


@dataclass
class Plan:
    variables: dict                                   # name -> Tensor
    checkpoint: dict                                  # key -> Tensor
    matches: dict = field(default_factory=dict)       # variable -> Match
    refused: dict = field(default_factory=dict)       # variable -> [(key, why)]
    ambiguous: dict = field(default_factory=dict)     # variable -> [(key, rule)]
    skipped: list = field(default_factory=list)       # checkpoint entries that are no variable

    @property
    def unmatched(self):
        return [v for v in sorted(self.variables) if v not in self.matches]

    @property
    def unused(self):
        used = {m.key for m in self.matches.values()}
        return [k for k in sorted(self.checkpoint) if k not in used]

    @property
    def assignment_map(self):
        return {m.key: m.variable for m in sorted(self.matches.values(), key=lambda m: m.key)}

    def nearest(self, variable, n=3):
        """Up to n checkpoint keys nearest (by name) to an unmatched variable, each with why it is not used."""
        var = self.variables[variable]
        said = {}
        for key, why in self.refused.get(variable, []):
            said.setdefault(key, f"refused: {why}")
        for key, rule in self.ambiguous.get(variable, []):
            said[key] = f"refused as ambiguous: {rule}"
        owner = {m.key: m.variable for m in self.matches.values()}
        ranked = sorted(self.checkpoint, key=lambda k: (k not in said, k in owner, -difflib.SequenceMatcher(
            None, self.checkpoint[k].matching_name, variable).ratio(), k))
        out = []
        for k in ranked[:max(n, len(self.ambiguous.get(variable, [])))]:
            entry = self.checkpoint[k]
            if k in said:
                why = said[k]
            elif k in owner:
                why = f"restores {owner[k]}"
            elif (entry.shape, entry.dtype) != (var.shape, var.dtype):
                why = f"{_disagree(entry, var)}, and no naming rule relates the names"
            else:
                why = "no naming rule relates the names"
            out.append((k, why))
        return out


# --- matching (pure Python) ----------------------------------------------------------

_SUFFIX = re.compile(r"(?:_\d+)+$")   # dense_1, and Keras 3's dense_1_1


def _stem(component):
    return _SUFFIX.sub("", component)


def _index(component):
    m = _SUFFIX.search(component)
    return tuple(int(n) for n in m.group(0).split("_")[1:]) if m else ()


def _disagree(entry, var):
    if entry.shape != var.shape:
        return f"shape {list(entry.shape)} differs from the variable's {list(var.shape)}"
    return f"dtype {entry.dtype} differs from the variable's {var.dtype}"


def _fits(entry, var):
    return entry.shape == var.shape and entry.dtype == var.dtype


def hypothesis(variable, name):
    """(checkpoint prefix, graph prefix) that relates a variable name and a checkpoint name whose
    trailing components agree up to ``_N`` suffixes (None if even the last ones differ)."""
    a, b = variable.split("/"), name.split("/")
    t = 0
    while t < min(len(a), len(b)) and _stem(a[-1 - t]) == _stem(b[-1 - t]):
        t += 1
    if t == 0:
        return None
    return "/".join(b[:len(b) - t]), "/".join(a[:len(a) - t])


def _rewrite(name, h):
    """The checkpoint name as it would read under hypothesis h (None if it lacks h's prefix)."""
    pk, pg = h
    if pk:
        if not name.startswith(pk + "/"):
            return None
        rest = name[len(pk) + 1:]
    else:
        rest = name
    return f"{pg}/{rest}" if pg else rest


def _order(name):
    return tuple(_index(c) for c in name.split("/")), name


class _Matcher:
    def __init__(self, plan):
        self.plan = plan
        self.used = set()

    def free_vars(self):
        return [v for v in sorted(self.plan.variables) if v not in self.plan.matches and v not in self.plan.ambiguous]

    def free_keys(self):
        return [k for k in sorted(self.plan.checkpoint) if k not in self.used]

    def refuse(self, var, key, why):
        entries = self.plan.refused.setdefault(var, [])
        if all(k != key for k, _ in entries):
            entries.append((key, why))

    def accept(self, var, key, rule):
        self.plan.matches[var] = Match(var, key, rule)
        self.used.add(key)

    def run(self):
        plan = self.plan
        # 1. the same name (a ':0' or object-graph alias counts as the name)
        for var in self.free_vars():
            for key in (var,) + tuple(k for k in self.free_keys() if plan.checkpoint[k].alias == var):
                entry = plan.checkpoint.get(key)
                if entry is None or key in self.used:
                    continue
                if _fits(entry, plan.variables[var]):
                    self.accept(var, key, _describe(plan, var, key, None, []))
                    break
                self.refuse(var, key, f"{_disagree(entry, plan.variables[var])} (same name)")
        # 2. naming rules.  Every (variable, key) pair whose trailing components agree up to _N
        # suffixes has exactly one hypothesis (checkpoint prefix -> graph prefix); the hypotheses
        # that fit most variables go first.
        by_leaf = {}
        for k in self.free_keys():
            by_leaf.setdefault(_stem(plan.checkpoint[k].matching_name.rsplit("/", 1)[-1]), []).append(k)
        pairs, names = {}, {e.matching_name for e in plan.checkpoint.values()}
        for var in self.free_vars():
            for k in by_leaf.get(_stem(var.rsplit("/", 1)[-1]), ()):
                h = hypothesis(var, plan.checkpoint[k].matching_name)
                # a prefix that is itself a variable would rename a variable into another one's slot
                if h is not None and h[1] not in plan.variables and h[0] not in names:
                    pairs.setdefault(h, []).append((var, k))
        while True:
            free_vars, free_keys = set(self.free_vars()), set(self.free_keys())
            scored = []
            for h in sorted(pairs):
                live = [(v, k) for v, k in pairs[h] if v in free_vars and k in free_keys]
                if live:
                    result, rewritten = self.candidates(h, live)
                    if result:
                        scored.append((len(result), h, result, rewritten))
            if not scored:
                break
            top = max(s[0] for s in scored)
            self.apply([s for s in scored if s[0] == top])

    def candidates(self, h, live):
        """{var: [fitting keys]} under hypothesis h; the same stems in the same numbers pair up in
        creation order (``dense``, ``dense_1`` <- ``dense_1``, ``dense_2``)."""
        plan = self.plan
        rewritten = {k: _rewrite(plan.checkpoint[k].matching_name, h) for _, k in live}
        fitting = {}
        for v, k in live:
            if _fits(plan.checkpoint[k], plan.variables[v]):
                fitting.setdefault(v, []).append(k)
            else:
                self.refuse(v, k, f"{_disagree(plan.checkpoint[k], plan.variables[v])} "
                                  f"({_describe(plan, v, k, h, _drifts(v, rewritten[k]), bare=True)})")
        exact = {v: [k for k in ks if rewritten[k] == v] for v, ks in fitting.items()}
        taken = {k for ks in exact.values() for k in ks}
        patterns = {}
        for v, k in live:
            group = patterns.setdefault(tuple(_stem(c) for c in v.split("/")), (set(), set()))
            group[0].add(v)
            group[1].add(k)
        result = {}
        for pattern in sorted(patterns):
            gvars, gkeys = patterns[pattern]
            for v in gvars:
                if exact.get(v):
                    result[v] = exact[v]
            rest_vars = sorted((v for v in gvars if not exact.get(v)), key=_order)
            rest_keys = sorted((k for k in gkeys if k not in taken), key=lambda k: _order(rewritten[k]))
            if rest_vars and len(rest_vars) == len(rest_keys) and all(
                    _fits(plan.checkpoint[k], plan.variables[v]) for v, k in zip(rest_vars, rest_keys)):
                for v, k in zip(rest_vars, rest_keys):
                    result[v] = [k]
                continue
            for v in rest_vars:
                options = [k for k in fitting.get(v, []) if k not in taken]
                if options:   # the fewest drifted components: a slot keeps its own name (Adam vs Adam_1)
                    fewest = min(len(_drifts(v, rewritten[k])) for k in options)
                    result[v] = [k for k in options if len(_drifts(v, rewritten[k])) == fewest]
        return result, rewritten

    def apply(self, batch):
        plan = self.plan
        wanted = {}   # var -> {key: rule}
        for _, h, result, rewritten in batch:
            for var, ks in result.items():
                for k in ks:
                    wanted.setdefault(var, {})[k] = _describe(plan, var, k, h, _drifts(var, rewritten[k]))
        claims = {}
        for var, options in wanted.items():
            if len(options) == 1:
                (k, rule), = options.items()
                claims.setdefault(k, []).append((var, rule))
            else:
                plan.ambiguous[var] = sorted(options.items())
        for k, who in claims.items():
            if len(who) == 1:
                self.accept(who[0][0], k, who[0][1])
            else:
                for var, rule in who:
                    others = ", ".join(v for v, _ in who if v != var)
                    plan.ambiguous[var] = [(k, f"{rule}; the key fits {others} as well")]


def _drifts(var, rewritten):
    return [i for i, (a, b) in enumerate(zip(var.split("/"), rewritten.split("/"))) if a != b]


def _describe(plan, var, key, h, drifts, bare=False):
    """The rule that relates a variable to its checkpoint key, in words."""
    parts = []
    entry = plan.checkpoint[key]
    if entry.alias and not bare:
        parts.append(entry.alias_note)
    if h is not None:
        pk, pg = h
        if pk and pg:
            parts.append(f"scope renamed {pk}/ -> {pg}/")
        elif pk:
            parts.append(f"scope prefix {pk}/ dropped")
        elif pg:
            parts.append(f"scope prefix {pg}/ added")
    if drifts:
        comps = var.split("/")
        old = _rewrite(entry.matching_name, h or ("", "")).split("/")
        for i in drifts:
            stem = _stem(comps[i])
            parent = "/".join(comps[:i])
            if stem in DEFAULT_LAYER_NAMES:
                what = "default layer name shifted"
            elif stem in OPTIMIZER_SLOTS or parent in plan.variables:
                what = "optimizer slot name shifted"
            else:
                what = "_N suffix shifted with creation order"
            parts.append(f"{what} {old[i]} -> {comps[i]}")
    if not parts:
        return "same name"
    head = ""
    parent = var.rsplit("/", 1)[0] if "/" in var else ""
    if not bare:
        if parent in plan.variables:
            head = f"optimizer slot of {parent}: "
        elif var.rsplit("/", 1)[-1] in ACCUMULATORS:
            head = "optimizer accumulator: "
    return head + "; ".join(parts)


def entries(manifest):
    """Tensors from a parsed manifest ({key: keys.Entry})."""
    return [Tensor(e.key, tuple(json.loads(e.shape)), e.dtype) for e in manifest.values()]


def match(variables, checkpoint):
    """A Plan from graph variables and checkpoint entries (iterables of Tensor)."""
    plan = Plan({v.name: v for v in variables}, {})
    for entry in checkpoint:
        if entry.name == OBJECT_GRAPH or entry.dtype == "string" and entry.name.endswith(OBJECT_GRAPH):
            plan.skipped.append(entry.name)
            continue
        plan.checkpoint[entry.name] = entry
    _Matcher(plan).run()
    return plan


# --- inside the worker -----------------------------------------------------------------

_READ = '''
import json as _json, os as _os

class CheckpointError(Exception):
    pass

def _open_checkpoint(path):
    if _os.path.isdir(path):
        found = tf.train.latest_checkpoint(path)
        if found is None:
            names = sorted(n[:-6] for n in _os.listdir(path) if n.endswith(".index"))
            if not names:
                raise CheckpointError("no checkpoint in directory " + path + " (no 'checkpoint' file, no *.index)")
            found = _os.path.join(path, names[-1])
        path = found
    try:
        reader = (getattr(tf.train, "load_checkpoint", None) or tf.train.NewCheckpointReader)(path)
    except Exception as exc:
        raise CheckpointError("cannot read checkpoint " + path + ": " + type(exc).__name__ + ": " +
                              str(exc).strip().splitlines()[0])
    return path, reader
'''

# Both worker programs start alike: the graph built, its variables and the variable store's,
# the checkpoint opened.
_BUILT_AND_READ = _READ + '''
_built = _build()
_found = _entries(tf.global_variables())
try:
    from tensorflow.python.ops import variable_scope as _vs
    _store = _vs._get_default_variable_store()._vars
except Exception:
    _store = {{}}
_path, _reader = _open_checkpoint({checkpoint!r})
'''

INVENTORY = _BUILT_AND_READ + '''
_shapes = _reader.get_variable_to_shape_map()
_dtypes = _reader.get_variable_to_dtype_map()
_full = {{}}
if _reader.has_tensor("{object_graph}"):
    try:
        from tensorflow.core.protobuf import trackable_object_graph_pb2 as _pb
        _graph = _pb.TrackableObjectGraph()
    except ImportError:
        from tensorflow.core.protobuf import checkpointable_object_graph_pb2 as _pb
        _graph = _pb.CheckpointableObjectGraph()
    _graph.ParseFromString(_reader.get_tensor("{object_graph}"))
    for _node in _graph.nodes:
        for _attr in _node.attributes:
            if _attr.full_name:
                _full[_attr.checkpoint_key] = _attr.full_name
print(_json.dumps({{
    "checkpoint_path": _path,
    "variables": [[k, _found[k][0], _found[k][1], k in _store or (k + "/part_0") in _store] for k in sorted(_found)],
    "checkpoint": [[k, list(_shapes[k]), _dtypes[k].name, _full.get(k)] for k in sorted(_shapes)],
}}))
'''

VERIFY = _BUILT_AND_READ + '''
import numpy as _np
_init = getattr(tf.train, "init_from_checkpoint", None) or tf.contrib.framework.init_from_checkpoint

def _reads(variable, sess):
    """The checkpoint keys the variable's initializer restores (walking up to a Restore op)."""
    start = variable.initializer   # an op; after init_from_checkpoint on a ref variable, an assign's tensor
    seen, todo = set(), [start if hasattr(start, "type") else start.op]
    while todo and len(seen) < 500:
        op = todo.pop()
        if op.name in seen:
            continue
        seen.add(op.name)
        if op.type in ("RestoreV2", "Restore", "RestoreSlice"):
            names = _np.asarray(sess.run(op.inputs[1])).reshape(-1).tolist()
            return [n.decode("utf-8") if isinstance(n, bytes) else n for n in names]
        todo.extend(t.op for t in op.inputs)
        todo.extend(op.control_inputs)
    return None

_results, _restoring = [], []
for _key, _name in {pairs!r}:
    _r = {{"key": _key, "variable": _name}}
    _results.append(_r)
    if _name not in _found:
        _r["problem"] = "no variable " + _name + " when the function is built again"
        continue
    _parts = _found[_name][2]
    _by_name = _name in _store or (_name + "/part_0") in _store
    _target = _name if _by_name else (_parts if len(_parts) > 1 else _parts[0])
    try:
        _init(_path, {{_key: _target}})
    except Exception as exc:
        _r["problem"] = "init_from_checkpoint: " + type(exc).__name__ + ": " + str(exc).strip().splitlines()[0]
        continue
    _r["by_name"] = _by_name
    _restoring.append((_r, _parts))
with tf.Session() as _sess:
    _sess.run(tf.variables_initializer([v for _, parts in _restoring for v in parts]))
    for _r, _parts in _restoring:
        _expected = _reader.get_tensor(_r["key"])
        _ok, _why, _read = True, None, set()
        for _v in _parts:
            _got = _np.asarray(_sess.run(_v))
            _want = _expected
            _info = getattr(_v, "_save_slice_info", None)
            if _info is not None:
                _want = _expected[tuple(slice(o, o + s) for o, s in zip(_info.var_offset, _info.var_shape))]
            _want = _np.asarray(_want)
            _read.update(_reads(_v, _sess) or [])
            if _got.shape != _want.shape or _got.dtype != _want.dtype or _got.tobytes() != _want.tobytes():
                _ok = False
                _why = ("restored value differs from the checkpoint tensor (restored %s %s, checkpoint %s %s)"
                        % (list(_got.shape), _got.dtype, list(_want.shape), _want.dtype))
        _r["equal"] = _ok
        _r["reads"] = sorted(_read)
        if _why:
            _r["problem"] = _why
        elif _r["reads"] != [_r["key"]]:
            _r["equal"] = False
            _r["problem"] = "its initializer reads %s, not the mapped key" % (_r["reads"] or "no checkpoint key")
print(_json.dumps(_results))
'''


def _target_of(path):
    """The checkpoint path as given, or CheckpointError (one line) when nothing is there."""
    p = os.path.abspath(path)
    if os.path.isdir(p):
        return p
    if os.path.exists(p + ".index") or os.path.isfile(p) or \
            any(n.startswith(os.path.basename(p) + ".data-") for n in _listdir(os.path.dirname(p))):
        return p
    raise CheckpointError(f"no checkpoint at {path}: neither a directory nor a checkpoint prefix "
                          f"({os.path.basename(p)}.index not found)")


def _listdir(d):
    try:
        return os.listdir(d)
    except OSError:
        return []


def _last_json(lines, what):
    for line in reversed(lines):
        if line.startswith(("{", "[")):
            return json.loads(line)
    raise keys.BuildError(f"{what}: the worker printed no result (the function printed: {' | '.join(lines[-3:])})")


def _checkpoint_failure(exc):
    text = str(exc)
    marker = "raised while building the graph: CheckpointError: "
    if marker in text:
        return CheckpointError(text.split(marker, 1)[1])
    return None


def inventory(checkpoint, target, **options):
    """(resolved checkpoint path, [graph Tensor], [checkpoint Tensor]) from one worker run."""
    path = _target_of(checkpoint)
    tail = INVENTORY.format(checkpoint=path, object_graph=OBJECT_GRAPH)
    try:
        lines = keys.run(target, tail, **options)
    except keys.BuildError as exc:
        raise _checkpoint_failure(exc) or exc
    data = _last_json(lines, f"reading {checkpoint}")
    variables = [Tensor(k, tuple(s), d, in_store=bool(st)) for k, s, d, st in data["variables"]]
    entries = []
    for k, s, d, full in data["checkpoint"]:
        alias = note = None
        if full and full != k:
            alias, note = full, f"object-based key; its object graph names the variable {full}"
        elif k.endswith(":0"):
            alias, note = k[:-2], "the checkpoint key carries the tensor suffix :0"
        entries.append(Tensor(k, tuple(s), d, alias, note))
    return data["checkpoint_path"], variables, entries


def verify(path, plan, target, **options):
    """Restore through init_from_checkpoint with the plan's map in a fresh build: one result per key."""
    pairs = sorted(plan.assignment_map.items())
    if not pairs:
        return []
    tail = VERIFY.format(checkpoint=path, pairs=[list(p) for p in pairs])
    try:
        lines = keys.run(target, tail, what="verifying the plan: building", **options)
    except keys.BuildError as exc:
        raise _checkpoint_failure(exc) or exc
    return _last_json(lines, "verifying the plan")


@dataclass
class Outcome:
    checkpoint: str
    plan: Plan
    results: list          # verification results, one per mapped key

    @property
    def verified(self):
        return bool(self.results) and all(r.get("equal") and not r.get("problem")
                                          for r in self.results) and len(self.results) == len(self.plan.matches)

    @property
    def by_object(self):
        """Mapped variables init_from_checkpoint cannot find by name (not in the get_variable store)."""
        return [r["variable"] for r in self.results if r.get("equal") and not r.get("by_name")]

    @property
    def ok(self):
        return self.verified and not self.plan.unmatched

    def as_json(self):
        return {"assignment_map": self.plan.assignment_map, "unmatched_variables": self.plan.unmatched,
                "unused_checkpoint_keys": self.plan.unused, "verified": self.verified}


def restore_plan(checkpoint, target, **options):
    """Build, read, match and verify: an Outcome.  CheckpointError / keys.BuildError for bad input."""
    from .runner import WorkerPool

    own = options.get("pool") is None
    if own:
        options["pool"] = WorkerPool(timeout=options.pop("timeout", None))
    else:
        options.pop("timeout", None)
    try:
        path, variables, entries = inventory(checkpoint, target, **options)
        plan = match(variables, entries)
        results = verify(path, plan, target, **options)
    finally:
        if own:
            options["pool"].close()
    return Outcome(path, plan, results)


def _few(names, n=2):
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def render(outcome, target):
    """The plan in words, one line per variable, then the map and the verdict."""
    plan, lines = outcome.plan, []
    results = {r["key"]: r for r in outcome.results}
    width = max((len(v) for v in plan.variables), default=0)
    lines.append(f"checkpoint {outcome.checkpoint}: {len(plan.checkpoint)} keys; {target}: "
                 f"{len(plan.variables)} variables")
    lines.append("")
    lines.append(f"matched {len(plan.matches)} of {len(plan.variables)} variables (variable <- checkpoint key: rule):")
    for var in sorted(plan.matches):
        m = plan.matches[var]
        r = results.get(m.key, {})
        mark = "NOT VERIFIED" if not r else "FAILED" if not r.get("equal") else \
            "restored" if r.get("by_name") else "restored as object"
        lines.append(f"  {var:{width}} <- {m.key}: {m.rule}  [{mark}]")
        if r.get("problem"):
            lines.append(f"  {'':{width}}    {r['problem']}")
    if plan.unmatched:
        lines.append("")
        lines.append(f"unmatched variables ({len(plan.unmatched)}): nothing in the checkpoint restores them")
        for var in plan.unmatched:
            lines.append(f"  {plan.variables[var].described}")
            near = plan.nearest(var)
            if not near:
                lines.append("      the checkpoint has no keys to compare with")
            elif all(why.startswith("restores ") for _, why in near):
                lines.append(f"      every checkpoint key restores another variable; nearest by name: "
                             f"{', '.join(key for key, _ in near)}")
            else:
                for key, why in near:
                    lines.append(f"      nearest: {plan.checkpoint[key].described}: {why}")
    unused = plan.unused
    lines.append("")
    for name in plan.skipped:
        lines.append(f"({name} is the object graph of an object-based checkpoint, not a variable)")
    if unused:
        lines.append(f"checkpoint keys nothing uses ({len(unused)}):")
        lines += [f"  {plan.checkpoint[k].described}" for k in unused]
    else:
        lines.append("checkpoint keys nothing uses: none")
    lines.append("")
    lines.append("assignment_map for tf.compat.v1.train.init_from_checkpoint(checkpoint, assignment_map):")
    amap = plan.assignment_map
    if amap:
        lines.append("  {" + ",\n   ".join(f"{k!r}: {v!r}" for k, v in amap.items()) + "}")
    else:
        lines.append("  {}  (no variable matched)")
    lines.append("")
    objects = outcome.by_object
    if objects:
        lines.append(f"init_from_checkpoint finds a variable by name only in the get_variable store; "
                     f"{len(objects)} of these are not there")
        lines.append(f"  ({_few(objects)}: optimizer slots, which the store keeps as 'NAME/', tf.Variable, "
                     f"Keras weights), so pass every variable as an object:")
        lines.append("    variables = {v.op.name: v for v in tf.compat.v1.global_variables()}")
        lines.append("    tf.compat.v1.train.init_from_checkpoint(checkpoint, "
                     "{key: variables[name] for key, name in assignment_map.items()})")
        lines.append("")
    failed = [r for r in outcome.results if not r.get("equal")]
    if not outcome.results:
        lines.append("not verified: the map is empty")
    elif not failed:
        how = "as above" if objects else "with this map"
        lines.append(f"verified: init_from_checkpoint {how} restored all {len(outcome.results)} mapped variables, "
                     f"each from its key, equal to the checkpoint's tensors")
    else:
        lines.append(f"NOT verified: {len(failed)} of {len(outcome.results)} mapped variables did not restore "
                     f"to the checkpoint's value (see above)")
    n_un = len(plan.unmatched)
    if outcome.ok:
        lines.append(f"restore-plan: ok: every variable matched and verified ({len(plan.matches)})")
    else:
        why = []
        if n_un:
            why.append(f"{n_un} variable{'s' if n_un != 1 else ''} unmatched")
        if failed or not outcome.results:
            why.append("the map is not verified")
        lines.append(f"restore-plan: incomplete: {', '.join(why)}")
    return lines
