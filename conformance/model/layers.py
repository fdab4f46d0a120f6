"""tf_slim layers (fully_connected, conv2d, layer_norm, batch_norm) in terms of the model.

Each layer replays the scope operations tf_slim 1.1.0 and TF's legacy Keras layer
base (tensorflow/python/keras/legacy_tf_layers/base.py) perform, in order:

1. ``variable_scope(scope, default_name, [inputs], reuse=reuse, custom_getter=...) as sc``;
2. for Dense/Conv2D: ``Layer.__init__`` enters ``variable_scope(sc)`` once (re-entry by
   object: opens the name scope ``<last component of sc.name>`` under ``sc``'s name scope,
   e.g. ``fc/fc``, which is only visible through later uniquified names);
3. ``Layer.__call__`` re-enters ``sc`` by object with ``auxiliary_name_scope=False``
   and each ``add_weight`` does so again with ``reuse = built or reuse``;
4. weights go through slim's ``_model_variable_getter`` (renames kernel->weights,
   bias->biases, collections [GLOBAL_VARIABLES, MODEL_VARIABLES]);
5. the ops (MatMul/Conv2D, BiasAdd, Relu) are named in ``sc.original_name_scope``.

slim.batch_norm fails on TF 2.21: for rank-2 inputs (the fused path) after creating
beta/(gamma)/moving_mean/moving_variance with ``AttributeError: module
'tensorflow.python.framework.ops' has no attribute 'Tensor'``; for other ranks, just
after entering its variable scope, with ``ModuleNotFoundError: No module named
'tf_keras'``.  The model reproduces both, side effects included.
"""
import math

from . import core
from .core import (GraphKeys, OutsideModel, Tensor, TensorShape, Variable, get_default_graph,
                   get_variable, get_variable_scope, name_scope, variable_scope)


class _Relu:
    """nn.relu as a recognisable activation_fn default."""

    def __call__(self, features, name=None):
        return relu(features, name=name)


def relu(features, name=None):
    g = get_default_graph()
    if not isinstance(features, Tensor):
        raise OutsideModel("relu of a non-tensor")
    return g._op_tensor(name or "Relu", "Relu", features.dtype, features.shape)


RELU = _Relu()


def _check_activation(activation_fn):
    if activation_fn is not None and activation_fn is not RELU and activation_fn is not relu:
        raise OutsideModel("activation_fn other than relu/None")


def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None, custom_getter=None,
             use_resource=None, synchronization=None, aggregation=None):
    if device is not None:
        raise OutsideModel("slim.variable(device=...)")
    collections = list(collections if collections is not None else [GraphKeys.GLOBAL_VARIABLES])
    collections = list(set(collections))
    getter = get_variable
    if custom_getter is not None:
        reuse = get_variable_scope().reuse

        def getter(*args, **kwargs):
            return custom_getter(*args, reuse=reuse, **kwargs)
    return getter(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                  trainable=trainable, collections=collections, caching_device=caching_device,
                  partitioner=partitioner, use_resource=use_resource, synchronization=synchronization,
                  aggregation=aggregation)


def model_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
                   collections=None, caching_device=None, device=None, partitioner=None,
                   custom_getter=None, use_resource=None, synchronization=None, aggregation=None):
    collections = list(collections or [])
    collections += [GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                    trainable=trainable, collections=collections, caching_device=caching_device,
                    device=device, partitioner=partitioner, custom_getter=custom_getter,
                    use_resource=use_resource, synchronization=synchronization, aggregation=aggregation)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, name, shape=None, dtype=None, initializer=None, regularizer=None,
                              trainable=True, collections=None, caching_device=None, partitioner=None,
                              use_resource=None, synchronization=None, aggregation=None, **_):
        short_name = name.split("/")[-1]
        if rename and short_name in rename:
            parts = name.split("/")
            parts[-1] = rename[short_name]
            name = "/".join(parts)
        return model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                              regularizer=regularizer, collections=collections, trainable=trainable,
                              caching_device=caching_device, partitioner=partitioner, custom_getter=getter,
                              use_resource=use_resource, synchronization=synchronization,
                              aggregation=aggregation)
    return layer_variable_getter


def _add_variable_to_collections(variable_, collections_set, collections_name):
    if collections_set is None:
        return
    if isinstance(collections_set, dict):
        collections = collections_set.get(collections_name, None) or []
    else:
        collections = collections_set
    if isinstance(collections, str):
        collections = [collections]
    g = get_default_graph()
    for c in collections:
        if variable_ not in g.get_collection(c):
            g.add_to_collection(c, variable_)


def _collect_named_outputs(outputs_collections, alias, outputs):
    if outputs_collections:
        raise OutsideModel("outputs_collections")
    return outputs


def _get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


class _LegacyLayer:
    """The scope choreography of TF's legacy ``tf.layers`` base Layer (Dense, Conv2D)."""

    def __init__(self, sc, reuse, dtype, trainable):
        self._reuse = reuse
        self.dtype = dtype
        self.trainable = trainable
        self.built = False
        with variable_scope(sc) as captured_scope:
            self._scope = captured_scope
        self._current_scope = None

    def add_weight(self, name, shape, initializer, trainable=True):
        reuse = self.built or self._reuse
        with variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with name_scope(scope.original_name_scope):
                if initializer is None:
                    initializer = scope.initializer
                if initializer is None:
                    raise OutsideModel("layer weight without an initializer")
                return get_variable(name, shape, dtype=self.dtype, initializer=initializer,
                                    trainable=trainable and self.trainable, use_resource=scope.use_resource)

    def apply(self, inputs):
        with variable_scope(self._scope, reuse=self._reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with name_scope(scope.original_name_scope):
                self.build(inputs.shape)
                self.built = True
                return self.call(inputs)


def _read_children(var):
    return ["ReadVariableOp:ReadVariableOp"] if var._resource else []


class _Dense(_LegacyLayer):
    def __init__(self, units, use_bias, kernel_initializer, bias_initializer, sc, reuse, dtype, trainable):
        self.units, self.use_bias = units, use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        super().__init__(sc, reuse, dtype, trainable)

    def build(self, input_shape):
        if input_shape.rank != 2:
            raise OutsideModel("fully_connected on inputs of rank other than 2")
        last_dim = input_shape.as_list()[-1]
        if last_dim is None:
            raise OutsideModel("fully_connected on inputs with an unknown last dimension")
        self.kernel = self.add_weight("kernel", [last_dim, self.units], self.kernel_initializer)
        self.bias = self.add_weight("bias", [self.units], self.bias_initializer) if self.use_bias else None

    def call(self, inputs):
        g = get_default_graph()
        shape = TensorShape([inputs.shape.as_list()[0], self.units], g.v1)
        out = g._op_tensor("MatMul", "MatMul", self.dtype, shape, _read_children(self.kernel))
        if self.bias is not None:
            out = g._op_tensor("BiasAdd", "BiasAdd", self.dtype, shape, _read_children(self.bias))
        return out


def _pair(value, label):
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return tuple(value)
    raise OutsideModel(f"conv2d {label}={value!r}")


class _Conv2D(_LegacyLayer):
    def __init__(self, filters, kernel_size, strides, padding, use_bias, kernel_initializer, bias_initializer,
                 sc, reuse, dtype, trainable):
        self.filters, self.kernel_size, self.strides, self.padding = filters, kernel_size, strides, padding
        self.use_bias = use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        super().__init__(sc, reuse, dtype, trainable)

    def build(self, input_shape):
        channels = input_shape.as_list()[-1]
        if channels is None:
            raise OutsideModel("conv2d on inputs with an unknown channel dimension")
        self.kernel = self.add_weight("kernel", list(self.kernel_size) + [channels, self.filters],
                                      self.kernel_initializer)
        self.bias = self.add_weight("bias", [self.filters], self.bias_initializer) if self.use_bias else None

    def call(self, inputs):
        g = get_default_graph()
        dims = inputs.shape.as_list()
        out_dims = [dims[0]]
        for n, k, s in zip(dims[1:3], self.kernel_size, self.strides):
            if n is None:
                out_dims.append(None)
            elif self.padding == "SAME":
                out_dims.append(math.ceil(n / s))
            else:
                if n - k + 1 <= 0:
                    raise OutsideModel("conv2d VALID with a kernel larger than the input")
                out_dims.append(math.ceil((n - k + 1) / s))
        out_dims.append(self.filters)
        shape = TensorShape(out_dims, g.v1)
        out = g._op_tensor("Conv2D", "Conv2D", self.dtype, shape, _read_children(self.kernel))
        if self.bias is not None:
            out = g._op_tensor("BiasAdd", "BiasAdd", self.dtype, shape, _read_children(self.bias))
        return out


def _check_inputs(inputs, what):
    if not isinstance(inputs, Tensor):
        raise OutsideModel(f"{what} on something other than a model tensor")
    if inputs.dtype.base_dtype.name not in ("float32", "float64"):
        raise OutsideModel(f"{what} on {inputs.dtype.name} inputs")


def _no_extras(what, **kwargs):
    for key, value in kwargs.items():
        if value is not None:
            raise OutsideModel(f"{what}({key}=...)")


def _apply_layer(layer, inputs, activation_fn, variables_collections, outputs_collections, sc):
    """The tail tf-slim's fully_connected and convolution share: apply, collect, activate."""
    outputs = layer.apply(inputs)
    _add_variable_to_collections(layer.kernel, variables_collections, "weights")
    if layer.bias is not None:
        _add_variable_to_collections(layer.bias, variables_collections, "biases")
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return _collect_named_outputs(outputs_collections, sc.name, outputs)


def fully_connected(inputs, num_outputs, activation_fn=RELU, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=None, weights_regularizer=None,
                    biases_initializer="default", biases_regularizer=None, reuse=None,
                    variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs type should be one of %s, got %s." % ([int], type(num_outputs)))
    _no_extras("fully_connected", normalizer_fn=normalizer_fn, normalizer_params=normalizer_params,
               weights_regularizer=weights_regularizer, biases_regularizer=biases_regularizer)
    _check_activation(activation_fn)
    _check_inputs(inputs, "fully_connected")
    if weights_initializer is None:
        weights_initializer = core.xavier_initializer()
    if biases_initializer == "default":
        biases_initializer = core.zeros_initializer()
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with variable_scope(scope, "fully_connected", [inputs], reuse=reuse, custom_getter=getter) as sc:
        layer = _Dense(num_outputs, bool(biases_initializer), weights_initializer, biases_initializer,
                       sc, reuse, inputs.dtype.base_dtype, trainable)
        return _apply_layer(layer, inputs, activation_fn, variables_collections, outputs_collections, sc)


def conv2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
           activation_fn=RELU, normalizer_fn=None, normalizer_params=None, weights_initializer=None,
           weights_regularizer=None, biases_initializer="default", biases_regularizer=None, reuse=None,
           variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    if data_format not in (None, "NHWC") or rate != 1:
        raise OutsideModel("conv2d data_format/rate")
    if padding not in ("SAME", "VALID"):
        raise OutsideModel(f"conv2d padding={padding!r}")
    _no_extras("conv2d", normalizer_fn=normalizer_fn, normalizer_params=normalizer_params,
               weights_regularizer=weights_regularizer, biases_regularizer=biases_regularizer)
    _check_activation(activation_fn)
    _check_inputs(inputs, "conv2d")
    if not isinstance(num_outputs, int):
        raise OutsideModel("conv2d num_outputs not an int")
    kernel_size, strides = _pair(kernel_size, "kernel_size"), _pair(stride, "stride")
    if weights_initializer is None:
        weights_initializer = core.xavier_initializer()
    if biases_initializer == "default":
        biases_initializer = core.zeros_initializer()
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with variable_scope(scope, "Conv", [inputs], reuse=reuse, custom_getter=getter) as sc:
        input_rank = inputs.shape.rank
        if input_rank != 4:
            if input_rank is None:
                raise OutsideModel("conv2d on inputs of unknown rank")
            raise ValueError("Convolution expects input with rank %d, got %d" % (4, input_rank))
        layer = _Conv2D(num_outputs, kernel_size, strides, padding, bool(biases_initializer),
                        weights_initializer, biases_initializer, sc, reuse, inputs.dtype.base_dtype, trainable)
        return _apply_layer(layer, inputs, activation_fn, variables_collections, outputs_collections, sc)


def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
               outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None):
    if not (center and scale and begin_norm_axis == 1 and begin_params_axis == -1):
        raise OutsideModel("layer_norm with non-default center/scale/axes")
    _check_activation(activation_fn)
    _check_inputs(inputs, "layer_norm")
    g = get_default_graph()
    with variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs_shape = inputs.shape
        inputs_rank = inputs_shape.rank
        if inputs_rank is None:
            raise ValueError("Inputs %s has undefined rank." % inputs.name)
        dtype = inputs.dtype.base_dtype
        if begin_params_axis >= inputs_rank or begin_norm_axis >= inputs_rank:
            raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < rank(inputs) (%d)"
                             % (begin_params_axis, begin_norm_axis, inputs_rank))
        params_shape = inputs_shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s"
                             % (inputs.name, begin_params_axis, inputs_shape))
        beta = model_variable("beta", shape=params_shape, dtype=dtype, initializer=core.zeros_initializer(),
                              collections=_get_variable_collections(variables_collections, "beta"),
                              trainable=trainable)
        gamma = model_variable("gamma", shape=params_shape, dtype=dtype, initializer=core.ones_initializer(),
                               collections=_get_variable_collections(variables_collections, "gamma"),
                               trainable=trainable)
        g._build([("moments", [("mean:Mean", ["reduction_indices:Const"]), "StopGradient:StopGradient",
                               "SquaredDifference:SquaredDifference",
                               ("variance:Mean", ["reduction_indices:Const"])])])
        with g.name_scope("batchnorm"):
            spec = [("add:AddV2", ["y:Const"]), "Rsqrt:Rsqrt",
                    ("mul:Mul", _read_children(gamma)), "mul:Mul", "mul:Mul"]
            if beta._resource:
                spec.append("ReadVariableOp:ReadVariableOp")
            spec += ["sub:Sub", "add:AddV2"]
            last = g._build(spec)
        outputs = Tensor(last, dtype, core._shape_of(inputs_shape._dims, g.v1))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None, updates_collections="update_ops",
               is_training=True, reuse=None, variables_collections=None, outputs_collections=None,
               trainable=True, batch_weights=None, fused=None, data_format="NHWC",
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    _no_extras("batch_norm", param_initializers=param_initializers, param_regularizers=param_regularizers,
               batch_weights=batch_weights, renorm_clipping=renorm_clipping, adjustment=adjustment)
    if (updates_collections != "update_ops" or data_format != "NHWC" or zero_debias_moving_mean or renorm
            or fused is False):
        raise OutsideModel("batch_norm with non-default updates/data_format/fused/renorm")
    _check_activation(activation_fn)
    _check_inputs(inputs, "batch_norm")
    rank = inputs.shape.rank
    if rank is None:
        raise OutsideModel("batch_norm on inputs of unknown rank")
    if rank != 2:
        # The Keras-layer path: tf_slim imports tf_keras inside its variable scope.
        with variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                            custom_getter=_build_variable_getter()):
            raise ModuleNotFoundError("No module named 'tf_keras'")
    g = get_default_graph()
    with variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        channels = inputs.shape.as_list()[-1]
        if channels is None:
            raise ValueError("`C` dimension must be known but is None")
        dtype = inputs.dtype.base_dtype
        g._op_tensor("Reshape", "Reshape", dtype, TensorShape([None, 1, 1, channels], g.v1), ["shape:Const"])
        params_shape = TensorShape([channels], g.v1)
        if center:
            model_variable("beta", shape=params_shape, dtype=dtype, initializer=core.zeros_initializer(),
                           collections=_get_variable_collections(variables_collections, "beta"),
                           trainable=trainable)
        else:
            core.constant_value_tensor(g, 0.0, dtype=dtype, shape=[channels])
        if scale:
            model_variable("gamma", shape=params_shape, dtype=dtype, initializer=core.ones_initializer(),
                           collections=_get_variable_collections(variables_collections, "gamma"),
                           trainable=trainable)
        else:
            core.constant_value_tensor(g, 1.0, dtype=dtype, shape=[channels])
        with variable_scope(get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            model_variable("moving_mean", shape=params_shape, dtype=dtype, initializer=core.zeros_initializer(),
                           trainable=False,
                           collections=_get_variable_collections(variables_collections, "moving_mean"))
            model_variable("moving_variance", shape=params_shape, dtype=dtype,
                           initializer=core.ones_initializer(), trainable=False,
                           collections=_get_variable_collections(variables_collections, "moving_variance"))
        raise AttributeError("module 'tensorflow.python.framework.ops' has no attribute 'Tensor'")


__all__ = ["fully_connected", "conv2d", "layer_norm", "batch_norm", "model_variable", "variable", "relu",
           "Variable"]
