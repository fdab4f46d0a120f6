"""Neural-network ops (TF's ops/nn_ops.py, nn_impl.py): names and static shapes.

Each is a generated op: ``name_scope(name or <type>)``, inputs converted inside (a
resource variable gives ``<scope>/ReadVariableOp``), op named after the scope.
"""
import math

from .constant_op import convert_to_tensor
from .math_ops import deps_of
from .context import OutsideModel
from .ops import Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import make_shape


def _gen(type_, name, inputs, shape_fn):
    g = get_default_graph()
    if all(isinstance(x, Tensor) for x in inputs):  # nothing to convert inside the name scope
        xs = inputs
        op = g._gen_op(name, type_)
    else:
        with name_scope(name or type_) as scope:
            xs = [convert_to_tensor(x) for x in inputs]
            op = g._op(scope, type_)
    return new_tensor(op, xs[0].dtype.base_dtype, shape_fn(g, *xs), deps_of(*xs))


def _same_shape(g, x, *rest):
    return x.shape


def relu(features, name=None):
    return _gen("Relu", name, [features], _same_shape)


def relu6(features, name=None):
    return _gen("Relu6", name, [features], _same_shape)


def softmax(logits, axis=None, name=None):
    if axis not in (None, -1):
        raise OutsideModel("softmax along another axis than the last")
    return _gen("Softmax", name, [logits], _same_shape)


def bias_add(value, bias, data_format=None, name=None):
    if data_format not in (None, "NHWC", "N...C"):
        raise OutsideModel(f"bias_add(data_format={data_format!r})")
    return _gen("BiasAdd", name, [value, bias], _same_shape)


def l2_loss(t, name=None):
    return _gen("L2Loss", name, [t], lambda g, x: make_shape((), g.v1))


def _window_dim(n, k, s, padding):
    if n is None:
        return None
    if padding == "SAME":
        return math.ceil(n / s)
    if n - k + 1 <= 0:
        raise OutsideModel("a VALID window larger than its input")
    return math.ceil((n - k + 1) / s)


def _four(value, label):
    if isinstance(value, int):
        return [1, value, value, 1]
    value = list(value)
    if len(value) == 1:
        return [1, value[0], value[0], 1]
    if len(value) == 2:
        return [1, value[0], value[1], 1]
    if len(value) == 4:
        return value
    raise OutsideModel(f"{label}={value!r}")


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True, data_format="NHWC",  # noqa: A002
           dilations=(1, 1, 1, 1), name=None, filters=None):
    filter = filters if filter is None else filter  # noqa: A001
    if data_format not in (None, "NHWC"):
        raise OutsideModel(f"conv2d(data_format={data_format!r})")
    if padding not in ("SAME", "VALID"):
        raise OutsideModel(f"conv2d(padding={padding!r})")
    strides = _four(strides, "strides")
    if list(_four(dilations, "dilations")) != [1, 1, 1, 1]:
        raise OutsideModel("conv2d with dilations")

    def shape_fn(g, x, w):
        xd, wd = x.shape._dims, w.shape._dims
        if xd is None or wd is None or len(xd) != 4 or len(wd) != 4:
            raise OutsideModel("conv2d of tensors of unknown rank or rank other than 4")
        if xd[3] is not None and wd[2] is not None and xd[3] != wd[2]:
            raise ValueError(f"Depth of input ({xd[3]}) is not a multiple of input depth of filter ({wd[2]})")
        return make_shape((xd[0], _window_dim(xd[1], wd[0], strides[1], padding),
                           _window_dim(xd[2], wd[1], strides[2], padding), wd[3]), g.v1)
    return _gen("Conv2D", name, [input, filter], shape_fn)


def _layer_conv2d(inputs, kernel, strides, padding):
    """The op(s) of the Keras Conv2D layer slim.conv2d builds, as each release makes them."""
    g = get_default_graph()
    ops_ = g.rel.conv2d_ops
    if ops_ == "convolution":  # 1.0-1.3: nn.convolution(name=None), no dilation (the caller checked)
        old, scope = g._push_scope("convolution")
        try:
            g._op("Shape", "Shape")  # with_space_to_batch(filter_shape=array_ops.shape(filter))
            g._op("dilation_rate", "Const")
            return conv2d(inputs, kernel, strides=strides, padding=padding, name=scope)  # _non_atrous_convolution
        finally:
            g._name_stack = old
    if ops_ == "dilation_rate":
        g._op("dilation_rate", "Const")
    return conv2d(inputs, kernel, strides=strides, padding=padding)


def _pool(type_):
    def pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa: A002
        value = input if value is None else value
        if data_format not in (None, "NHWC"):
            raise OutsideModel(f"pooling with data_format={data_format!r}")
        k, s = _four(ksize, "ksize"), _four(strides, "strides")

        def shape_fn(g, x):
            xd = x.shape._dims
            if xd is None or len(xd) != 4:
                raise OutsideModel("pooling a tensor of unknown rank or rank other than 4")
            return make_shape((xd[0], _window_dim(xd[1], k[1], s[1], padding), _window_dim(xd[2], k[2], s[2], padding),
                               xd[3]), g.v1)
        return _gen(type_, name, [value], shape_fn)
    return pool


max_pool = _pool("MaxPool")
avg_pool = _pool("AvgPool")


def elu(features, name=None):
    return _gen("Elu", name, [features], _same_shape)


def _five(value, label):
    if isinstance(value, int):
        return [1, value, value, value, 1]
    value = list(value)
    if len(value) == 5:
        return value
    raise OutsideModel(f"{label}={value!r}")


def _pool3d(type_):
    def pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
        """nn_ops.avg_pool3d / max_pool3d: ``name_scope(name, <type>)``, the op named after it."""
        if data_format not in (None, "NDHWC"):
            raise OutsideModel(f"3-D pooling with data_format={data_format!r}")
        if padding not in ("SAME", "VALID"):
            raise OutsideModel(f"3-D pooling with padding={padding!r}")
        k, s = _five(ksize, "ksize"), _five(strides, "strides")

        def shape_fn(g, x):
            xd = x.shape._dims
            if xd is None or len(xd) != 5:
                raise OutsideModel("3-D pooling of a tensor of unknown rank or rank other than 5")
            return make_shape((xd[0], *(_window_dim(xd[i], k[i], s[i], padding) for i in (1, 2, 3)), xd[4]), g.v1)
        return _gen(type_, name, [input], shape_fn)
    return pool3d


avg_pool3d = _pool3d("AvgPool3D")
max_pool3d = _pool3d("MaxPool3D")


def _rate_of_ones(g, rate):
    """nn_ops.with_space_to_batch (its _WithSpaceToBatch) with a dilation rate of ones: the rate
    becomes the Const ``dilation_rate`` and the op is built as it is (no space-to-batch ops)."""
    rate = [rate, rate] if isinstance(rate, int) else list(rate)
    if any(r != 1 for r in rate):
        raise OutsideModel("a dilated (atrous) convolution or pooling (space-to-batch ops)")
    g._op("dilation_rate", "Const")


def _depthwise_native(g, x, w, strides, padding, name):
    """gen_nn_ops.depthwise_conv2d_native of converted tensors: one op named through ``name``."""
    strides = _four(strides, "strides")
    xd, wd = x.shape._dims, w.shape._dims
    if xd is None or wd is None or len(xd) != 4 or len(wd) != 4:
        raise OutsideModel("a depthwise convolution of tensors of unknown rank or rank other than 4")
    if xd[3] is not None and wd[2] is not None and xd[3] != wd[2]:
        raise OutsideModel("a depthwise convolution whose filter does not match its input's channels")
    channels = None if xd[3] is None or wd[3] is None else xd[3] * wd[3]
    shape = make_shape((xd[0], _window_dim(xd[1], wd[0], strides[1], padding),
                        _window_dim(xd[2], wd[1], strides[2], padding), channels), g.v1)
    return new_tensor(g._op(name, "DepthwiseConv2dNative"), x.dtype.base_dtype, shape, deps_of(x, w))


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None, data_format=None,  # noqa: A002
                     dilations=None):
    """nn_impl.depthwise_conv2d: in ``name_scope(name, "depthwise")`` the filter's shape (a Const
    ``Shape``), the rate (``dilation_rate``), then the op named after the scope."""
    from .array_ops import shape as shape_of
    if data_format not in (None, "NHWC"):
        raise OutsideModel(f"depthwise_conv2d(data_format={data_format!r})")
    if padding not in ("SAME", "VALID"):
        raise OutsideModel(f"depthwise_conv2d(padding={padding!r})")
    rate = dilations if rate is None else rate
    g = get_default_graph()
    with name_scope(name, "depthwise", [input, filter]) as scope:
        x = convert_to_tensor(input, name="tensor_in")
        w = convert_to_tensor(filter, name="filter_in")
        shape_of(w)
        _rate_of_ones(g, [1, 1] if rate is None else rate)
        return _depthwise_native(g, x, w, strides, padding, scope)


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, rate=None, name=None,  # noqa: A002
                     data_format=None, dilations=None):
    """nn_impl.separable_conv2d: in ``name_scope(name, "separable_conv2d")`` the depthwise op
    ``depthwise`` (after the filter's ``Shape`` and ``dilation_rate``), then a 1x1 Conv2D named
    after the scope."""
    from .array_ops import shape as shape_of
    if data_format not in (None, "NHWC"):
        raise OutsideModel(f"separable_conv2d(data_format={data_format!r})")
    if padding not in ("SAME", "VALID"):
        raise OutsideModel(f"separable_conv2d(padding={padding!r})")
    rate = dilations if rate is None else rate
    g = get_default_graph()
    with name_scope(name, "separable_conv2d", [input, depthwise_filter, pointwise_filter]) as scope:
        x = convert_to_tensor(input, name="tensor_in")
        dw = convert_to_tensor(depthwise_filter, name="depthwise_filter")
        pw = convert_to_tensor(pointwise_filter, name="pointwise_filter")
        pd = pw.shape._dims
        if pd is None or len(pd) != 4 or pd[0] not in (None, 1) or pd[1] not in (None, 1):
            raise OutsideModel("separable_conv2d with a pointwise filter not of shape [1, 1, ...]")
        shape_of(dw)
        _rate_of_ones(g, [1, 1] if rate is None else rate)
        depthwise = _depthwise_native(g, x, dw, strides, padding, "depthwise")
        return conv2d(depthwise, pw, [1, 1, 1, 1], padding="VALID", name=scope)
