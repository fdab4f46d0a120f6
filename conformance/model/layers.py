"""tf_slim layers (tf_slim/layers/layers.py, ops/variables.py, layers/utils.py, regularizers.py) and
the legacy ``tf.layers`` base they build on (TF's keras/legacy_tf_layers/base.py).

A slim layer (fully_connected, conv2d) does, in order:

1. ``variable_scope(scope, default_name, [inputs], reuse=reuse, custom_getter=getter) as sc``;
2. builds a legacy Keras layer (Dense, Conv2D) with ``_scope=sc``: its constructor enters
   ``variable_scope(sc)`` once (re-entry by object: it opens the name scope ``<last component
   of sc.name>`` under ``sc``'s name scope, e.g. ``fc/fc``, visible only through later
   uniquified names);
3. ``layer.apply``: re-enters ``sc`` by object with ``auxiliary_name_scope=False``, then the
   name scope ``sc.original_name_scope``; each ``add_weight`` does both again, with
   ``reuse = built or reuse`` (before 1.6 these entries open the name scope ``fc/fc_1``, ...
   too: the fact ``layer_name_scopes``);
4. weights go through slim's getter: ``kernel`` -> ``weights``, ``bias`` -> ``biases``,
   collections GLOBAL_VARIABLES and MODEL_VARIABLES;
5. the ops (``MatMul``/``Conv2D``, ``BiasAdd``, the activation) are named in
   ``sc.original_name_scope``.

separable_conv2d (Keras SeparableConv2D; with num_outputs=None slim's own depthwise_weights and
nn.depthwise_conv2d), conv2d_transpose (Conv2DTranspose) and avg/max_pool3d (Pooling3D) follow the same
choreography; flatten builds a Flatten layer without a scope (its variable scope is ``flatten``,
made unique); pool, bias_add, one_hot_encoding and legacy_fully_connected are plain functions.  Their
ops are as tf-slim 1.1.0 makes them on TF 2.21 (the fact ``slim_more_layers`` keeps the Keras-based
ones outside the model on other releases).

slim.batch_norm on TF 2.21: its default path (inputs of rank other than 2, the default
``updates_collections``) fails just after entering its variable scope with
``ModuleNotFoundError: No module named 'tf_keras'``; the fused path (rank 2, or
``updates_collections`` not the very object ``tf.GraphKeys.UPDATE_OPS``) makes beta/gamma/
moving_mean/moving_variance and then fails with ``AttributeError: module
'tensorflow.python.framework.ops' has no attribute 'Tensor'`` -- unless conformance.slim_shim is
active (see slim_shim.py), which puts the alias back and sends batch_norm down the fused path.
"""
import functools

from . import array_ops, init_ops, math_ops, nn_ops
from .arg_scope import add_arg_scope
from .array_ops import identity, reshape, squeeze
from .constant_op import constant, convert_to_tensor
from .context import OutsideModel, state
from .dtypes import DTYPES, as_dtype
from .math_ops import deps_of, multiply
from .ops import GraphKeys, Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import make_shape
from .ops import _GraphNameScope
from .variable_scope import (VariableScope, _get_default_variable_store, get_variable, get_variable_scope,
                             get_variable_scope_store, variable_scope)
from .variables import Variable

_FLOAT32 = DTYPES["float32"]


# --------------------------------------------------------------------------- tf_slim/ops/variables.py

@add_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True, collections=None,
             caching_device=None, device=None, partitioner=None, custom_getter=None, use_resource=None,
             synchronization=None, aggregation=None):
    g = get_default_graph()
    collections = list(collections if collections is not None else [GraphKeys.GLOBAL_VARIABLES])
    getter = get_variable
    if custom_getter is not None:
        if g.rel.slim_variable == "no reuse":  # 1.0: the getter gets no reuse (the store's None: no check)
            getter = custom_getter
            collections = collections or [GraphKeys.GLOBAL_VARIABLES]
        else:
            reuse = get_variable_scope().reuse

            def getter(*args, **kwargs):
                return custom_getter(*args, reuse=reuse, **kwargs)
    collections = list(set(collections))
    with g.device(device or ""):
        return getter(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                      trainable=trainable, collections=collections, caching_device=caching_device,
                      partitioner=partitioner, use_resource=use_resource, synchronization=synchronization,
                      aggregation=aggregation)


@add_arg_scope
def model_variable(name, shape=None, dtype=_FLOAT32, initializer=None, regularizer=None, trainable=True,
                   collections=None, caching_device=None, device=None, partitioner=None, custom_getter=None,
                   use_resource=None, synchronization=None, aggregation=None):
    collections = list(collections or [])
    collections += [GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                    trainable=trainable, collections=collections, caching_device=caching_device, device=device,
                    partitioner=partitioner, custom_getter=custom_getter, use_resource=use_resource,
                    synchronization=synchronization, aggregation=aggregation)



def get_variables(scope=None, suffix=None, collection=GraphKeys.GLOBAL_VARIABLES):
    if scope and isinstance(scope, VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return get_default_graph().get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.MODEL_VARIABLES)


def get_local_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.LOCAL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.TRAINABLE_VARIABLES)


def get_variables_to_restore(include=None, exclude=None):
    if include is None:
        vars_to_include = get_variables()
    else:
        if not isinstance(include, (list, tuple)):
            raise TypeError("include is provided but is not a list or a tuple.")
        vars_to_include = []
        for scope in include:
            vars_to_include += get_variables(scope)
    vars_to_exclude = set()
    if exclude is not None:
        if not isinstance(exclude, (list, tuple)):
            raise TypeError("exclude is provided but is not a list or a tuple.")
        for scope in exclude:
            vars_to_exclude |= set(get_variables(scope))
    return [v for v in vars_to_include if v not in vars_to_exclude]


def get_variables_by_suffix(suffix, scope=None):
    return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name, scope=None):
    suffix = "/" + given_name + ":|^" + given_name + ":"
    return get_variables(scope=scope, suffix=suffix)


def get_unique_variable(var_op_name):
    candidates = get_variables(scope=var_op_name)
    if not candidates:
        raise ValueError("Couldn't find variable %s" % var_op_name)
    for candidate in candidates:
        if candidate.op.name == var_op_name:
            return candidate
    raise ValueError("Variable %s does not uniquely identify a variable" % var_op_name)

_MODEL_VARIABLE_KEY = model_variable._key_op
_VARIABLE_KEY = variable._key_op


def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None, regularizer=None,
                           trainable=True, collections=None, caching_device=None, partitioner=None, rename=None,
                           use_resource=None, synchronization=None, aggregation=None, **_):
    short_name = name.split("/")[-1]
    if rename and short_name in rename:
        name_components = name.split("/")
        name_components[-1] = rename[short_name]
        name = "/".join(name_components)
    return model_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                          collections=collections, trainable=trainable, caching_device=caching_device,
                          partitioner=partitioner, custom_getter=getter, use_resource=use_resource,
                          synchronization=synchronization, aggregation=aggregation)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, *args, **kwargs):
        kwargs["rename"] = rename
        return _model_variable_getter(getter, *args, **kwargs)
    return layer_variable_getter


def _add_variable_to_collections(variable_, collections_set, collections_name):
    collections = get_variable_collections(collections_set, collections_name) or []
    if isinstance(collections, str):
        collections = [collections]
    g = get_default_graph()
    for collection in collections:
        if variable_ not in g.get_collection(collection):
            g.add_to_collection(collection, variable_)


# --------------------------------------------------------------------------- tf_slim/layers/utils.py

def get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def last_dimension(shape, min_rank=1):
    dims = shape.dims
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    value = dims[-1].value
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (-1, shape))
    return value


def append_tensor_alias(tensor, alias):
    if alias[-1] == "/":
        alias = alias[:-1]
    try:
        tensor.aliases.append(alias)
    except AttributeError:
        tensor.aliases = [alias]
    return tensor


def collect_named_outputs(collections, alias, outputs):
    if collections:
        rel = get_default_graph().rel
        if rel.slim_output_alias != "variable scope":
            raise OutsideModel(f"slim's outputs_collections on TF {rel.version} (aliases by name scope)")
        append_tensor_alias(outputs, alias)
        get_default_graph().add_to_collections(collections, outputs)
    elif not alias and get_default_graph().rel.slim_output_alias == "always":  # 1.0: append_tensor_alias('')
        raise IndexError("string index out of range")
    return outputs


def _alias(sc):
    """The alias a layer in variable scope ``sc`` gives its output: the scope's name; TF 1.0 gives its
    original name scope, which is '' for a layer with scope='' even inside another scope."""
    return sc.original_name_scope if get_default_graph().rel.slim_output_alias == "always" else sc.name


def convert_collection_to_dict(collection, clear_collection=False):
    output = {}
    g = get_default_graph()
    for tensor in g.get_collection(collection):
        for alias in tensor.aliases:
            output[alias] = tensor
    if clear_collection:
        g.clear_collection(collection)
    return output


# --------------------------------------------------------------------------- tf_slim/layers/regularizers.py

def l2_regularizer(scale, scope=None):
    if isinstance(scale, bool) or isinstance(scale, int):
        raise ValueError("scale cannot be an integer: %s" % (scale,))
    if isinstance(scale, float):
        if scale < 0.:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g." % scale)
        if scale == 0.:
            return lambda _: None

    def l2(weights):
        with name_scope(scope, "l2_regularizer", [weights]) as name:
            my_scale = convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return multiply(my_scale, nn_ops.l2_loss(weights), name=name)
    return l2


# --------------------------------------------------------------------------- the legacy tf.layers base

class _Layer:
    """keras/legacy_tf_layers/base.py ``Layer``: the variable-scope choreography.

    With ``_fast`` (see ``_fast_path_applies``) each step is replaced by its net effect, which is
    all a program can observe of it: re-entering the layer's scope object ``sc`` (with
    ``variable_scope(sc)``, auxiliary name scope) marks the name scope ``<last component of
    sc.name>`` under the current one, and any re-entry by object leaves sc's default-name counter
    one higher (the counter table is restored to its state just after entry); ``name_scope`` of
    ``sc.original_name_scope`` re-enters it; a weight is what the bottom of the getter chain,
    ``_VariableStore._true_getter``, returns for the renamed name in the root name scope.
    tests/test_model_fastpaths.py checks both paths give the same observations.
    """
    _base_name = "layer"

    def __init__(self, trainable=True, name=None, dtype=None, _scope=None, _reuse=None, _fast=False,
                 _rename=None):
        self._reuse = _reuse
        self.trainable = trainable
        self.built = False
        self.dtype = dtype
        self.name = name
        self._fast = _fast
        self._rename = _rename
        self._trainable_weights = []
        if _scope:
            if _fast:
                _reentered(get_default_graph(), _scope, auxiliary_name_scope=True)
                self._scope = _scope
            else:
                with variable_scope(_scope) as captured_scope:
                    self._scope = captured_scope
        else:
            self._scope = None
        self._current_scope = None

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with variable_scope(scope if scope is not None else self._base_name) as captured_scope:
                    self._scope = captured_scope
            else:
                with variable_scope(scope, default_name=self._base_name) as captured_scope:
                    self._scope = captured_scope

    def add_weight(self, name, shape, initializer=None, regularizer=None, trainable=True, dtype=None):
        g = get_default_graph()
        existing = set(g.get_collection(GraphKeys.GLOBAL_VARIABLES)) if regularizer else ()
        if dtype is None:
            dtype = self.dtype or _FLOAT32
        if self._fast:
            return self._fast_weight(g, name, shape, initializer, trainable, as_dtype(dtype))
        self._set_scope(None)
        reuse = self.built or self._reuse
        with variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=g.rel.layer_name_scopes == "every entry") \
                as scope:
            self._current_scope = scope
            with name_scope(scope.original_name_scope):
                if initializer is None:
                    initializer = scope.initializer
                variable_ = get_variable(name, shape, dtype=as_dtype(dtype), initializer=initializer,
                                         trainable=trainable and self.trainable, use_resource=scope.use_resource)
                if regularizer and variable_ not in existing:
                    # Keras' _handle_weight_regularization + the legacy add_loss: the loss is made now
                    with name_scope(name + "/Regularizer"):
                        loss = regularizer(variable_)
                    if loss is not None:
                        g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
        return variable_

    def _fast_weight(self, g, name, shape, initializer, trainable, dtype):
        sc = self._scope
        _reentered(g, sc, g.rel.layer_name_scopes == "every entry")  # variable_scope(self._scope, reuse, aux=False)
        reuse = self.built or self._reuse
        if reuse is False:
            reuse = None
        reuse = reuse if reuse else sc._reuse  # the re-entered copy's reuse flag
        if initializer is None:
            initializer = sc._initializer
        if self._rename and name in self._rename:  # the layer's getter (_model_variable_getter)
            name = self._rename[name]
        full_name = sc._name + "/" + name if sc._name else name
        old = g._name_stack
        g._name_stack = ""  # VariableScope.get_variable: name_scope(None)
        try:
            store = _get_default_variable_store(g)
            trainable = trainable and self.trainable
            v = store._get_common(g, full_name, shape, dtype, initializer, reuse, trainable, _MODEL_COLLECTIONS,
                                  sc._use_resource)
            if v is None:
                v = store._true_getter(full_name, shape=shape, dtype=dtype.base_dtype, initializer=initializer,
                                       reuse=reuse, trainable=trainable, collections=list(_MODEL_COLLECTIONS),
                                       use_resource=sc._use_resource)
            return v
        finally:
            g._name_stack = old

    def apply(self, inputs, **kwargs):
        self._set_scope(None)
        g = get_default_graph()
        auxiliary = g.rel.layer_name_scopes != "init"  # before 1.6 __call__'s entry opens a name scope
        if self._fast:
            _reentered(g, self._scope, auxiliary_name_scope=auxiliary)
            old = g._name_stack
            _GraphNameScope(g, self._scope._name_scope).__enter__()  # Keras' Layer.__call__ name scope
            try:
                if not self.built:
                    self.build(inputs.shape)
                    self.built = True
                return self.call(inputs, **kwargs)
            finally:
                g._name_stack = old
        with variable_scope(self._scope, reuse=True if self.built else self._reuse,
                            auxiliary_name_scope=auxiliary) as scope:
            self._current_scope = scope
            with name_scope(scope.original_name_scope):  # Keras' Layer.__call__: backend.name_scope(_name_scope())
                if not self.built:
                    self.build(inputs.shape)
                    self.built = True
                return self.call(inputs, **kwargs)


FAST_PATHS = True  # tests/test_model_fastpaths.py turns this off to compare the two paths
_MODEL_COLLECTIONS = (GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES)


def _fast_path_applies(g, sc, layer_getter, initializers, regularizers):
    """Is the layer's choreography unobservable, so that its net effect may replace it?  Not when
    anything user-supplied runs inside it: a custom getter or partitioner of an enclosing scope,
    variable creators, regularizers, initializers of the program's own, arg_scope defaults for
    slim.model_variable or slim.variable."""
    if not FAST_PATHS or g._creators or sc._custom_getter is not layer_getter or sc._partitioner is not None \
            or sc._regularizer is not None or any(r is not None for r in regularizers) \
            or g.rel.slim_variable == "no reuse":  # 1.0: the general path (releases.slim_variable)
        return False
    for init in initializers:
        if init is not None and init is not False and getattr(init, "__module__", None) != init_ops.__name__:
            return False
    defaults = state.arg_stack[-1] if state.arg_stack else None
    return not (defaults and (_MODEL_VARIABLE_KEY in defaults or _VARIABLE_KEY in defaults))


def _reentered(g, sc, auxiliary_name_scope):
    """The net effect of ``with variable_scope(sc, auxiliary_name_scope=...): pass`` for a scope
    object: the name scope <last component of sc.name> marked (auxiliary name scope only), and
    sc's default-name counter one higher."""
    if auxiliary_name_scope:
        last = sc._name.split("/")[-1]
        if last:
            old = g._name_stack
            _GraphNameScope(g, last).__enter__()
            g._name_stack = old
    get_variable_scope_store(g).open_variable_scope(sc._name)


class _Dense(_Layer):
    _base_name = "dense"

    def __init__(self, units, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                 **kwargs):
        super().__init__(**kwargs)
        self.units, self.use_bias = units, use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self.kernel_regularizer, self.bias_regularizer = kernel_regularizer, bias_regularizer

    def build(self, input_shape):
        if input_shape.rank is not None and input_shape.rank != 2:
            raise OutsideModel("fully_connected on inputs of rank other than 2 (Tensordot)")
        last_dim = input_shape.as_list()[-1] if input_shape.rank else None
        if last_dim is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. Found `None`.")
        self.kernel = self.add_weight("kernel", [last_dim, self.units], self.kernel_initializer,
                                      self.kernel_regularizer)
        self.bias = (self.add_weight("bias", [self.units], self.bias_initializer, self.bias_regularizer)
                     if self.use_bias else None)

    def call(self, inputs):
        g = get_default_graph()
        shape = make_shape((inputs.shape._dims[0], self.units), g.v1)
        out = nn_ops._gen("MatMul", None, [inputs, self.kernel], lambda g, x, w: shape)
        if self.bias is not None:
            out = nn_ops.bias_add(out, self.bias)
        return out


def _ntuple(value, n, label):
    """Keras' conv_utils.normalize_tuple and slim's two_element_tuple, for the values the model takes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * n
    if isinstance(value, (list, tuple)) and len(value) == n and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    raise OutsideModel(f"a layer's {label}={value!r}")


def _pair(value, label):
    return _ntuple(value, 2, label)


def _padding(padding):
    if not isinstance(padding, str) or padding.upper() not in ("SAME", "VALID"):
        raise OutsideModel(f"padding={padding!r}")
    return padding.upper()


class _Conv2D(_Layer):
    _base_name = "conv2d"

    def __init__(self, filters, kernel_size, strides, padding, use_bias, kernel_initializer, bias_initializer,
                 kernel_regularizer, bias_regularizer, **kwargs):
        super().__init__(**kwargs)
        self.filters, self.kernel_size, self.strides, self.padding = filters, kernel_size, strides, padding
        self.use_bias = use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self.kernel_regularizer, self.bias_regularizer = kernel_regularizer, bias_regularizer

    def build(self, input_shape):
        channels = input_shape.as_list()[-1]
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
        self.kernel = self.add_weight("kernel", list(self.kernel_size) + [channels, self.filters],
                                      self.kernel_initializer, self.kernel_regularizer)
        self.bias = (self.add_weight("bias", [self.filters], self.bias_initializer, self.bias_regularizer)
                     if self.use_bias else None)

    def call(self, inputs):
        out = nn_ops._layer_conv2d(inputs, self.kernel, [1, *self.strides, 1], self.padding)
        if self.bias is not None:
            out = nn_ops.bias_add(out, self.bias)
        return out


class _SeparableConv2D(_Layer):
    """Keras' SeparableConv2D (legacy layer): weights depthwise_kernel, pointwise_kernel, bias;
    ``call`` is nn.separable_conv2d, then BiasAdd."""
    _base_name = "separable_conv2d"

    def __init__(self, filters, kernel_size, strides, padding, depth_multiplier, use_bias, depthwise_initializer,
                 pointwise_initializer, bias_initializer, depthwise_regularizer, pointwise_regularizer,
                 bias_regularizer, **kwargs):
        super().__init__(**kwargs)
        self.filters, self.kernel_size, self.strides, self.padding = filters, kernel_size, strides, padding
        self.depth_multiplier, self.use_bias = depth_multiplier, use_bias
        self.depthwise_initializer, self.pointwise_initializer = depthwise_initializer, pointwise_initializer
        self.bias_initializer, self.bias_regularizer = bias_initializer, bias_regularizer
        self.depthwise_regularizer, self.pointwise_regularizer = depthwise_regularizer, pointwise_regularizer

    def build(self, input_shape):
        if input_shape.rank != 4:
            raise OutsideModel("separable_conv2d of inputs of rank other than 4 (Keras' input spec)")
        input_dim = input_shape.as_list()[-1]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
        self.depthwise_kernel = self.add_weight("depthwise_kernel",
                                                list(self.kernel_size) + [input_dim, self.depth_multiplier],
                                                self.depthwise_initializer, self.depthwise_regularizer)
        self.pointwise_kernel = self.add_weight("pointwise_kernel",
                                                [1, 1, self.depth_multiplier * input_dim, self.filters],
                                                self.pointwise_initializer, self.pointwise_regularizer)
        self.bias = (self.add_weight("bias", [self.filters], self.bias_initializer, self.bias_regularizer)
                     if self.use_bias else None)

    def call(self, inputs):
        out = nn_ops.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                      strides=(1,) + self.strides + (1,), padding=self.padding, rate=(1, 1),
                                      data_format="NHWC")
        if self.bias is not None:
            out = nn_ops.bias_add(out, self.bias, data_format="NHWC")
        return out


class _Conv2DTranspose(_Conv2D):
    """Keras' Conv2DTranspose (legacy layer; a Conv2D with the same arguments), channels-last:
    weights kernel ([kh, kw, filters, channels]) and bias; ``call`` builds the output shape in the
    graph (``Shape``, the batch as ``strided_slice``, ``stack``), then backend.conv2d_transpose
    (``strided_slice_1`` of that shape, nn.conv2d_transpose's Conv2DBackpropInput), then BiasAdd."""
    _base_name = "conv2d_transpose"

    def build(self, input_shape):
        if input_shape.rank != 4:
            raise OutsideModel("conv2d_transpose of inputs of rank other than 4")
        channels = input_shape.as_list()[-1]
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
        self.kernel = self.add_weight("kernel", list(self.kernel_size) + [self.filters, channels],
                                      self.kernel_initializer, self.kernel_regularizer)
        self.bias = (self.add_weight("bias", [self.filters], self.bias_initializer, self.bias_regularizer)
                     if self.use_bias else None)

    def _length(self, n, k, s):
        """conv_utils.deconv_output_length (no output padding, no dilation) of a known length."""
        return n * s + max(k - s, 0) if self.padding == "VALID" else n * s

    def call(self, inputs):
        g = get_default_graph()
        dims = inputs.shape._dims
        if dims[1] is None or dims[2] is None:
            raise OutsideModel("conv2d_transpose of inputs of unknown height or width (the lengths computed in "
                               "the graph)")
        inputs_shape = array_ops.shape(inputs)
        batch_size = array_ops._index(inputs_shape, 0)
        out_h = self._length(dims[1], self.kernel_size[0], self.strides[0])
        out_w = self._length(dims[2], self.kernel_size[1], self.strides[1])
        output_shape = array_ops._packed([batch_size, out_h, out_w, self.filters], "stack")
        array_ops._index(output_shape, 0)  # backend.conv2d_transpose: `if output_shape[0] is None`
        with name_scope(None, "conv2d_transpose", [inputs, self.kernel, output_shape]) as scope:
            kernel = convert_to_tensor(self.kernel)
            shape = make_shape((dims[0], out_h, out_w, self.filters), g.v1)
            out = new_tensor(g._op(scope, "Conv2DBackpropInput"), inputs.dtype.base_dtype, shape,
                             deps_of(inputs, kernel))
        if self.bias is not None:
            out = nn_ops.bias_add(out, self.bias, data_format="NHWC")
        return out


class _Flatten(_Layer):
    """Keras' Flatten (legacy layer, via core_layers.flatten: no scope given, so its variable
    scope is ``flatten`` made unique under the current one); ``call`` reshapes to a Const shape."""
    _base_name = "flatten"

    def build(self, input_shape):
        pass

    def call(self, inputs):
        g = get_default_graph()
        dims = inputs.shape._dims
        if dims is None or len(dims) < 2:
            raise OutsideModel("flatten of inputs of unknown rank or rank below 2")
        rest = dims[1:]
        if None not in rest:
            last = 1
            for d in rest:
                last *= d
            out = (dims[0], last)
        elif dims[0] is not None:
            out = (dims[0], None)
        else:
            raise OutsideModel("flatten of inputs of unknown batch and inner dimensions (a shape computed in the graph)")
        constant([-1, out[1]] if None not in rest else [dims[0], -1])  # constant_op.constant: "Const"
        with name_scope("Reshape") as scope:  # array_ops.reshape(inputs, that Const)
            return new_tensor(g._op(scope, "Reshape"), inputs.dtype.base_dtype, make_shape(out, g.v1), inputs.deps)


class _Pooling(_Layer):
    """Keras' Pooling2D / Pooling3D (legacy layers): ``call`` pools with ``pool_function``; with
    ``channels_first`` 3-D pooling transposes to channels-last and back around it."""

    def __init__(self, base_name, pool_function, pool_size, strides, padding, rank=2, channels_first=False,
                 **kwargs):
        self._base_name = base_name  # Keras' snake-cased class name: max_pooling2d, average_pooling2d
        super().__init__(**kwargs)
        self.pool_function, self.rank, self.channels_first = pool_function, rank, channels_first
        self.pool_size = _ntuple(pool_size, rank, "kernel_size")
        self.strides, self.padding = _ntuple(strides, rank, "stride"), padding

    def build(self, input_shape):
        pass

    def call(self, inputs):
        if self.rank == 2:
            return self.pool_function(inputs, ksize=(1,) + self.pool_size + (1,),
                                      strides=(1,) + self.strides + (1,), padding=self.padding)
        if inputs.shape.rank != 5:
            raise OutsideModel("3-D pooling of inputs of rank other than 5 (Keras' input spec)")
        if self.channels_first:
            inputs = array_ops.transpose(inputs, (0, 2, 3, 4, 1))
        outputs = self.pool_function(inputs, ksize=(1,) + self.pool_size + (1,),
                                     strides=(1,) + self.strides + (1,), padding=self.padding)
        if self.channels_first:
            outputs = array_ops.transpose(outputs, (0, 4, 1, 2, 3))
        return outputs


class _Dropout(_Layer):
    _base_name = "dropout"

    def build(self, input_shape):
        pass

    def call(self, inputs, training=None):
        if training is not False and training != 0:
            raise OutsideModel("slim.dropout while training (nn.dropout's ops)")
        return identity(inputs)  # smart_cond(training, dropped_inputs, lambda: array_ops.identity(inputs))


# --------------------------------------------------------------------------- tf_slim/layers/layers.py

_RENAME = {"bias": "biases", "kernel": "weights"}
_XAVIER = init_ops.xavier_initializer()
_ZEROS = init_ops.Zeros()


def _float_inputs(inputs, what):
    inputs = convert_to_tensor(inputs)
    if inputs.dtype.base_dtype.name not in ("float16", "float32", "float64"):
        raise OutsideModel(f"{what} on {inputs.dtype.name} inputs")
    return inputs


def _finish(outputs, normalizer_fn, normalizer_params, activation_fn, outputs_collections, sc):
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return collect_named_outputs(outputs_collections, _alias(sc), outputs)


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=_XAVIER, weights_regularizer=None, biases_initializer=_ZEROS,
                    biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs type should be one of %s, got %s." % ([int], type(num_outputs)))
    layer_variable_getter = _build_variable_getter(_RENAME)
    with variable_scope(scope, "fully_connected", [inputs], reuse=reuse, custom_getter=layer_variable_getter) as sc:
        inputs = _float_inputs(inputs, "fully_connected")
        fast = _fast_path_applies(get_default_graph(), sc, layer_variable_getter,
                                  (weights_initializer, biases_initializer), (weights_regularizer, biases_regularizer))
        layer = _Dense(num_outputs, not normalizer_fn and biases_initializer, weights_initializer, biases_initializer,
                       weights_regularizer, biases_regularizer, trainable=trainable, name=sc.name,
                       dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse, _fast=fast, _rename=_RENAME)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.bias is not None:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        return _finish(outputs, normalizer_fn, normalizer_params, activation_fn, outputs_collections, sc)


@add_arg_scope
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None, weights_initializer=_XAVIER,
                weights_regularizer=None, biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                variables_collections=None, outputs_collections=None, trainable=True, scope=None, conv_dims=None):
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    layer_variable_getter = _build_variable_getter(_RENAME)
    with variable_scope(scope, "Conv", [inputs], reuse=reuse, custom_getter=layer_variable_getter) as sc:
        inputs = _float_inputs(inputs, "convolution")
        input_rank = inputs.shape.rank
        if conv_dims is not None and conv_dims + 2 != input_rank:
            raise ValueError("Convolution expects input with rank %d, got %d" % (conv_dims + 2, input_rank))
        if input_rank != 4:
            raise OutsideModel("convolution of inputs of rank other than 4")
        if data_format not in (None, "NHWC") or rate != 1:
            raise OutsideModel("conv2d data_format/rate")
        if not isinstance(num_outputs, int):
            raise OutsideModel("conv2d num_outputs not an int")
        fast = _fast_path_applies(get_default_graph(), sc, layer_variable_getter,
                                  (weights_initializer, biases_initializer), (weights_regularizer, biases_regularizer))
        layer = _Conv2D(num_outputs, _pair(kernel_size, "kernel_size"), _pair(stride, "stride"), _padding(padding),
                        not normalizer_fn and biases_initializer, weights_initializer, biases_initializer,
                        weights_regularizer, biases_regularizer, trainable=trainable, name=sc.name,
                        dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse, _fast=fast, _rename=_RENAME)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.use_bias:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        return _finish(outputs, normalizer_fn, normalizer_params, activation_fn, outputs_collections, sc)


@add_arg_scope
def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                  activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer=_XAVIER, weights_regularizer=None, biases_initializer=_ZEROS,
                  biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate, activation_fn,
                       normalizer_fn, normalizer_params, weights_initializer, weights_regularizer,
                       biases_initializer, biases_regularizer, reuse, variables_collections, outputs_collections,
                       trainable, scope, conv_dims=2)


conv2d = convolution2d


def _pool2d(kind, base_name, function):
    def pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC", outputs_collections=None,
               scope=None):
        if data_format not in ("NCHW", "NHWC"):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        if data_format != "NHWC":
            raise OutsideModel("pooling with data_format NCHW")
        with name_scope(scope, kind, [inputs]) as sc:
            inputs = convert_to_tensor(inputs)
            layer = _Pooling(base_name, function, kernel_size, stride, _padding(padding), _scope=sc)
            outputs = layer.apply(inputs)
            return collect_named_outputs(outputs_collections, sc, outputs)
    pool2d.__name__ = kind.lower().replace("pool2d", "_pool2d")
    return add_arg_scope(pool2d)


max_pool2d = _pool2d("MaxPool2D", "max_pooling2d", nn_ops.max_pool)
avg_pool2d = _pool2d("AvgPool2D", "average_pooling2d", nn_ops.avg_pool)



def _pool3d(kind, base_name, function):
    def pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format="NDHWC", outputs_collections=None,
               scope=None):
        _measured(f"slim.{pool3d.__name__}")
        if data_format not in ("NCDHW", "NDHWC"):
            raise ValueError("data_format has to be either NCDHW or NDHWC.")
        with name_scope(scope, kind, [inputs]) as sc:
            inputs = convert_to_tensor(inputs)
            layer = _Pooling(base_name, function, kernel_size, stride, _padding(padding), rank=3,
                             channels_first=data_format.startswith("NC"), _scope=sc)
            outputs = layer.apply(inputs)
            return collect_named_outputs(outputs_collections, sc, outputs)
    pool3d.__name__ = kind.lower().replace("pool3d", "_pool3d")
    return add_arg_scope(pool3d)


max_pool3d = _pool3d("MaxPool3D", "max_pooling3d", nn_ops.max_pool3d)
avg_pool3d = _pool3d("AvgPool3D", "average_pooling3d", nn_ops.avg_pool3d)


def _measured(what):
    """The constructs modelled from tf-slim 1.1.0 on the pinned TF only (releases.py,
    ``slim_more_layers``): outside the model on other releases."""
    rel = get_default_graph().rel
    if rel.slim_more_layers != "measured":
        raise OutsideModel(f"{what} on TF {rel.version} (modelled as TF 2.21 makes it)")


@add_arg_scope
def pool(inputs, kernel_size, pooling_type, padding="VALID", data_format=None, dilation_rate=1, stride=1,
         outputs_collections=None, scope=None):
    """slim.pool: nn.pool named by slim's name scope ``<type>_pool`` (the op is named after it)."""
    _measured("slim.pool")
    g = get_default_graph()
    with name_scope(scope, "%s_pool" % (pooling_type.lower()), [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        input_rank = inputs.shape.rank
        if input_rank is None:
            raise ValueError("Rank of inputs must be known")
        if input_rank < 3:
            raise ValueError("Rank of inputs must be >= 3")
        if input_rank != 4 or data_format not in (None, "NHWC"):
            raise OutsideModel("slim.pool of other than 2-D channels-last inputs")
        if pooling_type not in ("MAX", "AVG") or padding not in ("SAME", "VALID"):
            raise OutsideModel(f"slim.pool(pooling_type={pooling_type!r}, padding={padding!r})")
        window = _pair(kernel_size, "kernel_size")
        strides = _pair(stride, "stride")
        _pair(dilation_rate, "dilation_rate")
        if any(s > w for s, w in zip(strides, window)):
            raise OutsideModel("slim.pool with strides larger than its window (nn.pool's ValueError)")
        with name_scope(sc) as scope:  # nn.pool: name_scope(name=sc) re-enters it
            nn_ops._rate_of_ones(g, dilation_rate)
            function = nn_ops.max_pool if pooling_type == "MAX" else nn_ops.avg_pool
            output = function(inputs, (1,) + window + (1,), (1,) + strides + (1,), padding, name=scope)
        return collect_named_outputs(outputs_collections, sc, output)


@add_arg_scope
def bias_add(inputs, activation_fn=None, initializer=_ZEROS, regularizer=None, reuse=None,
             variables_collections=None, outputs_collections=None, trainable=True, data_format="NHWC", scope=None):
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        inputs_shape = inputs.shape
        inputs_rank = inputs_shape.rank
        if inputs_rank is None:
            raise ValueError("Dims of shape must be known but is None")
        elif inputs_rank != 4 and data_format == "NCHW":
            raise ValueError("Data format NCHW only supports 4D Tensor")
        axis = 1 if data_format == "NCHW" else -1
        num_features = inputs_shape._dims[axis]
        if num_features is None:
            raise ValueError("`C` dimension must be known but is None")
        if data_format == "NCHW":
            raise OutsideModel("slim.bias_add with data_format NCHW")
        biases = model_variable("biases", shape=[num_features], dtype=dtype, initializer=initializer,
                                regularizer=regularizer,
                                collections=get_variable_collections(variables_collections, "biases"),
                                trainable=trainable)
        outputs = nn_ops.bias_add(inputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, _alias(sc), outputs)


_SEPARABLE_RENAME = {"bias": "biases", "depthwise_kernel": "depthwise_weights", "pointwise_kernel": "pointwise_weights"}


@add_arg_scope
def separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1, padding="SAME",
                            data_format="NHWC", rate=1, activation_fn=nn_ops.relu, normalizer_fn=None,
                            normalizer_params=None, weights_initializer=_XAVIER, pointwise_initializer=None,
                            weights_regularizer=None, biases_initializer=_ZEROS, biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
                            scope=None):
    _measured("slim.separable_conv2d")
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    layer_variable_getter = _build_variable_getter(_SEPARABLE_RENAME)
    with variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse, custom_getter=layer_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        if inputs.dtype.base_dtype.name not in ("float16", "float32", "float64") and weights_initializer is not _XAVIER:
            raise OutsideModel(f"separable_conv2d on {inputs.dtype.name} inputs")  # xavier's TypeError is modelled
        if pointwise_initializer is None:
            pointwise_initializer = weights_initializer
        if data_format != "NHWC" or _pair(rate, "rate") != (1, 1):
            raise OutsideModel("separable_conv2d with data_format NCHW or a dilation rate")
        if num_outputs is not None:
            if not isinstance(num_outputs, int) or isinstance(num_outputs, bool) or num_outputs < 0 \
                    or not isinstance(depth_multiplier, int):
                raise OutsideModel("separable_conv2d with num_outputs or depth_multiplier not an int")
            fast = _fast_path_applies(get_default_graph(), sc, layer_variable_getter,
                                      (weights_initializer, pointwise_initializer, biases_initializer),
                                      (weights_regularizer, biases_regularizer))
            layer = _SeparableConv2D(num_outputs, _pair(kernel_size, "kernel_size"), _pair(stride, "stride"),
                                     _padding(padding), depth_multiplier, not normalizer_fn and biases_initializer,
                                     weights_initializer, pointwise_initializer, biases_initializer,
                                     weights_regularizer, weights_regularizer, biases_regularizer,
                                     trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc,
                                     _reuse=reuse, _fast=fast, _rename=_SEPARABLE_RENAME)
            outputs = layer.apply(inputs)
            _add_variable_to_collections(layer.depthwise_kernel, variables_collections, "weights")
            _add_variable_to_collections(layer.pointwise_kernel, variables_collections, "weights")
            if layer.bias is not None:
                _add_variable_to_collections(layer.bias, variables_collections, "biases")
            if normalizer_fn is not None:
                outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        else:
            dtype = inputs.dtype.base_dtype
            kernel_h, kernel_w = _pair(kernel_size, "kernel_size")
            stride_h, stride_w = _pair(stride, "stride")
            num_filters_in = last_dimension(inputs.shape, min_rank=4)
            if padding not in ("SAME", "VALID") or not isinstance(depth_multiplier, int):
                raise OutsideModel(f"a depthwise separable_conv2d with padding={padding!r} or a depth_multiplier "
                                   "not an int")
            depthwise_weights = model_variable(
                "depthwise_weights", shape=[kernel_h, kernel_w, num_filters_in, depth_multiplier], dtype=dtype,
                initializer=weights_initializer, regularizer=weights_regularizer, trainable=trainable,
                collections=get_variable_collections(variables_collections, "weights"))
            outputs = nn_ops.depthwise_conv2d(inputs, depthwise_weights, [1, stride_h, stride_w, 1], padding,
                                              rate=(1, 1), data_format=data_format)
            num_outputs = depth_multiplier * num_filters_in
            if normalizer_fn is not None:
                outputs = normalizer_fn(outputs, **(normalizer_params or {}))
            elif biases_initializer is not None:
                biases = model_variable(
                    "biases", shape=[num_outputs], dtype=dtype, initializer=biases_initializer,
                    regularizer=biases_regularizer, trainable=trainable,
                    collections=get_variable_collections(variables_collections, "biases"))
                outputs = nn_ops.bias_add(outputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, _alias(sc), outputs)


separable_conv2d = separable_convolution2d


@add_arg_scope
def convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format="NHWC",
                            activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
                            weights_initializer=_XAVIER, weights_regularizer=None, biases_initializer=_ZEROS,
                            biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    _measured("slim.conv2d_transpose")
    layer_variable_getter = _build_variable_getter(_RENAME)
    with variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse, custom_getter=layer_variable_getter) as sc:
        if data_format not in ("NCHW", "NHWC"):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        inputs = _float_inputs(inputs, "conv2d_transpose")
        if data_format != "NHWC":
            raise OutsideModel("conv2d_transpose with data_format NCHW")
        if not isinstance(num_outputs, int) or isinstance(num_outputs, bool) or num_outputs < 0:
            raise OutsideModel("conv2d_transpose num_outputs not an int")
        fast = _fast_path_applies(get_default_graph(), sc, layer_variable_getter,
                                  (weights_initializer, biases_initializer), (weights_regularizer, biases_regularizer))
        layer = _Conv2DTranspose(num_outputs, _pair(kernel_size, "kernel_size"), _pair(stride, "stride"),
                                 _padding(padding), not normalizer_fn and biases_initializer, weights_initializer,
                                 biases_initializer, weights_regularizer, biases_regularizer, trainable=trainable,
                                 name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse, _fast=fast,
                                 _rename=_RENAME)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.bias is not None:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        return _finish(outputs, normalizer_fn, normalizer_params, activation_fn, outputs_collections, sc)


conv2d_transpose = convolution2d_transpose


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None, scope=None):
    _measured("slim.one_hot_encoding")
    with name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = convert_to_tensor(labels)
        if labels.dtype.base_dtype.name == "int32":
            labels = math_ops.cast(labels, DTYPES["int64"], name="ToInt64")  # standard_ops.to_int64
        outputs = array_ops.one_hot(labels, num_classes, on_value=on_value, off_value=off_value)
        return collect_named_outputs(outputs_collections, sc, outputs)


def legacy_fully_connected(x, num_output_units, activation_fn=None, weight_init=_XAVIER, bias_init=_ZEROS, name=None,
                           weight_collections=(GraphKeys.WEIGHTS,), bias_collections=(GraphKeys.BIASES,),
                           output_collections=(GraphKeys.ACTIVATIONS,), trainable=True, weight_regularizer=None,
                           bias_regularizer=None):
    with variable_scope(name, "fully_connected", [x]):
        x = convert_to_tensor(x)
        dims = x.shape._dims
        if dims is None:
            raise ValueError("dims of x must be known but is None")
        if len(dims) < 2:
            raise ValueError("rank of x must be at least 2 not: %d" % len(dims))
        num_input_units = dims[-1]
        if num_input_units is None:
            raise ValueError("last dimension of x must be known but is None")
        if len(dims) > 2:
            raise OutsideModel("legacy_fully_connected of inputs of rank above 2 (unstack, stack, reshape)")
        dtype = x.dtype.base_dtype
        weight_collections = set(list(weight_collections or []) + [GraphKeys.GLOBAL_VARIABLES])
        w = get_variable("weights", shape=[num_input_units, num_output_units], dtype=dtype, initializer=weight_init,
                         collections=weight_collections, regularizer=weight_regularizer, trainable=trainable)
        y = math_ops.matmul(x, w)
        if bias_init is not None:
            bias_collections = set(list(bias_collections or []) + [GraphKeys.GLOBAL_VARIABLES])
            b = get_variable("bias", shape=[num_output_units], dtype=dtype, initializer=bias_init,
                             collections=bias_collections, regularizer=bias_regularizer, trainable=trainable)
            y = nn_ops.bias_add(y, b)
        if activation_fn is not None:  # _apply_activation
            y = activation_fn(y)
        get_default_graph().add_to_collections(list(output_collections or []) + [GraphKeys.ACTIVATIONS], y)
        return y


elu = functools.partial(fully_connected, activation_fn=nn_ops.elu)
legacy_relu = functools.partial(legacy_fully_connected, activation_fn=nn_ops.relu)
legacy_linear = functools.partial(legacy_fully_connected, activation_fn=None)
relu = functools.partial(fully_connected, activation_fn=nn_ops.relu)
relu6 = functools.partial(fully_connected, activation_fn=nn_ops.relu6)
linear = functools.partial(fully_connected, activation_fn=None)

@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None, scope=None,
            seed=None):
    with variable_scope(scope, "Dropout", [inputs], custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        layer = _Dropout(name=sc.name, _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return collect_named_outputs(outputs_collections, _alias(sc), outputs)


def repeat(inputs, repetitions, layer, *args, **kwargs):
    scope = kwargs.pop("scope", None)
    with variable_scope(scope, "Repeat", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            if hasattr(layer, "__name__"):
                scope = layer.__name__
            elif hasattr(layer, "func") and hasattr(layer.func, "__name__"):
                scope = layer.func.__name__
            else:
                scope = "repeat"
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


def stack(inputs, layer, stack_args, **kwargs):
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with variable_scope(scope, "Stack", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            if hasattr(layer, "__name__"):
                scope = layer.__name__
            elif hasattr(layer, "func") and hasattr(layer.func, "__name__"):
                scope = layer.func.__name__
            else:
                scope = "stack"
        outputs = inputs
        for i in range(len(stack_args)):
            kwargs["scope"] = scope + "_" + str(i + 1)
            layer_args = stack_args[i]
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


_MOMENTS = [("mean", ["reduction_indices:Const"], "Mean"), "StopGradient:StopGradient",
            "SquaredDifference:SquaredDifference", ("variance", ["reduction_indices:Const"], "Mean")]
_OLD_MOMENTS = {  # nn.moments(inputs, axes, keep_dims=True) of 1.0-1.1 and 1.2 (releases.moments)
    "sufficient statistics": [
        ("Mean", ["reduction_indices:Const"], "Mean"), "StopGradient:StopGradient",
        ("sufficient_statistics", ["Const:Const", "Sub:Sub", "SquaredDifference:SquaredDifference",
                                   ("mean_ss", ["reduction_indices:Const"], "Sum"),
                                   ("var_ss", ["reduction_indices:Const"], "Sum")]),
        "Shape:Shape", "Reshape:Reshape",
        ("normalize", ["divisor:Reciprocal", "shifted_mean:Mul", "mean:Add", "Mul:Mul", "Square:Square",
                       "variance:Sub"])],
    "shifted": [
        ("Mean", ["reduction_indices:Const"], "Mean"), "StopGradient:StopGradient", "Sub:Sub",
        ("shifted_mean", ["reduction_indices:Const"], "Mean"), "SquaredDifference:SquaredDifference",
        ("Mean", ["reduction_indices:Const"], "Mean"), "Square:Square", "variance:Sub", "mean:Add"]}


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
               outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None):
    if not (center and scale and begin_norm_axis == 1 and begin_params_axis == -1):
        raise OutsideModel("layer_norm with non-default center/scale/axes")
    g = get_default_graph()
    with variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = _float_inputs(inputs, "layer_norm")
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
        beta = model_variable("beta", shape=params_shape, dtype=dtype, initializer=init_ops.Zeros(),
                              collections=get_variable_collections(variables_collections, "beta"),
                              trainable=trainable)
        gamma = model_variable("gamma", shape=params_shape, dtype=dtype, initializer=init_ops.Ones(),
                               collections=get_variable_collections(variables_collections, "gamma"),
                               trainable=trainable)
        # nn.moments(inputs, axes, keep_dims=True) and nn.batch_normalization(...)
        moments = g.rel.moments
        if moments == "direct":
            g._scoped("moments", _MOMENTS)
        else:  # releases.moments: 1.0-1.2
            if moments == "sufficient statistics" and None in inputs_shape._dims[1:]:
                raise OutsideModel(f"nn.moments over unknown dimensions on TF {g.rel.version}")
            g._scoped("moments", _OLD_MOMENTS[moments])
        read = ["ReadVariableOp:ReadVariableOp"] if beta._resource else []
        last = g._scoped("batchnorm", [("add", ["y:Const"], "AddV2"), "Rsqrt:Rsqrt", ("mul", read, "Mul"),
                                       "mul:Mul", "mul:Mul", *read, "sub:Sub", "add:AddV2"])
        outputs = new_tensor(last, dtype, make_shape(inputs_shape._dims, g.v1))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, _alias(sc), outputs)


_UPDATE_OPS = GraphKeys.UPDATE_OPS


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None, updates_collections=_UPDATE_OPS,
               is_training=True, reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC", zero_debias_moving_mean=False, scope=None,
               renorm=False, renorm_clipping=None, renorm_decay=0.99, adjustment=None):
    rel = get_default_graph().rel
    if rel.slim_batch_norm != "breaks":
        raise OutsideModel(f"slim.batch_norm on TF {rel.version}, where it works: its ops are not modelled")
    if state.slim_shim:
        if renorm not in (False, None) or adjustment not in (False, None):
            raise NotImplementedError(
                f"slim_shim: batch_norm({'renorm' if renorm not in (False, None) else 'adjustment'}=...) needs the "
                "Keras BatchNormalization layer, which this TensorFlow does not provide")
        if updates_collections is _UPDATE_OPS:
            updates_collections = [_UPDATE_OPS]
    if fused is None:
        fused = True
    inputs = convert_to_tensor(inputs)
    rank = inputs.shape.rank
    possible_to_fuse = batch_weights is None and not renorm and rank in [2, 4] and adjustment is None
    if fused and possible_to_fuse and (zero_debias_moving_mean or rank == 2
                                       or updates_collections is not _UPDATE_OPS):
        return _fused_batch_norm(inputs, decay, center, scale, epsilon, activation_fn, param_initializers,
                                 param_regularizers, updates_collections, is_training, reuse,
                                 variables_collections, outputs_collections, trainable, data_format,
                                 zero_debias_moving_mean, scope)
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with variable_scope(scope, "BatchNorm", [inputs], reuse=reuse, custom_getter=_build_variable_getter()):
        inputs = convert_to_tensor(inputs)
        if batch_weights is None and updates_collections is _UPDATE_OPS and not zero_debias_moving_mean:
            # normalization_layers.BatchNormalization: a lazy alias of tf_keras, not installed
            raise ModuleNotFoundError("No module named 'tf_keras'")
        raise OutsideModel("batch_norm's non-fused, non-Keras path")


def _fused_batch_norm(inputs, decay, center, scale, epsilon, activation_fn, param_initializers, param_regularizers,
                      updates_collections, is_training, reuse, variables_collections, outputs_collections,
                      trainable, data_format, zero_debias_moving_mean, scope):
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    if data_format != "NHWC" or zero_debias_moving_mean:
        raise OutsideModel("fused batch_norm with NCHW or zero_debias_moving_mean")
    g = get_default_graph()
    with variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        original_shape = inputs.shape
        original_rank = original_shape.rank
        if original_rank is None:
            raise ValueError("Inputs %s has undefined rank" % inputs.name)
        if original_rank not in (2, 4):
            raise ValueError("Inputs %s has unsupported rank. Expected 2 or 4 but got %d"
                             % (inputs.name, original_rank))
        if original_rank == 2:
            channels = original_shape._dims[-1]
            if channels is None:
                raise ValueError("`C` dimension must be known but is None")
            inputs = reshape(inputs, [-1, 1, 1, channels])
        params_shape = inputs.shape[-1:]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s has undefined `C` dimension %s." % (inputs.name, params_shape))
        param_initializers = param_initializers or {}
        param_regularizers = param_regularizers or {}
        if center:
            model_variable("beta", shape=params_shape, dtype=_FLOAT32,
                           initializer=param_initializers.get("beta", init_ops.Zeros()),
                           regularizer=param_regularizers.get("beta"),
                           collections=get_variable_collections(variables_collections, "beta"), trainable=trainable)
        else:
            constant(0.0, dtype=_FLOAT32, shape=params_shape)
        if scale:
            model_variable("gamma", shape=params_shape, dtype=_FLOAT32,
                           initializer=param_initializers.get("gamma", init_ops.Ones()),
                           regularizer=param_regularizers.get("gamma"),
                           collections=get_variable_collections(variables_collections, "gamma"), trainable=trainable)
        else:
            constant(1.0, dtype=_FLOAT32, shape=params_shape)
        with variable_scope(get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            moving_mean = model_variable(
                "moving_mean", shape=params_shape, dtype=_FLOAT32,
                initializer=param_initializers.get("moving_mean", init_ops.Zeros()), trainable=False,
                collections=get_variable_collections(variables_collections, "moving_mean"))
            moving_variance = model_variable(
                "moving_variance", shape=params_shape, dtype=_FLOAT32,
                initializer=param_initializers.get("moving_variance", init_ops.Ones()), trainable=False,
                collections=get_variable_collections(variables_collections, "moving_variance"))
        if not state.slim_shim:
            # utils.smart_cond -> utils.constant_value: isinstance(value, (ops.Tensor, ...))
            raise AttributeError("module 'tensorflow.python.framework.ops' has no attribute 'Tensor'")
        # Under the shim: nn.fused_batch_norm and, while training, the moving-average updates.
        # Their ops are not modelled: the op list is marked inexact.
        g._inexact = "slim.batch_norm under conformance.slim_shim (fused_batch_norm's ops)"
        if isinstance(is_training, (Tensor, Variable)):
            raise OutsideModel("batch_norm with a tensor is_training")
        outputs = identity(inputs, name="FusedBatchNormV3")
        if is_training and updates_collections is not None:
            for v in (moving_mean, moving_variance):
                g.add_to_collections(updates_collections, v.assign_sub(0.0, name="AssignMovingAvg"))
        elif is_training:
            raise OutsideModel("batch_norm with updates_collections=None under the shim")
        if original_rank == 2:
            outputs = reshape(outputs, [-1 if d is None else d for d in original_shape._dims])
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, _alias(sc), outputs)


def softmax(logits, scope=None):
    with variable_scope(scope, "softmax", [logits]):
        num_logits = last_dimension(logits.get_shape(), min_rank=2)
        logits_2d = reshape(logits, [-1, num_logits])
        predictions = nn_ops.softmax(logits_2d)
        predictions = reshape(predictions, array_ops.shape(logits))
        predictions.set_shape(logits.get_shape())
        return predictions


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    _measured("slim.flatten")
    with name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        outputs = _Flatten().apply(inputs)  # core_layers.flatten(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


__all__ = ["fully_connected", "conv2d", "convolution", "convolution2d", "layer_norm", "batch_norm", "max_pool2d",
           "avg_pool2d", "max_pool3d", "avg_pool3d", "pool", "dropout", "flatten", "repeat", "stack", "bias_add",
           "separable_conv2d", "separable_convolution2d", "conv2d_transpose", "convolution2d_transpose",
           "one_hot_encoding", "legacy_fully_connected", "elu", "legacy_relu", "legacy_linear", "relu", "relu6",
           "linear", "model_variable", "variable", "l2_regularizer", "convert_collection_to_dict",
           "collect_named_outputs", "squeeze", "get_variables", "get_model_variables", "get_local_variables",
           "get_trainable_variables", "get_variables_to_restore", "get_variables_by_suffix", "get_variables_by_name",
           "get_unique_variable"]
