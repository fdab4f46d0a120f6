"""Variables (TF's ops/variables.py, variable_v1.py, ref_variable.py, resource_variable_ops.py).

``tf.compat.v1.Variable`` is ``VariableV1``; calling it runs the variable creators
(``variable_creator_scope``, innermost first) and then the default creator, which makes a
``RefVariable`` in mode v1 (``disable_v2_behavior``) and a ``ResourceVariable`` in mode
graph (or wherever ``use_resource`` says so).  ``ResourceVariable`` is not a
``VariableV1``: ``isinstance(v, tf.Variable)`` is False for it.

The ops a variable named ``v`` makes, in order (``Initializer`` only for an initial value
given as a callable, i.e. always for get_variable, and always for resource variables):

* ref:      [v/Initializer/...] or [v/initial_value], ``v`` (VariableV2), ``v/Assign``,
  ``v/read`` (the snapshot every read returns); dtype ``float32_ref``.
* resource: v/Initializer/..., ``v`` (VarHandleOp), ``v/IsInitialized/VarIsInitializedOp``,
  ``v/Assign`` (AssignVariableOp), ``v/Read/ReadVariableOp``; every later read makes a new
  ``ReadVariableOp`` where it happens.

The ops of a callable initial value get device None (``ops.device(None)``); the others get
the current device.
"""
from .array_ops import identity
from .constant_op import convert_to_tensor
from .context import OutsideModel, outside_values
from .dtypes import as_dtype
from .math_ops import OPERATORS
from .ops import (CLASS_MAKERS, GraphKeys, Operation, Tensor, _enter_name_scope, _new_object, _Strict,
                  enter_name_scope, get_default_graph, name_scope, new_tensor, release_class)
from .tensor_shape import as_shape

_GLOBAL = (GraphKeys.GLOBAL_VARIABLES,)


class _VariableMeta(type):
    """``tf.Variable(...)`` (VariableV1) goes through the creator stack to the default creator."""

    def __call__(cls, *args, **kwargs):
        if cls is VariableV1:
            return _variable_v1_call(*args, **kwargs)
        if cls is Variable:
            raise OutsideModel("tf2.Variable")
        return super().__call__(*args, **kwargs)


_CREATOR_ARGS = ("initial_value", "trainable", "validate_shape", "caching_device", "name", "variable_def", "dtype",
                 "import_scope", "constraint", "synchronization", "aggregation", "shape",
                 "experimental_enable_variable_lifting", "expected_shape", "collections", "use_resource")


def _variable_v1_call(initial_value=None, trainable=None, collections=None, validate_shape=True,
                      caching_device=None, name=None, variable_def=None, dtype=None, expected_shape=None,
                      import_scope=None, constraint=None, use_resource=None, synchronization=None,
                      aggregation=None, shape=None, experimental_enable_variable_lifting=None):
    g = get_default_graph()
    if not g._creators:
        return _default_creator(g, initial_value, trainable, collections, validate_shape, caching_device, name,
                                variable_def, dtype, import_scope, constraint, use_resource, synchronization,
                                aggregation, shape)
    getter = lambda **kw: default_variable_creator(None, **kw)  # noqa: E731
    for creator in g._creators:
        getter = _make_getter(creator, getter)
    values = (initial_value, trainable, validate_shape, caching_device, name, variable_def, dtype, import_scope,
              constraint, synchronization, aggregation, shape, experimental_enable_variable_lifting,
              expected_shape, collections, use_resource)
    return getter(**dict(zip(_CREATOR_ARGS, values)))


def _make_getter(captured_getter, captured_previous):
    return lambda **kwargs: captured_getter(captured_previous, **kwargs)


def _get_variable_scope():
    raise AssertionError("set by variable_scope.py")  # variable_scope imports this module


def default_variable_creator(next_creator=None, **kwargs):
    return _default_creator(get_default_graph(), kwargs.get("initial_value"), kwargs.get("trainable"),
                            kwargs.get("collections"), kwargs.get("validate_shape", True),
                            kwargs.get("caching_device"), kwargs.get("name"), kwargs.get("variable_def"),
                            kwargs.get("dtype"), kwargs.get("import_scope"), kwargs.get("constraint"),
                            kwargs.get("use_resource"), kwargs.get("synchronization"), kwargs.get("aggregation"),
                            kwargs.get("shape"))


def _default_creator(g, initial_value, trainable, collections, validate_shape, caching_device, name, variable_def,
                     dtype, import_scope, constraint, use_resource, synchronization, aggregation, shape):
    """ref_variable.default_variable_creator: ``expected_shape`` is ignored, as in TF."""
    if variable_def is not None or import_scope is not None:
        raise OutsideModel("Variable(variable_def/import_scope=...)")
    if use_resource is None:
        use_resource = _get_variable_scope().use_resource
    if use_resource is None:
        use_resource = not g.v1
    return (g._res_cls if use_resource else g._ref_cls)(
        initial_value, trainable, collections, validate_shape, caching_device, name, dtype, constraint,
        synchronization, aggregation, shape)


class Variable(_Strict, metaclass=_VariableMeta):
    """TF's ``Variable`` base: what ref and resource variables share."""
    __slots__ = ("name", "op", "dtype", "shape", "graph", "initializer", "initial_value", "trainable",
                 "_snapshot", "_constraint", "_caching_device", "_save_slice_info", "__weakref__")
    _resource = False
    _ABSENT = frozenset({"run", "numpy"})

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, dtype=None, constraint=None, synchronization=None,
                 aggregation=None, shape=None, use_resource=None):
        if synchronization is not None or aggregation is not None:
            raise OutsideModel("Variable(synchronization/aggregation)")
        if caching_device is not None:
            raise OutsideModel("Variable(caching_device=...)")
        if not validate_shape:
            raise OutsideModel("Variable(validate_shape=False)")
        if initial_value is None:
            if self._resource and get_default_graph().rel.resource_variable_errors == "short":
                raise ValueError(RefVariable._NO_INITIAL_VALUE)
            raise ValueError(self._NO_INITIAL_VALUE)
        init_from_fn = callable(initial_value)
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError(f"collections argument to Variable constructor must be a list, tuple, or set. "
                             f"Got {collections} of type {type(collections)}")
        if constraint is not None and not callable(constraint):
            raise ValueError(self._BAD_CONSTRAINT.format(type(constraint)))
        g = get_default_graph()
        if trainable is None:  # tf.Variable's default (True in the signature before 1.10)
            trainable = True
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = list(collections) + [GraphKeys.TRAINABLE_VARIABLES]
        if dtype is not None:
            dtype = as_dtype(dtype).base_dtype
        self.graph = g
        self.trainable = trainable
        self._constraint = constraint
        self._caching_device = caching_device
        self._save_slice_info = None
        old_stack = g._name_stack
        scope = enter_name_scope(g, name, "Variable")
        try:
            self._build(g, scope, initial_value, init_from_fn, dtype, shape)
        finally:
            g._name_stack = old_stack
        g.add_to_collections(collections, self)

    def _initial_value_tensor(self, g, initial_value, init_from_fn, dtype):
        """The initial value, made inside ``with name_scope("Initializer"), device(None)``."""
        old_device = g._device
        old_stack, _ = g._push_scope("Initializer")
        g._device = ""
        g._devices.append(None)
        try:
            if init_from_fn:
                initial_value = initial_value()
            return _initial_value(initial_value, dtype)
        finally:
            g._devices.pop()
            g._name_stack, g._device = old_stack, old_device

    @classmethod
    def _fast(cls, g, name, shape, dtype, emit, trainable, collections):
        """``cls(initial_value=partial(initializer, dims, dtype=dtype), name=name, dtype=dtype,
        shape=shape, trainable=trainable, collections=collections)`` (get_variable's call, no
        creators, constraint or caching device) for a built-in initializer whose ops ``emit``
        makes: the same steps as __init__ and _build, without the generality."""
        if collections is None:
            collections = _GLOBAL
        elif not isinstance(collections, (list, tuple, set)):
            raise ValueError(f"collections argument to Variable constructor must be a list, tuple, or set. "
                             f"Got {collections} of type {type(collections)}")
        if trainable is None and g.rel.trainable_none_is_trainable:
            trainable = True
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = [*collections, GraphKeys.TRAINABLE_VARIABLES]
        self = _new_object(cls)
        self.graph = g
        self.trainable = trainable
        self._constraint = None
        self._caching_device = None
        self._save_slice_info = None
        old_stack, old_device = g._name_stack, g._device
        scope = _enter_name_scope(g, name if name is not None else "Variable")
        try:
            if not scope:
                _empty_name(g, self)
            # with name_scope("Initializer"), device(None): the initial value
            g._push_scope("Initializer")
            g._device = ""
            g._devices.append(None)
            try:
                iv = new_tensor(emit(g), dtype, shape)
            finally:
                g._devices.pop()
                g._name_stack, g._device = scope[:-1], old_device
            self._finish(g, scope, iv, shape)
        finally:
            g._name_stack = old_stack
        g.add_to_collections(collections, self)
        return self

    # -- reading (name and shape are plain attributes: read-only properties in TF)
    def get_shape(self):
        return self.shape

    @property
    def device(self):
        return self.op.device

    @property
    def constraint(self):
        return self._constraint

    def _as_graph_element(self):
        return self._snapshot

    def _as_tensor(self, dtype=None):
        """convert_to_tensor(variable): its value (see value())."""
        if dtype is not None and as_dtype(dtype).base_dtype is not self.dtype.base_dtype:
            raise ValueError(f"Incompatible type conversion requested to type '{as_dtype(dtype).base_dtype.name}' "
                             f"for variable of type '{self.dtype.base_dtype.name}'")
        return self.value()

    def eval(self, session=None):
        from .session import run_tensor
        return run_tensor(self, None, session)

    def load(self, value, session=None):
        raise outside_values("Variable.load")

    def set_shape(self, shape):
        self.shape = self.shape.merge_with(as_shape(shape, self.shape._v1))

    def __repr__(self):
        if self.graph.rel.variable_repr == "object":
            return f"<tensorflow.python.ops.variables.Variable object at 0x{id(self):x}>"
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    __str__ = __repr__
    __hash__ = object.__hash__
    __eq__ = object.__eq__

    def __bool__(self):
        raise OutsideModel("the truth value of a variable")

    def __iter__(self):
        raise TypeError("'Variable' object is not iterable.")


def _operator(name):
    tensor_op = OPERATORS[name]

    def op(self, *args):
        # a variable operand is read first (outside the operator's name scope)
        return tensor_op(self.value(), *args)
    return op


for _name in OPERATORS:
    setattr(Variable, _name, _operator(_name))


def _initial_value(value, dtype):
    t = convert_to_tensor(value, dtype=dtype, name="initial_value")
    if t.deps is not None and any(isinstance(d, Variable) for d in t.deps):
        raise outside_values("a variable whose initial value reads another variable: in v1 TF rewrites it to "
                             "wait for that variable's value, in graph mode their initializers race")
    return t


class VariableV1(Variable):
    """``tf.compat.v1.Variable``."""
    __slots__ = ()


def _empty_name(g, var):
    """A variable named '' (its name scope is the root, ''): before 1.4 (empty_variable_name)
    ``ops._name_from_scope_name('')`` raises IndexError for a ref variable with a callable
    initial value, before anything is made."""
    if g.rel.empty_variable_name == "IndexError":
        if var._resource:
            raise OutsideModel(f"a resource variable named '' on TF {g.rel.version}")
        raise IndexError("string index out of range")


class RefVariable(VariableV1):
    __slots__ = ()
    _NO_INITIAL_VALUE = "initial_value must be specified."
    _BAD_CONSTRAINT = "The `constraint` argument must be a callable."

    def _build(self, g, scope, initial_value, init_from_fn, dtype, shape):
        if init_from_fn:
            if not scope:
                _empty_name(g, self)
            iv = self._initial_value_tensor(g, initial_value, True, dtype)
        else:
            iv = _initial_value(initial_value, dtype)
        var_shape = iv.shape
        if shape is not None:
            var_shape = as_shape(shape, g.v1)
            if var_shape is not iv.shape and not var_shape.is_compatible_with(iv.shape):
                raise OutsideModel("Variable(shape=...) incompatible with its initial value")
        elif var_shape._v1 is not g.v1:
            var_shape = as_shape(var_shape, g.v1)
        self._finish(g, scope, iv, var_shape)

    def _finish(self, g, scope, iv, var_shape):
        # state_ops.variable_op_v2(name=scope); an empty scope (name_scope('') at the root) gives
        # the op type's name
        self.op = op = g._gen_op(scope, "VariableV2")
        self.name = op.name + ":0"
        base = iv.dtype.base_dtype
        self.dtype = base._as_ref
        self.shape = var_shape
        self.initial_value = iv
        new_tensor(op, self.dtype, var_shape)
        if not iv.shape.is_fully_defined():
            raise ValueError(f"initial_value must have a shape specified: {iv}")
        self.initializer = g._op_in(scope, "Assign", "Assign")
        read = g._op_in(scope, "read", "Identity")  # under colocate_with(the variable op): its device
        if op.device:
            read.device = op.device
        self._snapshot = new_tensor(read, base, var_shape, frozenset((self,)))

    def value(self):
        return self._snapshot

    def read_value(self):
        g = get_default_graph()
        return new_tensor(g._gen_op("read", "Identity"), self.dtype.base_dtype, self.shape, frozenset((self,)))

    def initialized_value(self):
        """``cond(is_variable_initialized(v), v.read_value, lambda: v.initial_value)``: the cond's
        ops, in the order TF makes them (the ``read`` Identity before its input ``read/Switch``)."""
        g = get_default_graph()
        g._gen_op("IsVariableInitialized", "IsVariableInitialized")
        merge = g._scoped("cond", ["Switch:Switch", "switch_t:Identity", "switch_f:Identity", "pred_id:Identity",
                                   "read:Identity", ("read", ["Switch:RefSwitch"]), "Switch_1:Switch",
                                   "Merge:Merge"])
        return new_tensor(merge, self.dtype.base_dtype, self.shape, frozenset((self,)))

    def _ref(self):
        return self.op.outputs[0]

    def _assign(self, type_, value, use_locking, name, read_value):
        g = get_default_graph()
        with name_scope(name or type_) as scope:
            v = convert_to_tensor(value, dtype=self.dtype.base_dtype, name="value")
            out = new_tensor(g._gen_op(scope, type_), self.dtype, self.shape, v.deps)
        return out if read_value else out.op

    def assign(self, value, use_locking=False, name=None, read_value=True):
        return self._assign("Assign", value, use_locking, name, read_value)

    def assign_add(self, delta, use_locking=False, name=None, read_value=True):
        return self._assign("AssignAdd", delta, use_locking, name, read_value)

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
        return self._assign("AssignSub", delta, use_locking, name, read_value)


class ResourceVariable(Variable):
    __slots__ = ("handle",)
    _resource = True
    _NO_INITIAL_VALUE = ("The `initial_value` arg to `tf.Variable` must be specified except when you are not "
                         "providing a `variable_def`. You provided neither.")
    _BAD_CONSTRAINT = "Argument `constraint` must be None or a callable. a callable. Got a {}:  "

    def _build(self, g, scope, initial_value, init_from_fn, dtype, shape):
        if not scope:
            _empty_name(g, self)
        iv = self._initial_value_tensor(g, initial_value, init_from_fn, dtype)
        if shape is not None:
            shape = as_shape(shape, g.v1)
            if shape is not iv.shape and not iv.shape.is_compatible_with(shape):
                raise ValueError(f"In this `tf.Variable` creation, the initial value's shape ({iv.shape}) is not "
                                 f"compatible with the explicitly supplied `shape` argument ({shape}).")
        else:
            shape = iv.shape
        if not shape.is_fully_defined():
            raise OutsideModel("a resource variable of a partially known shape")
        self._finish(g, scope, iv, shape)

    def _finish(self, g, scope, iv, shape):
        handle_name = scope[:-1]
        # var_handle_op(name=scope): an empty scope (name_scope('') at the root) gives op type's name
        self.op = g._gen_op(scope, "VarHandleOp")
        self.name = handle_name + ":0"
        self.dtype = dtype = iv.dtype.base_dtype
        self.shape = shape
        self.initial_value = iv
        self.handle = new_tensor(self.op, _RESOURCE, _scalar(g))
        g._scoped("IsInitialized", ["VarIsInitializedOp:VarIsInitializedOp"])
        # Assign and Read are made under device(handle.device) (and Assign with no colocation):
        # the handle's own device
        self.initializer = g._op_in(scope, "Assign", "AssignVariableOp")
        self.initializer.device = self.op.device
        read = g._scoped("Read", ["ReadVariableOp:ReadVariableOp"])
        read.device = self.op.device
        self._snapshot = new_tensor(read, dtype, shape, frozenset((self,)))

    def _read(self):
        g = get_default_graph()
        return new_tensor(g._gen_op(None, "ReadVariableOp"), self.dtype, self.shape, frozenset((self,)))

    def value(self):
        g = get_default_graph()
        if not g._colocation:
            return self._read()
        with g.colocate_with(None, ignore_existing=True):
            return self._read()

    def read_value(self):
        with name_scope("Read"):
            value = self._read()
        return identity(value)

    def initialized_value(self):
        if self.graph.rel.resource_initialized_value != "not implemented":
            raise OutsideModel(f"ResourceVariable.initialized_value on TF {self.graph.rel.version} (a cond of ops)")
        raise NotImplementedError()

    def _assign(self, type_, value, name, read_value):
        g = get_default_graph()
        v = convert_to_tensor(value, dtype=self.dtype)
        op = g._gen_op(name, type_)
        if not read_value:
            return op
        return _UnreadVariable(self, op, v.deps)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._assign("AssignVariableOp", value, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign("AssignAddVariableOp", delta, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign("AssignSubVariableOp", delta, name, read_value)


class _UnreadVariable(_Strict):
    """What a resource variable's ``assign`` returns in a graph: it reads the variable after the
    assignment (a ``ReadVariableOp`` where the assignment is made)."""
    __slots__ = ("_parent", "_parent_op", "_graph_element")
    _ABSENT = frozenset({"run", "numpy"})

    def __init__(self, parent, parent_op, deps):
        self._parent = parent
        self._parent_op = parent_op
        self._graph_element = parent._read()

    @property
    def name(self):
        return self._parent_op.name

    @property
    def op(self):
        return self._parent_op

    @property
    def dtype(self):
        return self._parent.dtype

    @property
    def shape(self):
        return self._parent.shape

    def get_shape(self):
        return self._parent.shape

    @property
    def graph(self):
        return self._parent.graph

    def _as_tensor(self, dtype=None):
        return self._graph_element

    def __repr__(self):
        return f"<tf.Variable '{self._parent.name}' shape={self.shape} dtype={self.dtype.name}>"


def _scalar(g):
    return as_shape((), g.v1)


class _Resource:
    name = "resource"
    base_dtype = None

    def __repr__(self):
        return "tf.resource"


_RESOURCE = _Resource()
_RESOURCE.base_dtype = _RESOURCE


class PartitionedVariable(_Strict):
    """A list of variables ``name/part_<i>`` sharing one name (``get_variable(..., partitioner=...)``):
    ``name`` is the shared name (no ``:0``), ``dtype`` the base dtype, no ``op``."""
    __slots__ = ("name", "shape", "dtype", "_variables", "_partitions")
    _ABSENT = frozenset({"op", "graph", "initializer", "run", "numpy"})

    def __init__(self, name, shape, dtype, variable_list, partitions):
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self._variables = sorted(variable_list, key=lambda v: v._save_slice_info.var_offset)
        self._partitions = partitions

    def __iter__(self):
        return iter(self._variables)

    def __len__(self):
        return len(self._variables)

    def get_shape(self):
        return self.shape

    def _get_variable_list(self):
        return self._variables

    def _get_partitions(self):
        return self._partitions

    def __repr__(self):
        return f"<tensorflow.python.ops.variables.PartitionedVariable object at 0x{id(self):x}>"


CLASS_MAKERS["RefVariable"] = lambda rel: release_class(RefVariable, rel, "Variable", rel.ref_variable_class)
CLASS_MAKERS["ResourceVariable"] = lambda rel: release_class(ResourceVariable, rel, "Variable")
CLASS_MAKERS["PartitionedVariable"] = lambda rel: release_class(PartitionedVariable, rel, "PartitionedVariable")


class SaveSliceInfo:
    __slots__ = ("full_name", "full_shape", "var_offset", "var_shape")

    def __init__(self, full_name, full_shape, var_offset, var_shape):
        self.full_name, self.full_shape, self.var_offset, self.var_shape = full_name, full_shape, var_offset, var_shape

    @property
    def spec(self):
        full = " ".join(str(d) for d in self.full_shape)
        sl = ":".join(f"{o},{s}" for o, s in zip(self.var_offset, self.var_shape))
        return f"{full} {sl}"


# --------------------------------------------------------------------------- creators and initializers

class variable_creator_scope:  # noqa: N801 - tf.compat.v1.variable_creator_scope
    __slots__ = ("_creator", "_graph")

    def __init__(self, variable_creator):
        self._creator = variable_creator

    def __enter__(self):
        self._graph = get_default_graph()
        self._graph._creators.append(self._creator)
        return None

    def __exit__(self, *exc):
        self._graph._creators.pop()
        return False


def _no_op(g, name):
    return g._gen_op(name, "NoOp")


def group(*inputs, name=None):
    """control_flow_ops.group: one NoOp named after the scope, or one NoOp per device first."""
    g = get_default_graph()
    with name_scope(name, "group_deps", inputs) as scope:
        if not inputs:
            return _no_op(g, scope)
        by_device = {}
        for op in inputs:
            if isinstance(op, (Tensor, Variable)):
                op = op.op
            if not isinstance(op, Operation):
                raise OutsideModel("group() of something other than ops and tensors")
            by_device.setdefault(op.device, []).append(op)
        if len(by_device) == 1:
            (device, _), = by_device.items()
            with g.device(device):
                return _no_op(g, scope)
        for device in sorted(by_device):
            with g.device(device):
                _no_op(g, None)
        return _no_op(g, scope)


def variables_initializer(var_list, name="init"):
    g = get_default_graph()
    var_list = list(var_list)
    op = group(*[v.initializer for v in var_list], name=name) if var_list else _no_op(g, name)
    g._initializes[op] = var_list
    return op


def global_variables_initializer():
    return variables_initializer(get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES))


def local_variables_initializer():
    return variables_initializer(get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES))


initialize_all_variables = global_variables_initializer
initialize_variables = variables_initializer
initialize_local_variables = local_variables_initializer
