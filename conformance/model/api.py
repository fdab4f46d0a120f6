"""The ``tf`` (tf.compat.v1) and ``slim`` namespaces of the model.

Any attribute not listed here raises ``OutsideModel`` naming it, so a program that
strays outside the modelled surface is reported rather than mis-modelled.
"""
from . import core, layers
from .core import (AUTO_REUSE, DType, Dimension, Graph, GraphKeys, Operation, OutsideModel, Tensor, TensorShape,
                   Variable, VariableScope, as_dtype, get_default_graph, get_local_variable, get_variable,
                   get_variable_scope, name_scope, variable_scope)


class Namespace:
    """A module-like object; unknown attributes are outside the model."""

    def __init__(self, label, **attrs):
        object.__setattr__(self, "_label", label)
        self.__dict__.update(attrs)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"{self._label}.{attr}")

    def __repr__(self):
        return f"<model namespace {self._label}>"


def _graph():
    return get_default_graph()


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    if verify_shape:
        raise OutsideModel("constant(verify_shape=True)")
    return core.constant_value_tensor(_graph(), value, dtype=dtype, shape=shape, name=name)


def _filled(kind):
    def fill(shape, dtype=core._DTYPES["float32"], name=None):
        g = _graph()
        dtype = as_dtype(dtype).base_dtype
        if isinstance(shape, Tensor):
            raise OutsideModel(f"{kind}() of a tensor shape")
        shape = core.as_shape(shape)
        if name == "":
            raise OutsideModel(f"{kind}(name='')")
        if not shape.is_fully_defined() or shape.num_elements() >= 1000:
            raise OutsideModel(f"{kind}() of 1000 or more elements or an unknown shape")
        with name_scope(name, kind, [shape]) as scope:
            op = g._create_op(scope, "Const")
        return Tensor(op, dtype, core._shape_of(shape._dims, g.v1))
    fill.__name__ = kind
    return fill


def placeholder(dtype, shape=None, name=None):
    g = _graph()
    dtype = as_dtype(dtype).base_dtype
    return g._op_tensor(name or "Placeholder", "Placeholder", dtype, core.as_shape(shape, g.v1))


def identity(input, name=None):  # noqa: A002 - TF's signature
    g = _graph()
    if not isinstance(input, Tensor):
        raise OutsideModel("identity of something other than a model tensor")
    return g._op_tensor(name or "Identity", "Identity", input.dtype.base_dtype, input.shape)


def _collection_fn(key):
    def fn(scope=None):
        return _graph().get_collection(key, scope)
    return fn


def get_collection(key, scope=None):
    return _graph().get_collection(key, scope)


def get_collection_ref(key):
    return _graph().get_collection_ref(key)


def add_to_collection(name, value):
    _graph().add_to_collection(name, value)


def add_to_collections(names, value):
    _graph().add_to_collections(names, value)


def reset_default_graph():
    raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared "
                         "graph, exit the nesting and create a new graph.")


def _new_graph():
    return Graph(_graph().mode)


def disable_v2_behavior():
    if _graph().mode != "v1":
        raise OutsideModel("disable_v2_behavior() in a TF2-behaviour program")


def _outside(label):
    def fn(*args, **kwargs):
        raise OutsideModel(label)
    return fn


_DT = core._DTYPES
_dtypes = {name: _DT[name] for name in ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32",
                                        "int64", "uint8", "uint16", "uint32", "uint64", "bool", "string",
                                        "complex64", "complex128")}
_dtypes.update(half=_DT["float16"], double=_DT["float64"])

nn = Namespace("tf.nn", relu=layers.relu)
initializers = Namespace("tf.initializers", zeros=core.zeros_initializer, ones=core.ones_initializer,
                         constant=core.constant_initializer, glorot_uniform=core.glorot_uniform_initializer)

tf = Namespace(
    "tf",
    name_scope=name_scope, variable_scope=variable_scope, get_variable_scope=get_variable_scope,
    get_variable=get_variable, get_local_variable=get_local_variable, Variable=core.VariableV1,
    VariableScope=VariableScope, AUTO_REUSE=AUTO_REUSE, GraphKeys=GraphKeys,
    constant=constant, zeros=_filled("zeros"), ones=_filled("ones"), placeholder=placeholder, identity=identity,
    global_variables=_collection_fn(GraphKeys.GLOBAL_VARIABLES),
    all_variables=_collection_fn(GraphKeys.GLOBAL_VARIABLES),
    trainable_variables=_collection_fn(GraphKeys.TRAINABLE_VARIABLES),
    local_variables=_collection_fn(GraphKeys.LOCAL_VARIABLES),
    model_variables=_collection_fn(GraphKeys.MODEL_VARIABLES),
    get_collection=get_collection, get_collection_ref=get_collection_ref,
    add_to_collection=add_to_collection, add_to_collections=add_to_collections,
    get_default_graph=get_default_graph, reset_default_graph=reset_default_graph, Graph=_new_graph,
    Tensor=Tensor, Operation=Operation, TensorShape=TensorShape, Dimension=Dimension, DType=DType,
    as_dtype=as_dtype, dtypes=Namespace("tf.dtypes", as_dtype=as_dtype, DType=DType, **_dtypes),
    zeros_initializer=core.zeros_initializer, ones_initializer=core.ones_initializer,
    constant_initializer=core.constant_initializer, glorot_uniform_initializer=core.glorot_uniform_initializer,
    initializers=initializers, nn=nn, disable_v2_behavior=disable_v2_behavior,
    **_dtypes,
)
tf.__dict__["compat"] = Namespace("tf.compat", v1=tf)

slim = Namespace(
    "slim",
    fully_connected=layers.fully_connected, conv2d=layers.conv2d, convolution2d=layers.conv2d,
    layer_norm=layers.layer_norm, batch_norm=layers.batch_norm,
    model_variable=layers.model_variable, variable=layers.variable,
    xavier_initializer=core.xavier_initializer,
    get_model_variables=lambda scope=None, suffix=None: _suffixed(GraphKeys.MODEL_VARIABLES, scope, suffix),
    get_variables=lambda scope=None, suffix=None, collection=GraphKeys.GLOBAL_VARIABLES:
        _suffixed(collection, scope, suffix),
    get_trainable_variables=lambda scope=None, suffix=None:
        _suffixed(GraphKeys.TRAINABLE_VARIABLES, scope, suffix),
    layers=None,
)


def _suffixed(collection, scope, suffix):
    if isinstance(scope, VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return _graph().get_collection(collection, scope)


slim.__dict__["layers"] = Namespace("slim.layers", fully_connected=layers.fully_connected, conv2d=layers.conv2d,
                                    layer_norm=layers.layer_norm, batch_norm=layers.batch_norm)
tf2 = Namespace("tf2")
