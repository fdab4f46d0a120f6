"""The ``tf`` (tf.compat.v1), ``slim`` (tf_slim) and ``tf2`` namespaces of the model.

An attribute not listed raises ``OutsideModel`` naming it, so a program that strays outside
the modelled surface is reported rather than mis-modelled.  Attributes TF itself does not
have raise TF's own AttributeError (``tf.contrib``, anything under ``tf.layers`` with Keras 3).
"""
import types

from . import (array_ops, init_ops, layers, math_ops, nn_ops, ops, random_ops, session, template, training,
               variable_scope, variables)
from . import releases as _releases
from .arg_scope import arg_scope, arg_scoped_arguments, has_arg_scope, add_arg_scope
from .constant_op import constant, convert_to_tensor
from .context import Namespace, OutsideModel, outside_values
from .dtypes import PUBLIC as _DTYPES, DType, as_dtype
from .ops import GraphKeys, Graph, Operation, Tensor, get_default_graph
from .tensor_shape import Dimension, TensorShape


def _collection(key):
    def collection(scope=None):
        return get_default_graph().get_collection(key, scope)
    return collection


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


def reset_default_graph():
    raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, "
                         "exit the nesting and create a new graph.")


def _new_graph():
    """``tf.Graph()``: a graph in the mode and release of the program's graph."""
    from .context import state
    first = state.created[0] if state.created else state.graphs[0] if state.graphs else None
    return Graph(first.mode, first.rel) if first is not None else Graph("v1")


def disable_v2_behavior():
    if get_default_graph().mode != "v1":
        raise OutsideModel("disable_v2_behavior() in a TF2-behaviour program")


def executing_eagerly():
    get_default_graph()  # the model runs in a graph, in both its modes
    return False


def no_op(name=None):
    """gen_control_flow_ops.no_op: one NoOp named through its name scope; returns the Operation."""
    return get_default_graph()._gen_op(name, "NoOp")


def set_random_seed(seed):
    get_default_graph().seed = seed


class OpError(Exception):
    """tf.errors.OpError and its subclasses: the model never raises them (Sessions are outside it),
    programs name them in except clauses."""


errors = Namespace("tf.errors", OpError=OpError, **{name: type(name, (OpError,), {}) for name in (
    "CancelledError", "UnknownError", "InvalidArgumentError", "DeadlineExceededError", "NotFoundError",
    "AlreadyExistsError", "PermissionDeniedError", "ResourceExhaustedError", "FailedPreconditionError",
    "AbortedError", "OutOfRangeError", "UnimplementedError", "InternalError", "UnavailableError",
    "DataLossError", "UnauthenticatedError")})


def _values(what):
    def fn(*args, **kwargs):
        raise outside_values(what)
    fn.__name__ = what.split(".")[-1]
    return fn


_V1_ABSENT = {"contrib", "Session2", "layers_v2", "enable_eager_execution_v2", "estimator"}

nn = Namespace("tf.nn", relu=nn_ops.relu, relu6=nn_ops.relu6, elu=nn_ops.elu, softmax=nn_ops.softmax, conv2d=nn_ops.conv2d,
               bias_add=nn_ops.bias_add, max_pool=nn_ops.max_pool, avg_pool=nn_ops.avg_pool, l2_loss=nn_ops.l2_loss)
initializers = Namespace(
    "tf.initializers", zeros=init_ops.Zeros, ones=init_ops.Ones, constant=init_ops.Constant,
    random_uniform=init_ops.RandomUniform, random_normal=init_ops.RandomNormal,
    truncated_normal=init_ops.TruncatedNormal, variance_scaling=init_ops.VarianceScaling,
    glorot_uniform=init_ops.GlorotUniform, glorot_normal=init_ops.GlorotNormal,
    global_variables=variables.global_variables_initializer, local_variables=variables.local_variables_initializer,
    variables=variables.variables_initializer)
random = Namespace("tf.random", normal=random_ops.random_normal, uniform=random_ops.random_uniform,
                   truncated_normal=random_ops.truncated_normal, set_random_seed=set_random_seed)
# With Keras 3 (the default install of TF 2.16+) tf.compat.v1.layers is a stub: every attribute fails
keras3_layers = Namespace("tf.layers", _absent=lambda attr: f"`{attr}` is not available with Keras 3.")

tf = Namespace(
    "tf", _absent=lambda attr: f"module 'tensorflow.compat.v1' has no attribute '{attr}'" if attr in _V1_ABSENT else None,
    # scopes and variables
    name_scope=ops.name_scope, variable_scope=variable_scope.variable_scope,
    variable_op_scope=variable_scope.variable_op_scope, get_variable_scope=variable_scope.get_variable_scope,
    get_variable=variable_scope.get_variable, get_local_variable=variable_scope.get_local_variable,
    Variable=variables.VariableV1, VariableScope=variable_scope.VariableScope, AUTO_REUSE=variable_scope.AUTO_REUSE,
    VariableSynchronization=variable_scope.VariableSynchronization,
    VariableAggregation=variable_scope.VariableAggregation,
    variable_creator_scope=variables.variable_creator_scope, make_template=template.make_template,
    fixed_size_partitioner=variable_scope.fixed_size_partitioner,
    variable_axis_size_partitioner=variable_scope.variable_axis_size_partitioner,
    min_max_variable_partitioner=variable_scope.min_max_variable_partitioner,
    global_variables_initializer=variables.global_variables_initializer,
    initialize_all_variables=variables.initialize_all_variables,
    local_variables_initializer=variables.local_variables_initializer,
    initialize_local_variables=variables.initialize_local_variables,
    variables_initializer=variables.variables_initializer, initialize_variables=variables.initialize_variables,
    # collections
    GraphKeys=GraphKeys,
    global_variables=_collection(GraphKeys.GLOBAL_VARIABLES), all_variables=_collection(GraphKeys.GLOBAL_VARIABLES),
    trainable_variables=_collection(GraphKeys.TRAINABLE_VARIABLES),
    local_variables=_collection(GraphKeys.LOCAL_VARIABLES), model_variables=_collection(GraphKeys.MODEL_VARIABLES),
    moving_average_variables=_collection(GraphKeys.MOVING_AVERAGE_VARIABLES),
    get_collection=get_collection, get_collection_ref=get_collection_ref,
    add_to_collection=add_to_collection, add_to_collections=add_to_collections,
    # graphs, ops, tensors
    get_default_graph=get_default_graph, reset_default_graph=reset_default_graph, Graph=_new_graph,
    Tensor=Tensor, Operation=Operation, TensorShape=TensorShape, Dimension=Dimension, DType=DType,
    as_dtype=as_dtype, dtypes=Namespace("tf.dtypes", as_dtype=as_dtype, DType=DType, **_DTYPES),
    device=ops.device, colocate_with=ops.colocate_with, control_dependencies=ops.control_dependencies,
    executing_eagerly=executing_eagerly, no_op=no_op, group=variables.group, disable_v2_behavior=disable_v2_behavior, set_random_seed=set_random_seed,
    convert_to_tensor=convert_to_tensor,
    constant=constant, zeros=array_ops.zeros, ones=array_ops.ones, fill=array_ops.fill,
    zeros_like=array_ops.zeros_like, ones_like=array_ops.ones_like, placeholder=array_ops.placeholder,
    identity=array_ops.identity, reshape=array_ops.reshape, squeeze=array_ops.squeeze,
    expand_dims=array_ops.expand_dims,
    add=math_ops.add, subtract=math_ops.subtract, multiply=math_ops.multiply, matmul=math_ops.matmul,
    square=math_ops.square, reduce_sum=math_ops.reduce_sum, reduce_mean=math_ops.reduce_mean,
    reduce_max=math_ops.reduce_max, reduce_min=math_ops.reduce_min, cast=math_ops.cast,
    random_normal=random_ops.random_normal, random_uniform=random_ops.random_uniform,
    truncated_normal=random_ops.truncated_normal, random=random,
    # initializers
    zeros_initializer=init_ops.Zeros, ones_initializer=init_ops.Ones, constant_initializer=init_ops.Constant,
    random_uniform_initializer=init_ops.RandomUniform, random_normal_initializer=init_ops.RandomNormal,
    truncated_normal_initializer=init_ops.TruncatedNormal,
    variance_scaling_initializer=init_ops.VarianceScaling,
    glorot_uniform_initializer=init_ops.GlorotUniform, glorot_normal_initializer=init_ops.GlorotNormal,
    initializers=initializers,
    nn=nn, layers=keras3_layers,
    Session=session.Session, InteractiveSession=session.InteractiveSession,
    get_default_session=session.get_default_session, train=training.train, errors=errors,
    report_uninitialized_variables=_values("tf.report_uninitialized_variables"),
    is_variable_initialized=_values("tf.is_variable_initialized"),
    assert_variables_initialized=_values("tf.assert_variables_initialized"),
    **_DTYPES,
)
tf.__dict__["compat"] = Namespace("tf.compat", v1=tf)

_SLIM_LAYERS = ("fully_connected", "conv2d", "convolution2d", "convolution", "layer_norm", "batch_norm", "max_pool2d",
                "avg_pool2d", "max_pool3d", "avg_pool3d", "pool", "dropout", "flatten", "repeat", "stack", "bias_add",
                "separable_conv2d", "separable_convolution2d", "conv2d_transpose", "convolution2d_transpose",
                "one_hot_encoding", "legacy_fully_connected", "elu", "legacy_relu", "legacy_linear", "relu", "relu6",
                "linear")
_SLIM_VARIABLES = ("model_variable", "variable", "get_variables", "get_model_variables", "get_local_variables",
                   "get_trainable_variables", "get_variables_to_restore", "get_variables_by_suffix",
                   "get_variables_by_name", "get_unique_variable")

slim = Namespace(
    "slim",
    **{name: getattr(layers, name) for name in _SLIM_LAYERS + _SLIM_VARIABLES},
    arg_scope=arg_scope, add_arg_scope=add_arg_scope, has_arg_scope=has_arg_scope,
    arg_scoped_arguments=arg_scoped_arguments,
    xavier_initializer=init_ops.xavier_initializer,
    variance_scaling_initializer=init_ops.slim_variance_scaling_initializer,
    l2_regularizer=layers.l2_regularizer,
    layers=None,
)
slim.__dict__["layers"] = Namespace("slim.layers", **{name: getattr(layers, name) for name in _SLIM_LAYERS})
tf2 = Namespace("tf2")


# --------------------------------------------------------------------------- the namespaces of a release

_NAMESPACES = {}


def _without_kwargs(fn, missing, callable_name):
    """``fn`` as a release without some of its keyword arguments has it: passing one is TF's TypeError."""
    def call(*args, **kwargs):
        for kw in kwargs:
            if kw in missing:
                raise TypeError(f"{callable_name} got an unexpected keyword argument '{kw}'")
        return fn(*args, **kwargs)
    call.__name__ = getattr(fn, "__name__", "call")
    return call


_COLLECTION_FUNCTIONS = {"global_variables": GraphKeys.GLOBAL_VARIABLES,
                         "local_variables": GraphKeys.LOCAL_VARIABLES,
                         "trainable_variables": GraphKeys.TRAINABLE_VARIABLES,
                         "model_variables": GraphKeys.MODEL_VARIABLES,
                         "moving_average_variables": GraphKeys.MOVING_AVERAGE_VARIABLES}


def _collection_without_scope(name, key):
    """tf.<name>() of a release where it takes no argument: Python's own TypeError for one, naming it."""
    def collection():
        return get_default_graph().get_collection(key)
    collection.__code__ = collection.__code__.replace(co_name=name)
    collection.__name__ = collection.__qualname__ = name
    return collection


def namespaces(rel=None):
    """(tf, slim, tf2) as release ``rel`` ("1.4", or a releases.Profile; default the pinned one) has
    them: the pinned release's are this module's ``tf``, ``slim`` and ``tf2``."""
    found = _NAMESPACES.get(rel)
    if found is not None:
        return found
    if not isinstance(rel, _releases.Profile):
        return namespaces(_releases.profile(rel))
    module = rel.tf_module
    absent = set(_V1_ABSENT)
    attrs = {k: v for k, v in tf.__dict__.items() if not k.startswith("_")}
    if not rel.auto_reuse:
        del attrs["AUTO_REUSE"]
        absent.add("AUTO_REUSE")
    for attr in rel.tf_absent:
        del attrs[attr]
        absent.add(attr)
    if module == "tensorflow":  # the top-level module of 1.x has tf.contrib
        absent.discard("contrib")
        attrs["contrib"] = Namespace("tf.contrib")
    if rel.keras_layers == "keras2":
        attrs["layers"] = Namespace("tf.layers (the Keras 2 layers of releases before 2.16)")
    if rel.get_variable_trainable_default is True:  # the signature programs see (inspect.signature)
        def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
                         collections=None, caching_device=None, partitioner=None, validate_shape=True,
                         use_resource=None, custom_getter=None, constraint=None):
            return variable_scope.get_variable(name, shape, dtype, initializer, regularizer, trainable, collections,
                                               caching_device, partitioner, validate_shape, use_resource,
                                               custom_getter, constraint)
        get_variable.__qualname__ = "get_variable"
        attrs["get_variable"] = get_variable
    for name, key in _COLLECTION_FUNCTIONS.items():
        if "scope" in rel.missing_kwargs.get(name, ()):  # before 1.4: no arguments at all
            attrs[name] = _collection_without_scope(name, key)
    missing = rel.missing_kwargs.get("variable_scope")
    scope_fn = variable_scope.variable_scope
    if rel.variable_scope_object == "generator":  # a generator function: its arguments are checked on entering
        def scope_fn(*args, **kwargs):
            return variable_scope._GeneratorContextManager(lambda: variable_scope.variable_scope(*args, **kwargs))
        scope_fn.__name__ = "variable_scope"
    if missing:
        scope_fn = _without_kwargs(scope_fn, missing, rel.variable_scope_callable)
    if scope_fn is not variable_scope.variable_scope:
        attrs["variable_scope"] = scope_fn
    if module == "tensorflow":
        attrs["compat"] = Namespace("tf.compat (before 1.13, which has no tf.compat.v1)")
    new_slim = slim
    if rel.slim_conv2d_name != "convolution2d":  # conv2d is another function object, named as then
        conv = layers.convolution2d
        renamed = types.FunctionType(conv.__code__, conv.__globals__, rel.slim_conv2d_name, conv.__defaults__,
                                     conv.__closure__)
        renamed.__dict__.update(conv.__dict__)  # arg_scope's key: the same layer
        renamed.__kwdefaults__ = conv.__kwdefaults__
        new_slim = Namespace("slim", **{k: v for k, v in slim.__dict__.items() if not k.startswith("_")})
        new_slim.__dict__.update(conv2d=renamed, convolution2d=renamed)
    if rel.slim_absent:  # slim's attributes that appeared later (releases.SLIM_ADDED): tf.contrib.slim's AttributeError
        slim_absent = rel.slim_absent
        new_slim = Namespace("slim", _absent=lambda attr: f"module 'tensorflow.contrib.slim' has no attribute '{attr}'"
                             if attr in slim_absent else None,
                             **{k: v for k, v in new_slim.__dict__.items() if not k.startswith("_")
                                and k not in slim_absent})
    if module == "tensorflow.compat.v1" and new_slim is slim and attrs.keys() == {k for k in tf.__dict__ if not k.startswith("_")} and \
            not rel.missing_kwargs and rel.auto_reuse and rel.keras_layers == "keras3" and not rel.tf_absent and \
            rel.get_variable_trainable_default is None:
        found = (tf, slim, tf2)
    else:
        new_tf = Namespace("tf", _absent=lambda attr: f"module '{module}' has no attribute '{attr}'"
                           if attr in absent else None, **attrs)
        if module == "tensorflow.compat.v1":
            new_tf.__dict__["compat"] = Namespace("tf.compat", v1=new_tf)
        found = (new_tf, new_slim, tf2)
    _NAMESPACES[rel] = found
    return found
