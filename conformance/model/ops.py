"""Graphs, operations, tensors, name scopes and collections (TF's framework/ops.py).

The rules of naming that everything else builds on, as TF 2.21 implements them:

* ``Graph.unique_name`` keys names case-insensitively but keeps the caller's case: after
  ``name_scope("A")``, ``name_scope("a")`` is ``a_1``.  Every op name and every new name
  scope marks its name in use, so a variable (op ``a``) makes a later ``name_scope("a")``
  ``a_1``; ops made under a variable (``a/read``, ``a/Initializer/...``) are marked too.
* A name ending in '/' is a scope captured earlier (``with name_scope(...) as scope``):
  entering it re-enters that scope exactly, and an op given such a name (the op-building
  functions name their op after their name scope) gets it without the '/', *without*
  marking it in use.  Such an op can therefore clash with an existing node: TF's C API
  refuses it (case-sensitively, against every node of the graph) with ``ValueError:
  Duplicate node name in graph: 'a'`` (before 1.8 the Python graph's ``cannot add op with
  name a as that name is already used``); the names marked and the ops made before stay.
* ``name_scope(None)`` and ``name_scope('')`` go back to the root.
"""
import re
import sys

from .context import OutsideModel, state
from .releases import profile
from .tensor_shape import make_shape

_VALID_OP_NAME_REGEX = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_VALID_SCOPE_NAME_REGEX = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


class GraphKeys:
    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    QUEUE_RUNNERS = "queue_runners"
    TABLE_INITIALIZERS = "table_initializer"
    ASSET_FILEPATHS = "asset_filepaths"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    REGULARIZATION_LOSSES = "regularization_losses"
    CONCATENATED_VARIABLES = "concatenated_variables"
    SAVERS = "savers"
    WEIGHTS = "weights"
    BIASES = "biases"
    ACTIVATIONS = "activations"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SAVEABLE_OBJECTS = "saveable_objects"
    RESOURCES = "resources"
    LOCAL_RESOURCES = "local_resources"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    READY_OP = "ready_op"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    SUMMARY_OP = "summary_op"
    GLOBAL_STEP = "global_step"
    EVAL_STEP = "eval_step"
    TRAIN_OP = "train_op"
    COND_CONTEXT = "cond_context"
    WHILE_CONTEXT = "while_context"


def get_default_graph():
    graphs = state.graphs  # the hottest call of the model: no helper calls
    if not graphs:
        raise OutsideModel("no default model Graph: run programs inside `with Graph(mode).as_default():`")
    return graphs[-1]


class _GraphContext:
    __slots__ = ("graph",)

    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        state.graphs.append(self.graph)
        return self.graph

    def __exit__(self, *exc):
        graphs = state.graphs
        if exc[0] is not None and self.graph.rel.graph_switch == "nesting" and len(graphs) > 1 \
                and graphs[-2] is not self.graph:
            raise OutsideModel(f"an error leaving nested default graphs on TF {self.graph.rel.version}")
        if graphs and graphs[-1] is self.graph:
            graphs.pop()
        else:  # pragma: no cover - TF's own assertion, loosely
            raise AssertionError("Nesting violated for default stack of <class 'Graph'> objects")
        return False


_NOT_IN_TF = "'{}' object has no attribute '{}'"


class _Strict:
    """Attributes the model does not know raise OutsideModel; those TF's class does not have
    either (``_ABSENT``) raise TF's AttributeError."""
    __slots__ = ()
    _ABSENT = frozenset()

    def __getattr__(self, attr):
        if attr in self._ABSENT:
            raise AttributeError(_NOT_IN_TF.format(type(self).__name__, attr))
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"{type(self).__name__}.{attr}")


_new_object = object.__new__


# ----------------------------------------------------------------------------- classes by release

_CLASSES = {}  # (profile, class name) -> the class a program gets in that release
CLASS_MAKERS = {}  # class name -> function(profile) -> class; each module registers its own


def class_for(rel, name):
    """The class ``name`` as release ``rel`` has it (releases.py): renamed, or without attributes
    that appeared later."""
    cls = _CLASSES.get((rel, name))
    if cls is None:
        cls = _CLASSES[(rel, name)] = CLASS_MAKERS[name](rel)
    return cls


def _from_program():
    """Is the attribute being read by a program's own code (compiled as ``<name>``)?"""
    return sys._getframe(2).f_code.co_filename[:1] == "<"


def release_class(cls, rel, owner, name=None):
    """``cls`` as release ``rel`` shows it to programs: named ``name``, and without the attributes
    ``releases.ADDED`` says appeared later for ``owner`` (reading one from a program's code raises
    TF's AttributeError; the model's own code still reads them)."""
    absent = rel.absent.get(owner, frozenset())
    name = name or cls.__name__
    if not absent and name == cls.__name__:
        return cls
    attrs = {"__slots__": (), "__module__": cls.__module__, "__qualname__": name}
    if absent:
        attrs["_ABSENT"] = cls._ABSENT | absent

        def __getattribute__(self, attr):
            if attr in absent and _from_program():
                raise AttributeError(_NOT_IN_TF.format(name, attr))
            return object.__getattribute__(self, attr)
        attrs["__getattribute__"] = __getattribute__
    return type(name, (cls,), attrs)


class Operation(_Strict):
    __slots__ = ("name", "type", "graph", "device", "outputs")
    _ABSENT = frozenset({"eval", "numpy", "shape", "dtype"})

    def __init__(self, name, type_, graph, device):
        self.name = name
        self.type = type_
        self.graph = graph
        self.device = device
        self.outputs = []

    def values(self):
        return tuple(self.outputs)

    def run(self, feed_dict=None, session=None):
        from .session import run_operation
        run_operation(self, feed_dict, session)

    def __repr__(self):
        return f"<tf.Operation '{self.name}' type={self.type}>"

    def __str__(self):
        return f'name: "{self.name}"\nop: "{self.type}"'


class Tensor(_Strict):
    """TF's ``tf.Tensor`` base class; graph tensors are ``SymbolicTensor``s.

    ``deps``: what a Session would need to compute the tensor: None when it depends on
    constants and random ops only, else a frozenset of the placeholders and variables it reads.
    ``alias``/``aliases``: set by tf_slim's collect_named_outputs, as on TF's tensors.
    """
    __slots__ = ("op", "name", "dtype", "shape", "value_index", "deps", "alias", "aliases")
    _ABSENT = frozenset({"run", "numpy", "alias", "aliases"})

    @property
    def graph(self):
        return self.op.graph

    @property
    def device(self):
        return self.op.device

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        from .tensor_shape import as_shape
        new = as_shape(shape, self.shape._v1)
        if not self.shape.is_compatible_with(new):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied shape {new}.")
        self.shape = self.shape.merge_with(new)

    def eval(self, feed_dict=None, session=None):
        from .session import run_tensor
        return run_tensor(self, feed_dict, session)

    def __str__(self):
        shape = f", shape={self.shape}" if self.shape._dims is not None else ""
        return f'Tensor("{self.name}"{shape}, dtype={self.dtype.name})'

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    __hash__ = object.__hash__
    __eq__ = object.__eq__  # graph tensors compare by identity (TF1, and TF2 inside a tf.Graph)

    def __bool__(self):
        raise TypeError("Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt the "
                        "following resolutions to the problem: If you are running in Graph mode, use Eager "
                        "execution mode or decorate this function with @tf.function. If you are using AutoGraph, "
                        "you can try decorating this function with @tf.function. If that does not work, then you "
                        "may be using an unsupported feature or your source code may not be visible to AutoGraph. "
                        "See https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/"
                        "reference/limitations.md#access-to-source-code for more information.")

    def __iter__(self):
        raise OutsideModel("iterating over a tensor")

    def __len__(self):
        raise OutsideModel("len() of a tensor")

    # operators (+, *, [], ...) are defined by math_ops, as in TF


class SymbolicTensor(Tensor):
    __slots__ = ()


def new_tensor(op, dtype, shape, deps=None):
    """A tensor: output ``len(op.outputs)`` of ``op``."""
    t = _new_object(op.graph._tensor_cls)
    t.op = op
    t.value_index = i = len(op.outputs)
    t.name = f"{op.name}:{i}"
    t.dtype = dtype
    t.shape = shape
    t.deps = deps
    op.outputs.append(t)
    return t


class Graph(_Strict):
    """``tf.Graph`` restricted to names, devices, collections and the variable stores."""
    __slots__ = ("mode", "v1", "rel", "_ci", "_tensor_cls", "_ref_cls", "_res_cls", "_names_in_use", "_name_stack", "_collections", "_ops",
                 "_devices", "_device", "_colocation", "_creators", "_finalized", "seed", "_last_id", "_layer_names",
                 "_inexact", "_initializes", "__weakref__")

    def __init__(self, mode="v1", release=None):
        if mode not in ("v1", "graph"):
            raise OutsideModel(f"mode {mode!r} (the model covers v1 and graph)")
        self.mode = mode
        self.v1 = mode == "v1"  # read whenever a shape is made: an attribute, not a property
        self.rel = rel = profile(release)  # what the release does (releases.py)
        why = rel.not_available(mode)
        if why:
            raise OutsideModel(f"TensorFlow {rel.version}: {why}")
        self._ci = rel.case_insensitive_names
        self._tensor_cls = SymbolicTensor if rel.tensor_class == "SymbolicTensor" else Tensor
        self._ref_cls = class_for(rel, "RefVariable")
        self._res_cls = class_for(rel, "ResourceVariable")
        cls = class_for(rel, "Graph")
        if cls is not Graph:
            self.__class__ = cls
        self._names_in_use = {}
        self._name_stack = ""
        self._collections = {}
        self._ops = {}  # name -> Operation (or its type: see _children), in creation order
        self._devices = []  # the device stack: device.DeviceSpec or a function, innermost last
        self._device = ""  # the device of a new op, or None if a device function decides
        self._colocation = []  # colocate_with stack, innermost last
        self._creators = []  # variable_creator_scope stack, innermost last
        self._layer_names = {}  # Keras layer-name counters (backend.unique_object_name)
        self._inexact = None  # why the op list is not exact (ops the model only approximates), if so
        self._initializes = {}  # variables_initializer's ops -> their variables (what a Session may run)
        state.created.append(self)
        self._finalized = False
        self.seed = None
        self._last_id = 0

    def as_default(self):
        return _GraphContext(self)

    # -- names
    def unique_name(self, name, mark_as_used=True):
        if self._name_stack:
            name = self._name_stack + "/" + name
        names = self._names_in_use
        name_key = name.lower() if self._ci else name
        i = names.get(name_key, 0)
        if mark_as_used:
            names[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in names:
                name_key = "%s_%d" % (base_name_key, i)
                i += 1
            if mark_as_used:
                names[name_key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def _unique(self, name):
        """``unique_name`` of a full name (the name stack already prefixed), marking it in use."""
        names = self._names_in_use
        key = name.lower() if self._ci else name
        i = names.get(key, 0)
        names[key] = i + 1
        if not i:
            return name
        return self._collision(name, key, i)

    def _collision(self, name, key, i):
        """The rest of ``unique_name`` when ``name`` was used ``i`` > 0 times: the first free
        ``name_<j>``, j >= i (keys compared in lower case)."""
        names = self._names_in_use
        base = key
        while key in names:
            key = "%s_%d" % (base, i)
            i += 1
        names[key] = 1
        return "%s_%d" % (name, i - 1)

    def _push_scope(self, name):
        """Enter ``name_scope(name)`` for an internal name (valid, non-empty, no trailing '/'):
        returns the name stack to restore and the scope string."""
        old = self._name_stack
        self._name_stack = new = self._unique(old + "/" + name if old else name)
        if not old or old in _VALID_NAMES:
            _valid_stack(new)
        return old, new + "/"

    def get_name_scope(self):
        return self._name_stack

    def name_scope(self, name):
        return _GraphNameScope(self, name)

    # -- ops
    def _op(self, name, type_):
        """``Graph._create_op_internal`` naming: a trailing '/' names the op exactly (without
        marking it), anything else goes through ``unique_name``."""
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        if name[-1:] == "/":
            name = name[:-1]
            if name not in _VALID_NAMES:
                _check_op_name(self, name)
        else:
            # the node-name check of the full name, by parts: the name stack and the new part
            stack = self._name_stack
            if stack:
                if name not in _VALID_PARTS or stack not in _VALID_NAMES:
                    try:
                        _check_op_name(self, stack + "/" + name, name)
                    except ValueError:
                        self._refuse(stack + "/" + name)
                name = stack + "/" + name
            elif name not in _VALID_PARTS:
                try:
                    _check_op_name(self, name, name)
                except ValueError:
                    self._refuse(name)
            names = self._names_in_use  # unique_name, inlined: the model's hottest code
            key = name.lower() if self._ci else name
            i = names.get(key, 0)
            names[key] = i + 1
            if i:
                name = self._collision(name, key, i)
        ops = self._ops
        if name in ops:
            self._duplicate(name)
        op = ops[name] = _new_object(Operation)  # Operation(name, type_, self, device), without a frame
        op.name = name
        op.type = type_
        op.graph = self
        device = self._device
        op.device = device if device is not None and not self._colocation else self._device_of(name, type_)
        op.outputs = []
        return op

    def _refuse(self, name):
        """Refuse an op named ``name`` (a full name, not a valid node name) as TF does: its
        ``_create_op_internal`` takes ``unique_name(name)``, marking it in use, and only then does
        the node-name check refuse it.  So a refused name is used up, and the error names the
        unique name: a second op named '' is refused as '_1', a second 'a b' as 'a b_1'."""
        _check_op_name(self, self._unique(name))  # raises: a suffix '_<n>' leaves a name invalid
        raise AssertionError(f"{name!r} refused, but not its unique name")

    def _gen_scope(self, name, type_):
        """The name scope a generated op (op_def_library) opens for ``name``: ``name or type_``,
        except that up to 2.8 (empty_op_name) '' stays '', the root, and the op named '' there is
        refused (after its inputs were converted at the root)."""
        if name == "" and self.rel.empty_op_name == "invalid":
            return ""
        return name or type_

    def _duplicate(self, name):
        """TF refuses a second node named ``name`` (see duplicate_node_error in releases.py)."""
        if self.rel.duplicate_node_error == "python graph":
            raise ValueError(f"cannot add op with name {name} as that name is already used")
        raise ValueError(f"Duplicate node name in graph: '{name}'")

    def _op_in(self, scope, name, type_):
        """``_op(name, type_)`` with the name stack ``scope[:-1]``, for a ``name`` of the model's own
        (valid, without '/'): the usual case, a scope the model just made, in fewer steps."""
        if self._finalized or scope[:-1] not in _VALID_NAMES:
            old = self._name_stack
            self._name_stack = scope[:-1]
            try:
                return self._op(name, type_)
            finally:
                self._name_stack = old
        name = scope + name
        names = self._names_in_use
        key = name.lower() if self._ci else name
        i = names.get(key, 0)
        names[key] = i + 1
        if i:
            name = self._collision(name, key, i)
        ops = self._ops
        if name in ops:
            self._duplicate(name)
        op = ops[name] = _new_object(Operation)
        op.name = name
        op.type = type_
        op.graph = self
        device = self._device
        op.device = device if device is not None and not self._colocation else self._device_of(name, type_)
        op.outputs = []
        return op

    def _children(self, scope, children):
        """The ops ``children`` (``(name, type)`` pairs of valid names, none ending in '/') made in
        the name scope ``scope`` (a valid node name): each ``_op(name, type)``.  Without a device,
        an op nothing has asked for yet is only its type in ``_ops`` (see ``_operation``)."""
        if self._finalized or self._device != "" or self._colocation or scope not in _VALID_NAMES:
            old = self._name_stack
            self._name_stack = scope
            try:
                for name, type_ in children:
                    self._op(name, type_)
            finally:
                self._name_stack = old
            return
        names = self._names_in_use
        ops = self._ops
        scope += "/"
        ci = self._ci
        for name, type_ in children:
            name = scope + name
            key = name.lower() if ci else name
            i = names.get(key, 0)
            names[key] = i + 1
            if i:
                name = self._collision(name, key, i)
            if name in ops:
                self._duplicate(name)
            ops[name] = type_

    def _operation(self, name):
        """The op named ``name``, or None: made now if it is still only its type (``_children``)."""
        op = self._ops.get(name)
        if type(op) is str:
            op = self._ops[name] = Operation(name, op, self, "")
        return op

    def _gen_op(self, name, type_):
        """A generated op (op_def_library) with nothing converted inside its name scope:
        ``with name_scope(name or type_) as scope`` and an op named ``scope``."""
        if not name:
            if name == "" and self.rel.empty_op_name == "invalid":  # name_scope(''): the root, op name ''
                self._refuse("")
            name = type_
        elif type(name) is not str or name not in _VALID_ROOT_SCOPES:
            if not (type(name) is str and name[-1] == "/" and name[:-1] in _VALID_NAMES):
                name = _check_scope_name(self, name)
        return self._op(name, type_)

    def _device_of(self, name, type_):
        device = ""
        for spec in reversed(self._devices):  # innermost first, as TF's _apply_device_functions
            if spec is None:
                break
            if callable(spec):
                device = spec(_NodeDef(name, type_, device))
                device = "" if device is None else _device_string(device)
            else:
                device = spec.merged_into(device)
        for op in reversed(self._colocation):
            if op is None:
                break
            if op.device:
                return op.device
        return device

    def _template(self, scope, children, type_):
        """The ops of an op-building function: ``with name_scope(None, scope) as s`` holding ops
        ``children`` (``(name, type)`` pairs), then an op of type ``type_`` named ``s``.  Returns it."""
        stack = self._name_stack
        full = self._unique(stack + "/" + scope if stack else scope)
        if not stack or stack in _VALID_NAMES:
            _valid_stack(full)
        self._children(full, children)
        return self._op(full + "/", type_)

    def _tensor(self, name, type_, dtype, shape, deps=None):
        """An op with one output: the op-building functions' ``with name_scope(name) as scope``
        and an op named by the scope, when nothing else is made inside the scope."""
        return new_tensor(self._op(name, type_), dtype, shape, deps)

    def _scoped(self, scope, children, type_=None):
        """Ops made inside a new name scope ``scope`` (a name under the current scope), and, given
        ``type_``, then an op named after the scope (as op-building functions name their op).
        Each child is ``"Name:Type"`` or a nested ``(scope, children[, type_])``.  Returns the op
        named after the scope, else the last op made directly in it (None if none)."""
        if self._name_stack:
            scope = self._name_stack + "/" + scope
        old = self._name_stack
        self._name_stack = full = self._unique(scope)
        last = None
        try:
            for child in children:
                if type(child) is str:
                    name, child_type = child.split(":")
                    last = self._op(name, child_type)
                else:
                    self._scoped(*child)
        finally:
            self._name_stack = old
        if type_ is not None:
            return self._op(full + "/", type_)
        return last

    def get_operations(self):
        if self._inexact:
            raise OutsideModel(f"the graph's op list after {self._inexact}")
        ops = self._ops
        return [op if type(op) is not str else self._operation(name) for name, op in list(ops.items())]

    def _op_names(self):
        """``[op.name for op in get_operations()]``."""
        if self._inexact:
            raise OutsideModel(f"the graph's op list after {self._inexact}")
        return list(self._ops)

    def get_operation_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError(f"Operation names are strings (or similar), not {type(name).__name__}.")
        op = self._operation(name)
        if op is None:
            raise KeyError(f"The name {name!r} refers to an Operation not in the graph.")
        return op

    def get_tensor_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError(f"Tensor names are strings (or similar), not {type(name).__name__}.")
        op_name, colon, idx = name.partition(":")
        if not colon:
            raise ValueError(f"The name {name!r} looks a like an Operation name, not a Tensor name; tensor "
                             f"names must be of the form \"<op_name>:<output_index>\".")
        op = self._operation(op_name)
        if op is None:
            raise KeyError(f"The name {name!r} refers to a Tensor which does not exist. The operation, "
                           f"{op_name!r}, does not exist in the graph.")
        if not idx.isdigit() or int(idx) >= len(op.outputs):
            raise OutsideModel(f"get_tensor_by_name({name!r}): an output the model does not keep")
        return op.outputs[int(idx)]

    def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        if isinstance(obj, (Tensor, Operation)) or hasattr(type(obj), "_as_graph_element"):
            return obj
        raise OutsideModel("as_graph_element of this object")

    def finalize(self):
        self._finalized = True

    @property
    def finalized(self):
        return self._finalized

    @property
    def building_function(self):
        return False

    @property
    def version(self):
        return len(self._ops)

    # -- devices, colocation, control dependencies (no effect on names)
    def device(self, device_name_or_function):
        return _DeviceScope(self, device_name_or_function)

    def colocate_with(self, op, ignore_existing=False):
        return _ColocationScope(self, op, ignore_existing)

    def control_dependencies(self, control_inputs):
        return _ControlDependencies(control_inputs)

    # -- collections
    def add_to_collection(self, name, value):
        coll = self._collections.get(name)
        if coll is None:
            self._collections[name] = [value]
        else:
            coll.append(value)

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection_ref(self, name):
        coll = self._collections.get(name)
        if coll is None:
            coll = self._collections[name] = []
        return coll

    def get_collection(self, name, scope=None):
        coll = self._collections.get(name)
        if coll is None:
            return []
        if scope is None:
            return list(coll)
        regex = re.compile(scope)
        out = []
        for item in coll:
            try:
                if regex.match(item.name):
                    out.append(item)
            except (AttributeError, OutsideModel):
                pass
        return out

    def get_all_collection_keys(self):
        return [k for k in self._collections if isinstance(k, str)]

    @property
    def collections(self):
        return list(self._collections)

    def clear_collection(self, name):
        self._collections.pop(name, None)

    def __repr__(self):
        return f"<tensorflow.python.framework.ops.Graph object at 0x{id(self):x}>"


CLASS_MAKERS["Graph"] = lambda rel: release_class(Graph, rel, "Graph")


# Caches of the node-name check (bounded): full names and name stacks known to be valid node
# names, and parts known to be valid after a '/' (or at the root: _VALID_PARTS holds only parts
# valid at the root too)
_VALID_NAMES = set()
_VALID_PARTS = set()
_VALID_ROOT_SCOPES = set()  # scope names valid at the root, hence anywhere (a cache of the regexes)


def _cacheable(name):
    """Names go into the caches above only if every release's regexes accept them: earlier releases
    refuse a backslash (before 2.3) and '>' (before 2.0), which later ones allow."""
    return "\\" not in name and ">" not in name


def _valid_stack(name):
    """A new name scope ``name``, its last part validated (at the root by the node-name regex, else
    by the scope-name regex) under a valid node name: so a valid node name itself."""
    if len(_VALID_NAMES) > 100000:
        _VALID_NAMES.clear()
    if "\\" not in name and ">" not in name:
        _VALID_NAMES.add(name)


def _check_op_name(g, name, part=None):
    """TF's node-name check (``Operation.from_node_def``); ``name`` is ``<stack>/<part>`` or ``part``."""
    regex = g.rel.op_name_regex
    if name not in _VALID_NAMES:
        if not regex.match(name):
            if g.rel.node_name_error == "short":
                raise ValueError(f"'{name}' is not a valid node name")
            raise ValueError(f"`{name}` is not a valid node name. "
                             f"Accepted names conform to Regex /{regex}/")
        if len(_VALID_NAMES) > 100000:
            _VALID_NAMES.clear()
        if _cacheable(name):
            _VALID_NAMES.add(name)
    if part is not None:
        if name != part:
            stack = name[:len(name) - len(part) - 1]
            if _cacheable(stack):
                _VALID_NAMES.add(stack)  # a valid node name followed by '/' and a valid part
        # a part at the root too (name == part): cached, later ops of that name skip this check
        if regex.match(part) and _cacheable(part):
            if len(_VALID_PARTS) > 100000:
                _VALID_PARTS.clear()
            _VALID_PARTS.add(part)


def _check_scope_name(g, name):
    """Graph.name_scope's validation of a non-empty name; returns it as a str."""
    if type(name) is not str:
        if isinstance(name, bytes):
            name = name.decode()
        elif not isinstance(name, str):
            raise OutsideModel(f"name_scope({name!r})")
    if name in _VALID_ROOT_SCOPES:
        return name
    rel = g.rel
    if g._name_stack:
        if not rel.scope_name_regex.match(name):
            if rel.name_errors == "short":
                raise ValueError(f"'{name}' is not a valid scope name")
            raise ValueError(f"'{name}' is not a valid scope name. A scope name has to match "
                             f"the following pattern: {rel.scope_name_regex.pattern}")
    elif not rel.op_name_regex.match(name):
        if rel.name_errors == "short":
            raise ValueError(f"'{name}' is not a valid scope name")
        raise ValueError(f"'{name}' is not a valid root scope name. A root scope name has "
                         f"to match the following pattern: {rel.op_name_regex.pattern}")
    if rel.op_name_regex.match(name) and _cacheable(name):  # valid at the root, so valid anywhere
        if len(_VALID_ROOT_SCOPES) > 100000:
            _VALID_ROOT_SCOPES.clear()
        _VALID_ROOT_SCOPES.add(name)
    return name


def _enter_name_scope(g, name):
    """Enter ``Graph.name_scope(name)``: returns the scope string; the caller keeps the name stack
    to restore.  None and '' go to the root, a name ending in '/' re-enters that scope exactly,
    anything else opens a new scope named ``unique_name(name)``."""
    if not name:
        g._name_stack = g.rel.root_name_stack
        return ""
    if type(name) is not str or name not in _VALID_ROOT_SCOPES:
        name = _check_scope_name(g, name)
    if name[-1] == "/":
        g._name_stack = name[:-1]
        return name
    old = g._name_stack
    g._name_stack = name = g._unique(old + "/" + name if old else name)
    if not old or old in _VALID_NAMES:
        _valid_stack(name)
    return name + "/"


class _GraphNameScope:
    """``Graph.name_scope(name)`` as ``internal_name_scope_v1`` (tf.name_scope in a graph, and the
    name scope of a variable scope) uses it: a generator context made anew on each entry.

    Re-entering the object while it is entered drops the previous generator, and CPython closes
    it at once: its ``finally`` restores the name stack to what it was before that entry, and
    only then does the new entry run.  So ``with ns: with ns:`` enters the second scope from
    where the first started (``a`` then ``a_1``, not ``a/a``), and the second exit ends both:
    the outer exit finds an exhausted generator and does nothing."""
    __slots__ = ("graph", "name", "_old", "_active")

    def __init__(self, graph, name):
        self.graph = graph
        self.name = name
        self._active = False

    def check(self):
        return _check_scope_name(self.graph, self.name)

    def __enter__(self):
        g = self.graph
        if self._active:  # the previous entry's generator, closed
            g._name_stack = self._old
            self._active = False
        old = g._name_stack
        scope = _enter_name_scope(g, self.name)
        self._old = old
        self._active = True
        return scope

    def __exit__(self, *exc):
        if self._active:
            self.graph._name_stack = self._old
            self._active = False
        return False


def _assert_same_graph(original, item):
    original_graph = getattr(original, "graph", None)
    graph = getattr(item, "graph", None)
    if original_graph and graph and original_graph is not graph:
        wording = get_default_graph().rel.same_graph_error
        if wording == "short":
            raise ValueError("%s must be from the same graph as %s." % (item, original))
        if wording == "pygraph":
            raise OutsideModel("TF 2.13's error naming two graphs (PyGraph<address>, not masked)")
        raise ValueError("%s must be from the same graph as %s (graphs are %s and %s)."
                         % (item, original, graph, original_graph))


def graph_from_inputs(values):
    """``ops._get_graph_from_inputs``: the graph of the first tensor, operation or variable among
    ``values`` (all of them must share it), else the default graph."""
    default = get_default_graph()
    graph = original = None
    for value in tuple(values):
        if isinstance(value, (Operation, Tensor)):
            element = value
        else:
            convert = getattr(type(value), "_as_graph_element", None)
            element = convert(value) if convert is not None else None
        if element is not None:
            if graph is None:
                original = element
                graph = element.graph
            else:
                _assert_same_graph(original, element)
    return graph or default


class name_scope:  # noqa: N801 - tf.compat.v1.name_scope (internal_name_scope_v1 in graph mode)
    """Re-entered while entered, it behaves as _GraphNameScope says (TF keeps a generator context
    per entry).  With ``values`` it enters the values' graph (they must share one)."""
    __slots__ = ("_name", "_default_name", "_values", "_graph", "_old", "_active", "_switched", "_used")

    def __init__(self, name, default_name=None, values=None):
        if not (default_name is None or isinstance(default_name, str)) and get_default_graph().rel.checks_scope_arguments:
            raise TypeError("`default_name` type (%s) is not a string type. You likely meant to "
                            "pass this into the `values` kwarg." % type(default_name))
        self._name = default_name if name is None else name
        self._default_name = default_name
        self._values = values
        self._active = False
        self._switched = None
        self._used = False

    @property
    def name(self):
        return self._name

    def __enter__(self):
        g = get_default_graph()
        reentry = g.rel.name_scope_reentry
        if reentry != "again":  # how earlier releases' name_scope objects take a second entry
            if reentry == "generator" and self._used:
                # next() on its generator: suspended at its yield (still entered), it runs to its end first,
                # leaving the name scope and the graph as a normal exit does; the later __exit__ does nothing
                if self._active:
                    self._graph._name_stack = self._old
                    self._active = False
                if self._switched is not None:
                    self._switched.__exit__(None, None, None)
                    self._switched = None
                raise RuntimeError("generator didn't yield")
            self._used = True
        if self._name is None and self._values is not None:
            raise ValueError("At least one of name (%s) and default_name (%s) must be provided."
                             % (self._name, self._default_name))
        if reentry == "values kept" and self._values is None:
            self._values = []
        self._switched = None
        if self._values:
            found = graph_from_inputs(self._values)
            if found is not g:
                if g.rel.graph_switch == "nesting":
                    raise OutsideModel(f"name_scope(values) switching graphs on TF {g.rel.version}")
                g = found
                self._switched = _GraphContext(g)
                self._switched.__enter__()
        if self._active:  # the previous entry's generator, closed
            self._graph._name_stack = self._old
            self._active = False
        old = g._name_stack
        try:
            scope = _enter_name_scope(g, self._name)
        except BaseException:
            if g.rel.graph_switch == "nesting" and self._switched is not None:
                raise OutsideModel(f"an error entering tf.name_scope of another graph on TF {g.rel.version}")
            if self._switched is not None:
                self._switched.__exit__(None, None, None)
            # 1.4-1.5 (graph_switch "nesting"): TF leaves g.as_default() entered; for the default graph itself
            # that extra entry of the same graph on the default-graph stack changes nothing a program sees
            raise
        self._graph = g
        self._old = old
        self._active = True
        return scope

    def __exit__(self, *exc):
        if self._active:
            self._graph._name_stack = self._old
            self._active = False
        if self._switched is not None:
            self._switched.__exit__(*exc)
        return False


def get_name_scope():
    return get_default_graph()._name_stack


def enter_name_scope(g, name, default):
    """Enter ``name_scope(name, default)`` (internal_name_scope_v1) without a context manager:
    returns the scope string; the caller restores ``g._name_stack``."""
    return _enter_name_scope(g, default if name is None else name)


# --------------------------------------------------------------------------- devices

class DeviceSpec:
    """A parsed device string; ``merged_into`` is MergeDevice: the op's own fields win."""
    __slots__ = ("job", "replica", "task", "device_type", "device_index")
    _FIELDS = ("job", "replica", "task", "device_type", "device_index")

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job, self.replica, self.task = job, replica, task
        self.device_type, self.device_index = device_type, device_index

    @classmethod
    def from_string(cls, spec):
        out = cls()
        for part in spec.split("/"):
            if not part:
                continue
            bits = part.split(":")
            key = bits[0].lower()
            if len(bits) == 2 and key in ("job", "replica", "task"):
                value = bits[1]
                if key != "job":
                    if not value.isdigit():
                        raise ValueError(f"Unknown attribute '{part}' is encountered while parsing the device "
                                         f"spec: '{spec}'.")
                    value = int(value)
                setattr(out, key, value)
            elif len(bits) == 3 and key == "device":
                out.device_type = bits[1]
                out.device_index = None if bits[2] == "*" else int(bits[2])
            elif len(bits) in (1, 2) and key in ("cpu", "gpu"):
                out.device_type = key.upper()
                out.device_index = None if len(bits) == 1 or bits[1] == "*" else int(bits[1])
            else:
                raise OutsideModel(f"device string {spec!r}")
        return out

    def to_string(self):
        out = ""
        if self.job is not None:
            out += "/job:" + self.job
        if self.replica is not None:
            out += "/replica:" + str(self.replica)
        if self.task is not None:
            out += "/task:" + str(self.task)
        if self.device_type is not None:
            out += "/device:" + self.device_type + ":" + ("*" if self.device_index is None else str(self.device_index))
        return out

    def make_merged_spec(self, dev):
        """This spec with ``dev``'s fields where ``dev`` has them."""
        return DeviceSpec(*(getattr(dev, f) if getattr(dev, f) is not None else getattr(self, f)
                            for f in self._FIELDS))

    def merged_into(self, device):
        """MergeDevice: the device string ``device`` of an op, completed with this spec's fields."""
        if not device:
            return self.to_string()
        return self.make_merged_spec(_parse_device(device)).to_string()

    @property
    def is_null(self):
        return all(getattr(self, f) is None for f in self._FIELDS)


def _device_string(device):
    if isinstance(device, DeviceSpec):
        return device.to_string()
    if isinstance(device, str):
        return DeviceSpec.from_string(device).to_string() if device else ""
    raise OutsideModel(f"device {device!r}")


class _NodeDef:
    """What a device function sees of the op being made (TF passes the Operation)."""
    __slots__ = ("name", "type", "device")

    def __init__(self, name, type_, device):
        self.name, self.type, self.device = name, type_, device

    @property
    def node_def(self):
        return self

    @property
    def op(self):
        return self.type

    def __getattr__(self, attr):
        raise OutsideModel(f"a device function reading op.{attr}")


class _DeviceScope:
    __slots__ = ("graph", "spec", "_old")

    def __init__(self, graph, spec):
        self.graph = graph
        if spec is None or callable(spec) or isinstance(spec, DeviceSpec):
            self.spec = spec
        elif isinstance(spec, str):
            self.spec = _parse_device(spec) if spec else _NULL_DEVICE  # '' is a null merge
        else:
            raise OutsideModel(f"device({spec!r})")

    def __enter__(self):
        g = self.graph
        self._old = g._device
        g._devices.append(self.spec)
        if self.spec is None:
            g._device = ""
        elif self.spec is not _NULL_DEVICE:
            g._device = _static_device(g._devices)
        return None

    def __exit__(self, *exc):
        self.graph._devices.pop()
        self.graph._device = self._old
        return False


_DEVICES = {}


def _parse_device(spec):
    parsed = _DEVICES.get(spec)
    if parsed is None:
        parsed = _DEVICES[spec] = DeviceSpec.from_string(spec)
    return parsed


_NULL_DEVICE = DeviceSpec()


def _static_device(specs):
    """The device of new ops under ``specs``, or None if a device function decides per op."""
    device = ""
    for spec in reversed(specs):
        if spec is None:
            break
        if callable(spec):
            return None
        device = spec.merged_into(device)
    return device


class _ColocationScope:
    __slots__ = ("graph", "op", "_ignore")

    def __init__(self, graph, op, ignore_existing):
        self.graph = graph
        if op is not None and not isinstance(op, Operation):
            op = getattr(op, "op", None)
            if not isinstance(op, Operation):
                raise OutsideModel("colocate_with something other than an op, tensor or variable")
        self.op = op
        self._ignore = ignore_existing

    def __enter__(self):
        if self.op is None and not self._ignore:
            raise ValueError("Trying to reset colocation (op is None) but ignore_existing is not True")
        self.graph._colocation.append(None if self._ignore else self.op)
        if self._ignore and self.op is not None:
            self.graph._colocation.append(self.op)
        return None

    def __exit__(self, *exc):
        self.graph._colocation.pop()
        if self._ignore and self.op is not None:
            self.graph._colocation.pop()
        return False


class _ControlDependencies:
    """``control_dependencies``: no effect on names (control inputs are not modelled)."""
    __slots__ = ()

    def __init__(self, control_inputs):
        if control_inputs is not None:
            for c in control_inputs:
                if not isinstance(c, (Operation, Tensor)) and not hasattr(c, "op"):
                    if callable(c):
                        raise OutsideModel("control_dependencies on a callable")
                    raise TypeError(f"Can not convert a {type(c).__name__} into a Tensor or Operation.")

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def device(device_name_or_function):
    return get_default_graph().device(device_name_or_function)


def colocate_with(op, ignore_existing=False):
    return get_default_graph().colocate_with(op, ignore_existing)


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


class init_scope:  # noqa: N801
    """``ops.init_scope`` in a graph that is not building a function: re-enters the current name
    scope (absolutely) and clears control dependencies; no effect on names."""
    __slots__ = ()

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)


def shape(dims, graph):
    """The TensorShape of a tuple of dims, in ``graph``'s mode."""
    return make_shape(dims, graph.v1)
