"""Pure-Python model of tf.compat.v1's graph naming and variable sharing (TF 2.21).

No TensorFlow is imported.  The classes mirror TensorFlow's own structure
(``Graph.name_scope``/``unique_name`` in framework/ops.py; ``VariableScope``,
``_VariableStore``, ``_VariableScopeStore``, ``_pure_variable_scope`` and
``variable_scope`` in ops/variable_scope.py) so that corner cases fall out of the
same control flow.  Behaviour worth knowing, each checked against real TF:

* ``unique_name`` keys names case-insensitively but keeps the caller's case:
  after ``name_scope("A")``, ``name_scope("a")`` is ``a_1``.
* Every op marks its name in use, so a variable (op ``a``) makes a later
  ``name_scope("a")`` become ``a_1``; ops created under a variable (``a/read``,
  ``a/Initializer/...``) are marked too.
* ``get_variable`` ignores name scopes (it opens ``name_scope(None)``), but the
  variable's *op* still goes through ``unique_name``: if ``w`` is already used by
  another op, the stored variable ``w`` gets the graph name ``w_1:0``.
* A name ending in '/' (an absolute scope, e.g. the scope of a variable whose full name
  is ``a/``) names its op exactly, without marking it in use; an op whose name is
  already a node (case-sensitively) fails with ``ValueError: Duplicate node name in
  graph: 'a'``, after ``unique_name`` has marked the name and leaving the ops made
  before it.
* Default-name counters (``variable_scope(None, default_name=...)``) live in the
  graph's ``_VariableScopeStore``.  Leaving a scope entered by *string* zeroes the
  counters below it; leaving a scope entered by *object* restores the whole
  counter table as it was just after entry.
* ``reuse=False`` is turned into ``None`` (inherit), so it still reuses under a
  reusing parent; a scope re-entered by *object* takes the object's reuse flag,
  not the parent's, unless reuse=True/AUTO_REUSE is passed.
* Re-entering a scope object opens a *new* name scope named after the last
  component of the scope's name (uniquified), while ``original_name_scope`` keeps
  the first one; ``auxiliary_name_scope=False`` re-enters the current name scope.
* v1 mode (``disable_v2_behavior``) makes ref variables (dtype ``float32_ref``,
  ops ``initial_value``/``Assign``/``read``) and prints unknown dimensions as
  ``?``; mode ``graph`` makes resource variables (``Initializer``/``IsInitialized``
  /``Assign``/``Read`` ops, plain dtypes) and prints ``None``.
"""
import enum
import re
import threading

try:  # numpy values may flow in from programs; the model works without numpy
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None


class _State(threading.local):
    """Per-thread model state: the default-graph stack (and ``outside``, see OutsideModel)."""

    def __init__(self):
        self.stack = []


_state = _State()


class OutsideModel(Exception):
    """The program uses something the model does not cover.

    The first one raised while a program runs is also remembered (``_state.outside``)
    so that ``run_program`` reports it even if the program swallowed it with
    ``except Exception``.
    """

    def __init__(self, *args):
        super().__init__(*args)
        if getattr(_state, "outside", False) is None:
            _state.outside = self


# --------------------------------------------------------------------------- dtypes

class DType:
    __slots__ = ("name", "_base", "_ref", "kind")

    def __init__(self, name, kind, base=None):
        self.name = name
        self.kind = kind  # 'float', 'int', 'uint', 'bool', 'string', 'complex'
        self._base = base
        self._ref = None

    @property
    def base_dtype(self):
        return self._base or self

    @property
    def _as_ref(self):
        return self._ref

    @property
    def is_floating(self):
        return self.kind == "float"

    @property
    def is_integer(self):
        return self.kind in ("int", "uint")

    @property
    def is_unsigned(self):
        return self.kind in ("uint", "bool")

    @property
    def is_bool(self):
        return self.kind == "bool"

    @property
    def is_complex(self):
        return self.kind == "complex"

    @property
    def is_ref_dtype(self):
        return self._base is not None

    def is_compatible_with(self, other):
        other = as_dtype(other)
        return self is other or self is other.base_dtype

    def __repr__(self):
        return f"<dtype: '{self.name}'>"

    __str__ = __repr__

    def __eq__(self, other):
        try:
            return other is not None and as_dtype(other) is self
        except (TypeError, OutsideModel):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    def __getattr__(self, attr):
        raise OutsideModel(f"DType.{attr}")


_DTYPES = {}
for _name, _kind in [("float16", "float"), ("bfloat16", "float"), ("float32", "float"), ("float64", "float"),
                     ("int8", "int"), ("int16", "int"), ("int32", "int"), ("int64", "int"),
                     ("uint8", "uint"), ("uint16", "uint"), ("uint32", "uint"), ("uint64", "uint"),
                     ("bool", "bool"), ("string", "string"), ("complex64", "complex"), ("complex128", "complex")]:
    _d = DType(_name, _kind)
    _d._ref = DType(_name + "_ref", _kind, base=_d)
    _DTYPES[_name] = _d
    _DTYPES[_name + "_ref"] = _d._ref
_ALIASES = {"half": "float16", "float": "float32", "double": "float64"}


def as_dtype(value):
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        name = _ALIASES.get(value, value)
        if name in _DTYPES:
            return _DTYPES[name]
        raise TypeError(f"Cannot convert value {value!r} to a TensorFlow DType.")
    if _np is not None:
        try:
            np_dtype = _np.dtype(value)
        except TypeError:
            np_dtype = None
        if np_dtype is not None and value not in (float, int, bool, str, complex, object):
            name = {"str": "string", "object": "string"}.get(np_dtype.name, np_dtype.name)
            if name in _DTYPES:
                return _DTYPES[name]
    raise OutsideModel(f"as_dtype({value!r})")


# --------------------------------------------------------------------------- shapes

class Dimension:
    """v1-mode dimension objects (``TensorShape.__getitem__`` under disable_v2_behavior)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Dimension({self.value!r})"

    def __str__(self):
        return "?" if self.value is None else str(self.value)

    def __eq__(self, other):
        other = other.value if isinstance(other, Dimension) else other
        if self.value is None or other is None:
            return None
        return self.value == other

    def __int__(self):
        return self.value

    __index__ = __int__

    def __hash__(self):
        return hash(self.value)


class TensorShape:
    __slots__ = ("_dims", "_v1")

    def __init__(self, dims, v1=False):
        if dims is None:
            self._dims = None
        else:
            out = []
            for d in dims:
                if isinstance(d, Dimension):
                    d = d.value
                if d is not None:
                    if isinstance(d, bool) or not isinstance(d, int):
                        if _np is not None and isinstance(d, _np.integer):
                            d = int(d)
                        else:
                            raise OutsideModel(f"shape dimension {d!r}")
                    if d < 0:
                        raise OutsideModel(f"negative dimension {d}")
                out.append(d)
            self._dims = tuple(out)
        self._v1 = v1

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        if self._dims is None:
            return None
        return [Dimension(d) for d in self._dims] if self._v1 else list(self._dims)

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self):
        return self._dims is not None and all(d is not None for d in self._dims)

    def is_compatible_with(self, other):
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        n = 1
        for d in self._dims:
            n *= d
        return n

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self.dims)

    def __getitem__(self, key):
        if isinstance(key, slice):
            if self._dims is None:
                raise OutsideModel("slicing an unknown shape")
            return TensorShape(self._dims[key], self._v1)
        d = self._dims[key]
        return Dimension(d) if self._v1 else d

    def __eq__(self, other):
        if isinstance(other, (list, tuple)):
            other = TensorShape(other)
        if not isinstance(other, TensorShape):
            return NotImplemented
        return self._dims == other._dims

    def __hash__(self):
        return hash(self._dims)

    def _dim_str(self, d):
        return ("?" if self._v1 else "None") if d is None else str(d)

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return "(%s,)" % self._dim_str(self._dims[0])
        return "(%s)" % ", ".join(self._dim_str(d) for d in self._dims)

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        if self._v1:
            return f"TensorShape({self.dims})"
        return f"TensorShape({list(self._dims)})"


def _shape_of(dims, v1):
    """``TensorShape(dims, v1)`` for the ``_dims`` of an existing shape (already checked)."""
    shape = object.__new__(TensorShape)
    shape._dims = dims
    shape._v1 = v1
    return shape


def as_shape(shape, v1=False):
    if isinstance(shape, TensorShape):
        return _shape_of(shape._dims, v1)
    if shape is None:
        return TensorShape(None, v1)
    if isinstance(shape, int) and not isinstance(shape, bool):
        raise OutsideModel("integer used as a shape")
    if isinstance(shape, (list, tuple)):
        return TensorShape(shape, v1)
    raise OutsideModel(f"shape {shape!r}")


# --------------------------------------------------------------------------- graph

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
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    READY_OP = "ready_op"
    GLOBAL_STEP = "global_step"


_VARSTORE_KEY = ("__variable_store",)
_VARSCOPESTORE_KEY = ("__varscope",)

def _graph_stack():
    return _state.stack


def get_default_graph():
    stack = _state.stack  # the hottest call of the model: no helper call
    if not stack:
        raise OutsideModel("no default model Graph: run programs inside `with Graph(mode).as_default():`")
    return stack[-1]


class _GraphContext:
    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        _graph_stack().append(self.graph)
        return self.graph

    def __exit__(self, *exc):
        stack = _graph_stack()
        if stack and stack[-1] is self.graph:
            stack.pop()
        else:  # pragma: no cover - mirrors TF's own assertion loosely
            raise AssertionError("Nesting violated for default stack of <class 'Graph'> objects")


class Operation:
    __slots__ = ("name", "type", "graph", "outputs")

    def __init__(self, name, type_, graph):
        self.name, self.type, self.graph, self.outputs = name, type_, graph, []

    def __repr__(self):
        return f"<tf.Operation '{self.name}' type={self.type}>"

    def __getattr__(self, attr):
        raise OutsideModel(f"Operation.{attr}")


class _OutsideArithmetic:
    """Graph tensors and variables: attributes and arithmetic the model does not cover raise
    OutsideModel; equality and hashing are by identity, as for graph-mode TF objects."""
    __slots__ = ()
    _KIND = ("Object", "objects")

    def __getattr__(self, attr):
        raise OutsideModel(f"{self._KIND[0]}.{attr}")

    def _outside(self, *args):
        raise OutsideModel(f"arithmetic on {self._KIND[1]}")

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _outside
    __neg__ = __getitem__ = __matmul__ = __pow__ = _outside
    __hash__ = object.__hash__
    __eq__ = object.__eq__


class SymbolicTensor(_OutsideArithmetic):
    """A graph tensor (TF 2.21's graph tensors are ``SymbolicTensor``s)."""
    _KIND = ("Tensor", "tensors")
    __slots__ = ("op", "dtype", "_shape", "value_index")

    def __init__(self, op, dtype, shape, value_index=0):
        self.op, self.dtype, self._shape, self.value_index = op, dtype, shape, value_index
        op.outputs.append(self)

    @property
    def name(self):
        return f"{self.op.name}:{self.value_index}"

    @property
    def graph(self):
        return self.op.graph

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def __str__(self):
        shape = f", shape={self._shape}" if self._shape.rank is not None else ""
        return f'Tensor("{self.name}"{shape}, dtype={self.dtype.name})'

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self._shape} dtype={self.dtype.name}>"



Tensor = SymbolicTensor


class Graph:
    """A model of ``tf.Graph`` restricted to names, collections and variable sharing."""

    def __init__(self, mode="v1"):
        if mode not in ("v1", "graph"):
            raise OutsideModel(f"mode {mode!r} (the model covers v1 and graph)")
        self.mode = mode
        self.v1 = mode == "v1"  # read on every shape built: an attribute, not a property
        self._names_in_use = {}
        self._name_stack = ""
        self._collections = {}
        self._operations = []
        self._ops_by_name = {}

    def as_default(self):
        return _GraphContext(self)

    # -- names
    def unique_name(self, name, mark_as_used=True):
        if self._name_stack:
            name = self._name_stack + "/" + name
        name_key = name.lower()
        i = self._names_in_use.get(name_key, 0)
        if mark_as_used:
            self._names_in_use[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in self._names_in_use:
                name_key = "%s_%d" % (base_name_key, i)
                i += 1
            if mark_as_used:
                self._names_in_use[name_key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def get_name_scope(self):
        return self._name_stack

    def name_scope(self, name):
        return _GraphNameScope(self, name)

    # -- ops
    def _create_op(self, name, type_):
        """``Graph._create_op_internal`` naming: a trailing '/' names exactly, else uniquify.

        A name taken from a scope (``name_from_scope_name``) is *not* marked in use, so it
        can clash with an existing op, and ``unique_name`` can later hand out the name of
        such an op.  The C API's ``TF_FinishOperation`` then refuses the node
        (case-sensitively, against every node in the graph), which ``_create_c_op``
        re-raises as ValueError; the op is not added, but ``unique_name`` has already
        marked its name and any ops made before it (initializers, ...) stay.
        """
        if name and name[-1] == "/":
            name = name[:-1]
        else:
            name = self.unique_name(name)
        if not _VALID_OP_NAME_REGEX.match(name):
            raise ValueError(f"`{name}` is not a valid node name. "
                             f"Accepted names conform to Regex /{_VALID_OP_NAME_REGEX}/")
        if name in self._ops_by_name:
            raise ValueError(f"Duplicate node name in graph: '{name}'")
        op = Operation(name, type_, self)
        self._operations.append(op)
        self._ops_by_name[name] = op
        return op

    def _build(self, spec):
        """Create internal ops: "Name:Type" (uniquified op), ("Name:Type", [children]) (a
        name scope holding children, then an op named by the scope), ("Name", [children])
        (a name scope only).  Returns the last op created at this level."""
        last = None
        for item in spec:
            if callable(item):  # a check that may raise before the next op is created
                item()
            elif isinstance(item, str):
                name, type_ = item.split(":")
                last = self._create_op(name, type_)
            else:
                head, children = item
                with self.name_scope(head.split(":")[0]) as scope:
                    self._build(children)
                    if ":" in head:
                        last = self._create_op(scope, head.split(":")[1])
        return last

    def _op_tensor(self, name, type_, dtype, shape, children=(), exact_scope=True):
        """An op made through op_def_library: ``with name_scope(name) as scope`` then op ``scope``."""
        with self.name_scope(name) as scope:
            self._build(children)
            op = self._create_op(scope, type_)
        return Tensor(op, dtype, shape)

    def get_operations(self):
        return list(self._operations)

    def get_operation_by_name(self, name):
        if name not in self._ops_by_name:
            raise KeyError(f"The name {name!r} refers to an Operation not in the graph.")
        return self._ops_by_name[name]

    def get_tensor_by_name(self, name):
        op_name, _, idx = name.partition(":")
        op = self._ops_by_name.get(op_name)
        if op is None or not idx.isdigit() or int(idx) >= len(op.outputs):
            raise OutsideModel(f"get_tensor_by_name({name!r})")
        return op.outputs[int(idx)]

    # -- collections
    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection_ref(self, name):
        return self._collections.setdefault(name, [])

    def get_collection(self, name, scope=None):
        coll = self._collections.get(name)
        if coll is None:
            return []
        if scope is None:
            return list(coll)
        regex = re.compile(scope)
        return [item for item in coll if hasattr(item, "name") and regex.match(item.name)]

    def get_all_collection_keys(self):
        return [k for k in self._collections if isinstance(k, str)]

    def clear_collection(self, name):
        self._collections.pop(name, None)

    def finalize(self):
        raise OutsideModel("Graph.finalize")

    @property
    def building_function(self):
        return False

    def __getattr__(self, attr):
        raise OutsideModel(f"Graph.{attr}")


class _GraphNameScope:
    """``Graph.name_scope``: validation, absolute re-entry, uniquified new scopes."""

    def __init__(self, graph, name):
        self.graph, self.name = graph, name

    def __enter__(self):
        g, name = self.graph, self.name
        if name:
            if isinstance(name, bytes):
                name = name.decode()
            if not isinstance(name, str):
                raise OutsideModel(f"name_scope({name!r})")
            if g._name_stack:
                if not _VALID_SCOPE_NAME_REGEX.match(name):
                    raise ValueError(f"'{name}' is not a valid scope name. A scope name has to match "
                                     f"the following pattern: {_VALID_SCOPE_NAME_REGEX.pattern}")
            else:
                if not _VALID_OP_NAME_REGEX.match(name):
                    raise ValueError(f"'{name}' is not a valid root scope name. A root scope name has "
                                     f"to match the following pattern: {_VALID_OP_NAME_REGEX.pattern}")
        self._old = g._name_stack
        if not name:
            new_stack = returned = ""
        elif name[-1] == "/":
            new_stack = name[:-1]
            returned = name
        else:
            new_stack = g.unique_name(name)
            returned = new_stack + "/"
        g._name_stack = new_stack
        return returned

    def __exit__(self, *exc):
        self.graph._name_stack = self._old
        return False


class name_scope:  # noqa: N801 - tf.compat.v1.name_scope
    """``tf.compat.v1.name_scope(name, default_name=None, values=None)`` in graph mode."""

    def __init__(self, name, default_name=None, values=None):
        if not (default_name is None or isinstance(default_name, str)):
            raise TypeError("`default_name` type (%s) is not a string type. You likely meant to "
                            "pass this into the `values` kwarg." % type(default_name))
        self._name = default_name if name is None else name
        self._default_name = default_name
        self._values = values

    @property
    def name(self):
        return self._name

    def __enter__(self):
        if self._name is None and self._values is not None:
            raise ValueError("At least one of name (%s) and default_name (%s) must be provided."
                             % (self._name, self._default_name))
        self._scope = get_default_graph().name_scope(self._name)
        return self._scope.__enter__()

    def __exit__(self, *exc):
        return self._scope.__exit__(*exc)


# --------------------------------------------------------------------------- values

def _infer(value):
    """(dtype, dims) of a Python/numpy value as ``convert_to_tensor`` would infer them."""
    if _np is not None and isinstance(value, (_np.ndarray, _np.generic)):
        name = {"str": "string", "object": "string"}.get(value.dtype.name, value.dtype.name)
        if name.startswith("str") or name.startswith("bytes"):
            name = "string"
        if name not in _DTYPES:
            raise OutsideModel(f"numpy dtype {value.dtype}")
        return _DTYPES[name], list(value.shape)
    if isinstance(value, bool):
        return _DTYPES["bool"], []
    if isinstance(value, int):
        return (_DTYPES["int32"] if -2**31 <= value < 2**31 else _DTYPES["int64"]), []
    if isinstance(value, float):
        return _DTYPES["float32"], []
    if isinstance(value, (str, bytes)):
        return _DTYPES["string"], []
    if isinstance(value, (list, tuple)):
        if not value:
            return _DTYPES["float32"], [0]
        inner = [_infer(v) for v in value]
        dims = inner[0][1]
        if any(d != dims for _, d in inner):
            raise OutsideModel("ragged nested list")
        kinds = {d.name for d, _ in inner}
        if kinds <= {"int32"}:
            dtype = _DTYPES["int32"]
        elif kinds <= {"int32", "int64"}:
            dtype = _DTYPES["int64"]
        elif kinds <= {"int32", "int64", "float32"}:
            dtype = _DTYPES["float32"]
        elif len(kinds) == 1:
            dtype = inner[0][0]
        else:
            raise OutsideModel("mixed nested list")
        return dtype, [len(value)] + dims
    raise OutsideModel(f"value of type {type(value).__name__}")


def _check_convertible(value, src, dst):
    if src is dst:
        return
    if _np is not None and isinstance(value, (_np.ndarray, _np.generic)):
        raise OutsideModel("numpy value converted to another dtype")
    if src.kind == "int" and dst.kind in ("float", "int", "uint", "complex"):
        return
    if src.kind == "float" and dst.kind in ("float", "complex"):
        return
    raise OutsideModel(f"converting a {src.name} value to {dst.name}")


def constant_value_tensor(graph, value, dtype=None, shape=None, name="Const"):
    """``tf.constant``: one Const op named through ``_create_op_internal``."""
    if isinstance(value, (Tensor, Variable)):
        raise OutsideModel("constant() of a tensor")
    inferred, dims = _infer(value)
    if dtype is not None:
        dtype = as_dtype(dtype).base_dtype
        _check_convertible(value, inferred, dtype)
    else:
        dtype = inferred
    if shape is not None:
        shape = as_shape(shape)
        if not shape.is_fully_defined():
            raise OutsideModel("constant() with a partially known shape")
        if dims and dims != shape.as_list():
            raise OutsideModel("constant() reshaping a non-scalar value")
        dims = shape.as_list()
    if name is None:
        raise OutsideModel("constant(name=None)")
    op = graph._create_op(name, "Const")
    return Tensor(op, dtype, TensorShape(dims, graph.v1))


def convert_to_tensor(graph, value, name, dtype=None):
    """Tensors pass through (no op); other values become a Const op named ``name``."""
    if isinstance(value, Variable):
        raise OutsideModel("a variable used as a value")
    if isinstance(value, Tensor):
        if dtype is not None and as_dtype(dtype).base_dtype is not value.dtype.base_dtype:
            raise OutsideModel("converting a tensor to another dtype")
        return value
    return constant_value_tensor(graph, value, dtype=dtype, name=name)


# --------------------------------------------------------------------------- initializers

class Initializer:
    """Initializer objects: callable ``(shape, dtype=None, partition_info=None)``."""
    kind = None

    def __init__(self, dtype=None, **kwargs):
        self.dtype = None if dtype is None else as_dtype(dtype)
        self.kwargs = kwargs

    def __call__(self, shape, dtype=None, partition_info=None):
        raise OutsideModel("calling an initializer directly")

    def _spec(self, shape, dtype):
        raise NotImplementedError

    def __getattr__(self, attr):
        raise OutsideModel(f"initializer.{attr}")


def _small_fill(name, shape):
    if shape.num_elements() is None or shape.num_elements() >= 1000:
        raise OutsideModel(f"{name} initializer of 1000 or more elements (Fill ops)")
    return [f"{name}:Const"]


class zeros_initializer(Initializer):  # noqa: N801
    def _spec(self, shape, dtype):
        return _small_fill("zeros", shape)


class ones_initializer(Initializer):  # noqa: N801
    def _spec(self, shape, dtype):
        return _small_fill("ones", shape)


class constant_initializer(Initializer):  # noqa: N801
    def __init__(self, value=0, dtype=None, verify_shape=False):
        super().__init__(dtype)
        if isinstance(value, (Tensor, Variable)):
            raise OutsideModel("constant_initializer of a tensor")
        self.value = value

    def _spec(self, shape, dtype):
        value = self.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise OutsideModel("constant_initializer with a non-scalar value")

        def check():  # tensor_util.make_tensor_proto refuses lossy Python conversions
            if isinstance(value, float) and dtype.kind not in ("float", "complex") or (
                    isinstance(value, int) and dtype.kind in ("bool", "string")):
                raise TypeError(f"Expected {dtype.name}, but got {value!r} of type '{type(value).__name__}'.")
        return [check, "Const:Const"]


class glorot_uniform_initializer(Initializer):  # noqa: N801
    def __init__(self, seed=None, dtype=None):
        super().__init__(dtype)

    def _spec(self, shape, dtype):
        if dtype.name in ("int32", "int64"):
            raise OutsideModel("glorot initializer for an integer dtype")

        def check():  # random_uniform's dtype check, before its name scope
            if dtype.name not in ("float16", "bfloat16", "float32", "float64"):
                raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are (tf.float16, "
                                 "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).")
        return [check, ("random_uniform:AddV2", ["shape:Const", "min:Const", "max:Const",
                                           "RandomUniform:RandomUniform", "sub:Sub", "mul:Mul"])]


def xavier_initializer(uniform=True, seed=None, dtype=None):
    if not uniform:
        raise OutsideModel("xavier_initializer(uniform=False)")
    return glorot_uniform_initializer()


def _is_callable_initializer(initializer):
    return callable(initializer)


# --------------------------------------------------------------------------- variables

class _VariableMeta(type):
    """``tf.compat.v1.Variable(...)`` builds a RefVariable (v1 mode) or a ResourceVariable."""

    def __call__(cls, *args, **kwargs):
        if cls is VariableV1 or cls is Variable:
            use_resource = kwargs.get("use_resource")
            if use_resource is None:
                use_resource = not get_default_graph().v1
            cls = ResourceVariable if use_resource else RefVariable
        return super().__call__(*args, **kwargs)


class Variable(_OutsideArithmetic, metaclass=_VariableMeta):
    """A graph variable (TF's ``Variable`` base): ref variable in v1 mode, resource otherwise.

    ``tf.Variable`` in tf.compat.v1 is ``VariableV1``; ``ResourceVariable`` is not a
    ``VariableV1``, so ``isinstance(v, tf.Variable)`` is False for graph-mode variables.
    """
    _KIND = ("Variable", "variables")
    _resource = False

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None, expected_shape=None,
                 import_scope=None, constraint=None, use_resource=None, synchronization=None,
                 aggregation=None, shape=None, *, _init_dtype=None):
        g = get_default_graph()
        for arg, label in ((caching_device, "caching_device"), (variable_def, "variable_def"),
                           (expected_shape, "expected_shape"), (import_scope, "import_scope"),
                           (synchronization, "synchronization"), (aggregation, "aggregation")):
            if arg is not None:
                raise OutsideModel(f"Variable({label}=...)")
        if not validate_shape:
            raise OutsideModel("Variable(validate_shape=False)")
        if initial_value is None:
            raise OutsideModel("Variable without an initial value")
        if trainable is None:
            trainable = True
        self.trainable = trainable
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise OutsideModel("collections of another type than list/tuple/set")
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = list(collections) + [GraphKeys.TRAINABLE_VARIABLES]
        init_from_fn = callable(initial_value)
        if dtype is not None:
            dtype = as_dtype(dtype).base_dtype
        if isinstance(initial_value, Variable):
            raise OutsideModel("a variable as the initial value of another")
        with name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
            if self._resource or init_from_fn:
                init_scope = g.name_scope("Initializer")
                init_scope.__enter__()
            try:
                if init_from_fn:
                    init_tensor = initial_value()
                    if not isinstance(init_tensor, Tensor):
                        init_tensor = convert_to_tensor(g, init_tensor, "initial_value", dtype)
                else:
                    init_tensor = convert_to_tensor(g, initial_value, "initial_value", dtype)
            finally:
                if self._resource or init_from_fn:
                    init_scope.__exit__(None, None, None)
            if dtype is not None and init_tensor.dtype.base_dtype is not dtype:
                raise OutsideModel("initial value of another dtype than the variable")
            base = init_tensor.dtype.base_dtype
            var_shape = init_tensor.shape if shape is None else as_shape(shape, g.v1)
            self._shape = _shape_of(var_shape._dims, g.v1)
            # name_scope('') resets to the root: the variable op is then named by its type
            if self._resource:
                self.op = g._create_op(scope or "VarHandleOp", "VarHandleOp")
                self._name = scope[:-1] + ":0"  # the handle name, even when the op is "VarHandleOp"
                self.dtype = base
                g._build([("IsInitialized", ["VarIsInitializedOp:VarIsInitializedOp"])])
                self.initializer = g._create_op("Assign", "AssignVariableOp")
                g._build([("Read", ["ReadVariableOp:ReadVariableOp"])])
            else:
                self.op = g._create_op(scope or "VariableV2", "VariableV2")
                self._name = self.op.name + ":0"
                self.dtype = base._as_ref
                self.initializer = g._create_op("Assign", "Assign")
                g._create_op("read", "Identity")
        self.graph = g
        self.op.outputs.append(self)
        g.add_to_collections(collections, self)

    @property
    def name(self):
        return self._name

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self._shape} dtype={self.dtype.name}>"

    __str__ = __repr__



class VariableV1(Variable):
    pass


class RefVariable(VariableV1):
    _resource = False


class ResourceVariable(Variable):
    _resource = True


# --------------------------------------------------------------------------- variable scopes

class _ReuseMode(enum.Enum):
    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE


class _VariableStore:
    def __init__(self):
        self._vars = {}

    def get_variable(self, name, shape=None, dtype=None, initializer=None, regularizer=None, reuse=None,
                     trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        if custom_getter is not None and not callable(custom_getter):
            raise ValueError("Passed a custom_getter which is not callable: %s" % custom_getter)
        if dtype is not None:
            dtype = as_dtype(dtype).base_dtype

        def _true_getter(name, shape=None, dtype=_DTYPES["float32"], initializer=None, regularizer=None,
                         reuse=None, trainable=None, collections=None, caching_device=None,
                         partitioner=None, validate_shape=True, use_resource=None, constraint=None,
                         synchronization=None, aggregation=None):
            for arg, label in ((regularizer, "regularizer"), (caching_device, "caching_device"),
                               (partitioner, "partitioner"), (constraint, "constraint")):
                if arg is not None:
                    raise OutsideModel(f"get_variable({label}=...)")
            if synchronization is not None or aggregation is not None:
                raise OutsideModel("get_variable(synchronization/aggregation)")
            return self._get_single_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                                             reuse=reuse, trainable=trainable, collections=collections,
                                             validate_shape=validate_shape, use_resource=use_resource)

        kwargs = dict(shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer, reuse=reuse,
                      trainable=trainable, collections=collections, caching_device=caching_device,
                      partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource)
        if custom_getter is not None:
            return custom_getter(_true_getter, name, **kwargs)
        return _true_getter(name, **kwargs)

    def _get_single_variable(self, name, shape=None, dtype=None, initializer=None, reuse=None,
                             trainable=None, collections=None, validate_shape=True, use_resource=None):
        g = get_default_graph()
        initializing_from_value = initializer is not None and not callable(initializer)
        if shape is not None and initializing_from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        dtype = as_dtype(dtype if dtype is not None else "float32")
        if shape is not None:
            shape = as_shape(shape, g.v1)
        if name in self._vars:
            if reuse is False:
                var = self._vars[name]
                err_msg = ("Variable %s already exists, disallowed."
                           " Did you mean to set reuse=True or "
                           "reuse=tf.AUTO_REUSE in VarScope?" % name)
                if var._resource:
                    raise ValueError(err_msg)
                raise ValueError("%s Originally defined at:\n\n%s" % (err_msg, "  (traceback not modelled)\n"))
            found_var = self._vars[name]
            if shape is not None and not shape.is_compatible_with(found_var.get_shape()):
                raise ValueError("Trying to share variable %s, but specified shape %s"
                                 " and found shape %s." % (name, shape, found_var.get_shape()))
            if not dtype.is_compatible_with(found_var.dtype):
                raise ValueError("Trying to share variable %s, but specified dtype %s"
                                 " and found dtype %s." % (name, dtype.name, found_var.dtype.name))
            return found_var
        if reuse is True:
            raise ValueError("Variable %s does not exist, or was not created with "
                             "tf.get_variable(). Did you mean to set "
                             "reuse=tf.AUTO_REUSE in VarScope?" % name)
        if initializer is None:
            if shape is None:
                raise ValueError(f"Variable {name} did not get an initializer, so its `shape`"
                                 " argument must be specified.")
            if dtype.is_floating:
                initializer = glorot_uniform_initializer()
            elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype.name == "string":
                initializer = zeros_initializer()
            else:
                raise ValueError("An initializer for variable %s of %s is required" % (name, dtype.base_dtype))
        if initializing_from_value:
            init_val = initializer
            variable_dtype = None
        else:
            if isinstance(initializer, type):
                if not issubclass(initializer, Initializer):
                    raise OutsideModel("initializer class that is not a model initializer")
                initializer = initializer()
            if not isinstance(initializer, Initializer):
                raise OutsideModel("initializer callable that is not a model initializer")
            if shape is not None and shape.is_fully_defined():
                spec = initializer._spec(shape, dtype)
                init_shape = _shape_of(shape._dims, g.v1)
                init_dtype = dtype.base_dtype

                def init_val():
                    last = g._build(spec)
                    return Tensor(last, init_dtype, init_shape)
                variable_dtype = dtype.base_dtype
            else:
                raise ValueError("The initializer passed is not valid. It should "
                                 "be a callable with no arguments and the "
                                 "shape should not be provided or an instance of "
                                 "`tf.keras.initializers.*' and `shape` should be "
                                 "fully defined.")
        if use_resource is None:
            use_resource = not g.v1
        v = Variable(initial_value=init_val, name=name, trainable=trainable, collections=collections,
                     dtype=variable_dtype, validate_shape=validate_shape, use_resource=use_resource,
                     shape=shape)
        self._vars[name] = v
        return v


class VariableScope:
    """Carries defaults for get_variable: name, reuse, initializer, dtype, name scope."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=None, use_resource=None,
                 constraint=None):
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._reuse = reuse
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = _DTYPES["float32"] if dtype is None else dtype
        self._use_resource = use_resource
        self._constraint = constraint

    name = property(lambda self: self._name)
    original_name_scope = property(lambda self: self._name_scope)
    reuse = property(lambda self: self._reuse)
    initializer = property(lambda self: self._initializer)
    dtype = property(lambda self: self._dtype)
    use_resource = property(lambda self: self._use_resource)
    regularizer = property(lambda self: self._regularizer)
    caching_device = property(lambda self: self._caching_device)
    partitioner = property(lambda self: self._partitioner)
    custom_getter = property(lambda self: self._custom_getter)
    constraint = property(lambda self: self._constraint)

    def reuse_variables(self):
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_regularizer(self, regularizer):
        if regularizer is not None:
            raise OutsideModel("regularizers")
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        if caching_device is not None:
            raise OutsideModel("caching devices")

    def set_partitioner(self, partitioner):
        if partitioner is not None:
            raise OutsideModel("partitioners")
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_collection(self, name):
        scope = self._name + "/" if self._name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self):
        return self.get_collection(GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self):
        return self.get_collection(GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self):
        return self.get_collection(GraphKeys.LOCAL_VARIABLES)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None, regularizer=None,
                     reuse=None, trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        if use_resource is None:
            use_resource = self._use_resource
        full_name = self.name + "/" + name if self.name else name
        with get_default_graph().name_scope(None):
            if dtype is not None and initializer is not None and not callable(initializer):
                # ops.convert_to_tensor: a Python/numpy value becomes a root "Const" op here
                init_dtype = convert_to_tensor(get_default_graph(), initializer, "Const").dtype.base_dtype
                if init_dtype is not as_dtype(dtype).base_dtype:
                    raise ValueError("Initializer type '%s' and explicit dtype '%s' "
                                     "don't match." % (init_dtype, as_dtype(dtype)))
            if initializer is None:
                initializer = self._initializer
            if constraint is None:
                constraint = self._constraint
            if dtype is None:
                dtype = self._dtype
            return var_store.get_variable(full_name, shape=shape, dtype=dtype, initializer=initializer,
                                          regularizer=regularizer, reuse=reuse, trainable=trainable,
                                          collections=collections, caching_device=caching_device,
                                          partitioner=partitioner, validate_shape=validate_shape,
                                          use_resource=use_resource, custom_getter=custom_getter,
                                          constraint=constraint, synchronization=synchronization,
                                          aggregation=aggregation)

    def __getattr__(self, attr):
        raise OutsideModel(f"VariableScope.{attr}")


class _VariableScopeStore:
    def __init__(self):
        self.current_scope = VariableScope(False)
        self.variable_scopes_count = {}

    def open_variable_scope(self, scope_name):
        self.variable_scopes_count[scope_name] = self.variable_scopes_count.get(scope_name, 0) + 1

    def close_variable_subscopes(self, scope_name):
        if scope_name is None:
            for k in self.variable_scopes_count:
                self.variable_scopes_count[k] = 0
        else:
            prefix = scope_name + "/"
            for k in self.variable_scopes_count:
                if k[:len(prefix)] == prefix:
                    self.variable_scopes_count[k] = 0

    def variable_scope_count(self, scope_name):
        return self.variable_scopes_count.get(scope_name, 0)


def get_variable_scope_store():
    g = get_default_graph()
    store = g._collections.get(_VARSCOPESTORE_KEY)  # g.get_collection without copying the list
    if not store:
        store = _VariableScopeStore()
        g.add_to_collection(_VARSCOPESTORE_KEY, store)
    else:
        store = store[0]
    return store


def get_variable_scope():
    return get_variable_scope_store().current_scope


def _get_default_variable_store():
    g = get_default_graph()
    store = g._collections.get(_VARSTORE_KEY)
    if store:
        return store[0]
    store = _VariableStore()
    g.add_to_collection(_VARSTORE_KEY, store)
    return store


def _maybe_wrap_custom_getter(custom_getter, old_getter):
    if old_getter is None:
        return custom_getter

    def wrapped_custom_getter(getter, *args, **kwargs):
        return custom_getter(lambda *a, **k: old_getter(getter, *a, **k), *args, **kwargs)
    return wrapped_custom_getter


class _pure_variable_scope:  # noqa: N801
    def __init__(self, name_or_scope, reuse=None, initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, old_name_scope=None, dtype=_DTYPES["float32"],
                 use_resource=None, constraint=None):
        self._name_or_scope = name_or_scope
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._old_name_scope = old_name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        self._var_store = _get_default_variable_store()
        self._var_scope_store = get_variable_scope_store()
        self._last_variable_scope_object = None
        if isinstance(self._name_or_scope, VariableScope):
            self._new_name = self._name_or_scope.name
            name_scope_ = self._name_or_scope._name_scope
            obj = self._name_or_scope
            vso = VariableScope(obj.reuse if not self._reuse else self._reuse, name=self._new_name,
                                initializer=obj.initializer, regularizer=obj.regularizer,
                                caching_device=obj.caching_device, partitioner=obj.partitioner,
                                dtype=obj.dtype, custom_getter=obj.custom_getter, name_scope=name_scope_,
                                use_resource=obj.use_resource, constraint=self._constraint)
            self._apply_overrides(vso, obj.custom_getter)
            self._cached_variable_scope_object = vso

    def _apply_overrides(self, vso, old_getter):
        if self._initializer is not None:
            vso.set_initializer(self._initializer)
        if self._regularizer is not None:
            vso.set_regularizer(self._regularizer)
        if self._caching_device is not None:
            vso.set_caching_device(self._caching_device)
        if self._partitioner is not None:
            vso.set_partitioner(self._partitioner)
        if self._custom_getter is not None:
            vso.set_custom_getter(_maybe_wrap_custom_getter(self._custom_getter, old_getter))
        if self._dtype is not None:
            vso.set_dtype(self._dtype)
        if self._use_resource is not None:
            vso.set_use_resource(self._use_resource)

    def __enter__(self):
        store = self._var_scope_store
        self._old = store.current_scope
        if isinstance(self._name_or_scope, VariableScope):
            store.open_variable_scope(self._new_name)
            self._old_subscopes = dict(store.variable_scopes_count)
            vso = self._cached_variable_scope_object
        else:
            self._new_name = (self._old.name + "/" + self._name_or_scope if self._old.name
                              else self._name_or_scope)
            self._reuse = self._reuse or self._old.reuse
            name_scope_ = self._name_or_scope if self._old_name_scope is None else self._old_name_scope
            vso = VariableScope(self._reuse, name=self._new_name, initializer=self._old.initializer,
                                regularizer=self._old.regularizer, caching_device=self._old.caching_device,
                                partitioner=self._old.partitioner, dtype=self._old.dtype,
                                use_resource=self._old.use_resource, custom_getter=self._old.custom_getter,
                                name_scope=name_scope_, constraint=self._constraint)
            self._apply_overrides(vso, self._old.custom_getter)
            store.open_variable_scope(self._new_name)
        store.current_scope = vso
        self._last_variable_scope_object = vso
        return vso

    def __exit__(self, *exc):
        store = self._var_scope_store
        if store.current_scope is not self._last_variable_scope_object:
            raise RuntimeError("Improper nesting of variable_scope.")
        if isinstance(self._name_or_scope, VariableScope):
            store.variable_scopes_count = self._old_subscopes
        else:
            store.close_variable_subscopes(self._new_name)
        store.current_scope = self._old


def _get_unique_variable_scope(prefix):
    store = get_variable_scope_store()
    current = get_variable_scope()
    name = current.name + "/" + prefix if current.name else prefix
    if store.variable_scope_count(name) == 0:
        return prefix
    idx = 1
    while store.variable_scope_count(name + ("_%d" % idx)) > 0:
        idx += 1
    return prefix + ("_%d" % idx)


class variable_scope:  # noqa: N801
    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                 use_resource=None, constraint=None, auxiliary_name_scope=True):
        for arg, label in ((regularizer, "regularizer"), (caching_device, "caching_device"),
                           (partitioner, "partitioner"), (constraint, "constraint")):
            if arg is not None:
                raise OutsideModel(f"variable_scope({label}=...)")
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._initializer = initializer
        self._custom_getter = custom_getter
        self._reuse = reuse
        self._dtype = None if dtype is None else as_dtype(dtype)
        self._use_resource = use_resource
        if self._default_name is None and self._name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if self._reuse is False:
            self._reuse = None
        if not (self._reuse is True or self._reuse is None or self._reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        self._cached_pure_variable_scope = None
        self._current_name_scope = None
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, "
                            "while get {}".format(auxiliary_name_scope))
        self._auxiliary_name_scope = auxiliary_name_scope

    def _pure(self, name_or_scope, old_name_scope=None, reuse=None):
        return _pure_variable_scope(name_or_scope, reuse=reuse, initializer=self._initializer,
                                    custom_getter=self._custom_getter, old_name_scope=old_name_scope,
                                    dtype=self._dtype, use_resource=self._use_resource)

    def __enter__(self):
        if self._cached_pure_variable_scope is not None:
            if self._current_name_scope is not None:
                self._current_name_scope.__enter__()
            return self._cached_pure_variable_scope.__enter__()
        g = get_default_graph()
        if self._auxiliary_name_scope:
            current_name_scope = None
        else:
            ns = g.get_name_scope()
            if ns:
                ns += "/"
            current_name_scope = name_scope(ns)
        if self._name_or_scope is not None:
            if not isinstance(self._name_or_scope, (VariableScope, str)):
                raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
            if isinstance(self._name_or_scope, str):
                ns_name = self._name_or_scope
            else:
                ns_name = self._name_or_scope.name.split("/")[-1]
            if ns_name or current_name_scope:
                current_name_scope = current_name_scope or name_scope(ns_name)
                try:
                    current_name_scope_name = current_name_scope.__enter__()
                except BaseException:
                    raise
                self._current_name_scope = current_name_scope
                if isinstance(self._name_or_scope, str):
                    old_name_scope = current_name_scope_name
                else:
                    old_name_scope = self._name_or_scope.original_name_scope
                pure = self._pure(self._name_or_scope, old_name_scope, reuse=self._reuse)
            else:
                self._current_name_scope = None
                pure = self._pure(self._name_or_scope, reuse=self._reuse)
        else:
            if self._reuse:
                raise ValueError("reuse=True cannot be used without a name_or_scope")
            current_name_scope = current_name_scope or name_scope(self._default_name)
            current_name_scope_name = current_name_scope.__enter__()
            self._current_name_scope = current_name_scope
            unique_default_name = _get_unique_variable_scope(self._default_name)
            pure = self._pure(unique_default_name, current_name_scope_name)
        try:
            entered = pure.__enter__()
        except BaseException:
            pure.__exit__(None, None, None)
            raise
        self._cached_pure_variable_scope = pure
        return entered

    def __exit__(self, *exc):
        try:
            self._cached_pure_variable_scope.__exit__(*exc)
        finally:
            if self._current_name_scope:
                self._current_name_scope.__exit__(*exc)
        return False


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                 aggregation=None):
    return get_variable_scope().get_variable(
        _get_default_variable_store(), name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
        use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
        synchronization=synchronization, aggregation=aggregation)


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=False,
                       collections=None, caching_device=None, partitioner=None, validate_shape=True,
                       use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                       aggregation=None):
    if collections:
        collections += [GraphKeys.LOCAL_VARIABLES]
    else:
        collections = [GraphKeys.LOCAL_VARIABLES]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                        trainable=False, collections=collections, caching_device=caching_device,
                        partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                        synchronization=synchronization, aggregation=aggregation,
                        custom_getter=custom_getter, constraint=constraint)
