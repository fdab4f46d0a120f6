"""Initializers (TF's ops/init_ops.py, the v1 classes, and tf_slim's layers/initializers.py).

An initializer is called as ``init(shape, dtype=None, partition_info=None)`` and builds its
ops in the current name scope (``get_variable`` calls it inside ``<var>/Initializer``):
``zeros``/``ones`` -> array_ops.zeros/ones, ``Const`` for constant_initializer, a
``random_uniform``/``random_normal``/``truncated_normal`` group for the random ones.  The
dtype given to the constructor is only a default: get_variable always passes its own.
The variance-scaling ones compute their bounds from the shape (or, for a partition, the
full shape): the numbers show in TF's error messages, e.g. glorot on int32 fails with
``Expected int32, but got -1.224744871391589 of type 'float'.``.
"""
import math

from . import array_ops, random_ops
from .constant_op import check_convertible, constant, infer
from .context import OutsideModel
from .dtypes import DTYPES, _np, as_dtype
from .ops import Tensor, get_default_graph

_FLOAT32 = DTYPES["float32"]


class Initializer:
    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config.pop("dtype", None)
        return cls(**config)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"{type(self).__name__}.{attr}")


def _dtype(dtype, default):
    return default if dtype is None else as_dtype(dtype)


def _assert_float_dtype(dtype):
    if not dtype.is_floating:
        if get_default_graph().rel.value_errors == "short":  # before 2.7
            raise ValueError(f"Expected floating point type, got {dtype}.")
        raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {dtype}.")
    return dtype


def _zeros_modelled():
    rel = get_default_graph().rel
    if rel.zeros_initializer == "outside":
        raise OutsideModel(f"the zeros initializer's ops on TF {rel.version}")
    return rel


class Zeros(Initializer):
    def __init__(self, dtype=_FLOAT32):
        self.dtype = as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        rel = _zeros_modelled()
        dtype = _dtype(dtype, self.dtype)
        if rel.zeros_ones_initializers == "constant":  # 1.0-1.1
            return constant(False if dtype.name == "bool" else 0, dtype=dtype, shape=shape)
        return array_ops.zeros(shape, dtype)

    def _emitter(self, dims, dtype):
        rel = _zeros_modelled()
        if rel.zeros_ones_initializers == "constant":
            return None  # 1.0-1.1: the general path
        return _filled_emitter("zeros", dims, rel)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Ones(Initializer):
    def __init__(self, dtype=_FLOAT32):
        self.dtype = as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        if get_default_graph().rel.zeros_ones_initializers == "constant":  # 1.0-1.1
            return constant(1, dtype=_dtype(dtype, self.dtype), shape=shape)
        return array_ops.ones(shape, _dtype(dtype, self.dtype))

    def _emitter(self, dims, dtype):
        rel = get_default_graph().rel
        if rel.zeros_ones_initializers == "constant":
            return None  # 1.0-1.1: the general path
        return _filled_emitter("ones", dims, rel)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Constant(Initializer):
    def __init__(self, value=0, dtype=_FLOAT32, verify_shape=False):
        scalar = isinstance(value, (int, float, complex, str, bytes)) or (
            _np is not None and isinstance(value, _np.generic))
        if not (scalar or isinstance(value, (list, tuple)) or (_np is not None and isinstance(value, _np.ndarray))):
            raise TypeError(f"Invalid type for initial value={value} of type: {type(value).__name__}. Expected "
                            "Python scalar, list or tuple of values, or numpy.ndarray.")
        self.value = value
        self.dtype = as_dtype(dtype)
        self._verify_shape = verify_shape

    def __call__(self, shape, dtype=None, partition_info=None, verify_shape=None):
        if verify_shape is None:
            verify_shape = self._verify_shape
        return constant(self.value, dtype=_dtype(dtype, self.dtype), shape=shape, verify_shape=verify_shape)

    def _emitter(self, dims, dtype):
        value = self.value
        if self._verify_shape or type(value) not in (int, float, bool, list, tuple):
            return None
        try:  # what constant() would refuse, it refuses through the general path
            value_dtype, value_dims = infer(value)
            if value_dtype is not dtype:
                check_convertible(value, dtype)
        except Exception:  # noqa: BLE001
            return None
        count = 1
        for d in value_dims:
            count *= d
        size = 1
        for d in dims:
            size *= d
        if not 0 < count <= size:
            return None
        return _CONST

    def get_config(self):
        return {"value": self.value, "dtype": self.dtype.name}


class RandomUniform(Initializer):
    def __init__(self, minval=None, maxval=None, seed=None, dtype=_FLOAT32):
        if minval is None:  # the release's default (releases.random_uniform_initializer_minval)
            minval = get_default_graph().rel.random_uniform_initializer_minval
        self.minval, self.maxval, self.seed = minval, maxval, seed
        self.dtype = as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_uniform(shape, self.minval, self.maxval, _dtype(dtype, self.dtype), seed=self.seed)

    def _emitter(self, dims, dtype):
        return _uniform_emitter(self.minval, self.maxval, dtype)


class RandomNormal(Initializer):
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=_FLOAT32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = _assert_float_dtype(as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_normal(shape, self.mean, self.stddev, _dtype(dtype, self.dtype), seed=self.seed)

    def _emitter(self, dims, dtype):
        return _normal_emitter(_RANDOM_NORMAL, (self.mean, self.stddev), dtype)


class TruncatedNormal(Initializer):
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=_FLOAT32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = _assert_float_dtype(as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.truncated_normal(shape, self.mean, self.stddev, _dtype(dtype, self.dtype), seed=self.seed)

    def _emitter(self, dims, dtype):
        return _normal_emitter(_TRUNCATED_NORMAL, (self.mean, self.stddev), dtype)


def _compute_fans(shape):
    if len(shape) < 1:
        fan_in = fan_out = 1
    elif len(shape) == 1:
        fan_in = fan_out = shape[0]
    elif len(shape) == 2:
        fan_in, fan_out = shape[0], shape[1]
    else:
        receptive_field_size = 1
        for dim in shape[:-2]:
            receptive_field_size *= dim
        fan_in = shape[-2] * receptive_field_size
        fan_out = shape[-1] * receptive_field_size
    return int(fan_in), int(fan_out)


def _shape_list(shape):
    if isinstance(shape, Tensor):
        raise OutsideModel("an initializer called with a tensor shape")
    if hasattr(shape, "as_list"):
        return shape.as_list()
    if isinstance(shape, int):
        return [shape]
    return list(shape)


class VarianceScaling(Initializer):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, dtype=_FLOAT32):
        if scale <= 0.:
            raise ValueError(f"Argument `scale` must be a positive float. Received: {scale}")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError(f"Argument `mode` should be one of ('fan_in', 'fan_out', 'fan_avg'). Received: {mode}")
        distribution = distribution.lower()
        if distribution not in {"normal", "uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError("Argument `distribution` should be one of ('normal', uniform', 'truncated_normal', "
                             f"'untruncated_normal'). Received: {distribution}")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed
        self.dtype = _assert_float_dtype(as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _dtype(dtype, self.dtype)
        scale = self.scale
        fan_in, fan_out = _compute_fans(_shape_list(shape if partition_info is None else partition_info.full_shape))
        if self.mode == "fan_in":
            scale /= max(1., fan_in)
        elif self.mode == "fan_out":
            scale /= max(1., fan_out)
        else:
            scale /= max(1., (fan_in + fan_out) / 2.)
        if self.distribution in ("normal", "truncated_normal"):
            stddev = math.sqrt(scale) / .87962566103423978
            return random_ops.truncated_normal(shape, 0.0, stddev, dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return random_ops.random_normal(shape, 0.0, math.sqrt(scale), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return random_ops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution, "seed": self.seed,
                "dtype": self.dtype.name}

    def _emitter(self, dims, dtype):
        if self.distribution in ("normal", "truncated_normal"):
            return _normal_emitter(_TRUNCATED_NORMAL, (0.0,), dtype)
        if self.distribution == "untruncated_normal":
            return _normal_emitter(_RANDOM_NORMAL, (0.0,), dtype)
        return _uniform_emitter(-1.0, 1.0, dtype)  # -limit, limit: floats


class GlorotUniform(VarianceScaling):
    def __init__(self, seed=None, dtype=_FLOAT32):
        super().__init__(scale=1.0, mode="fan_avg", distribution="uniform", seed=seed, dtype=dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


class GlorotNormal(VarianceScaling):
    def __init__(self, seed=None, dtype=_FLOAT32):
        super().__init__(scale=1.0, mode="fan_avg", distribution="truncated_normal", seed=seed, dtype=dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


# tf.compat.v1 names
zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal


# --------------------------------------------------------------------------- tf_slim's initializers

def xavier_initializer(uniform=True, seed=None, dtype=_FLOAT32):
    return slim_variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed, dtype=dtype)


def slim_variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype=_FLOAT32):
    """tf_slim.layers.initializers.variance_scaling_initializer: a plain function, not an object."""
    dtype = as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError("Cannot create initializer for non-floating point type.")
    if mode not in ["FAN_IN", "FAN_OUT", "FAN_AVG"]:
        raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]", mode)

    def _initializer(shape, dtype=dtype, partition_info=None):
        dtype = as_dtype(dtype)
        if not dtype.is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        dims = _shape_list(shape)
        if dims:
            fan_in = float(dims[-2]) if len(dims) > 1 else float(dims[-1])
            fan_out = float(dims[-1])
        else:
            fan_in = fan_out = 1.0
        for dim in dims[:-2]:
            fan_in *= float(dim)
            fan_out *= float(dim)
        n = fan_in if mode == "FAN_IN" else fan_out if mode == "FAN_OUT" else (fan_in + fan_out) / 2.0
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return random_ops.random_uniform(shape, -limit, limit, dtype, seed=seed)
        return random_ops.truncated_normal(shape, 0.0, math.sqrt(1.3 * factor / n), dtype, seed=seed)

    def _emitter(dims, dtype):
        if uniform:
            return _uniform_emitter(-1.0, 1.0, dtype)
        return _normal_emitter(_TRUNCATED_NORMAL, (0.0,), dtype)
    _initializer._emitter = _emitter
    return _initializer


# --------------------------------------------------------------------------- emitters (a fast path)
#
# get_variable calls the initializer inside ``<var>/Initializer``; for the built-in ones with
# ordinary arguments, ``_emitter(dims, dtype)`` gives a function making the same ops directly
# (``emit(graph)`` -> the op whose output is the initial value), or None where the call could
# fail or differ, which then goes the general way (tests/test_model_fastpaths.py compares both).

_UNIFORM_FLOATS = ("float16", "bfloat16", "float32", "float64")
_CONST = lambda g: g._op("Const", "Const")  # noqa: E731 - constant(value, dtype, shape)
_RANDOM_NORMAL = ("random_normal", (("shape", "Const"), ("mean", "Const"), ("stddev", "Const"),
                                    ("RandomStandardNormal", "RandomStandardNormal"), ("mul", "Mul")))
_TRUNCATED_NORMAL = ("truncated_normal", (("shape", "Const"), ("mean", "Const"), ("stddev", "Const"),
                                          ("TruncatedNormal", "TruncatedNormal"), ("mul", "Mul")))
_UNIFORM = ("random_uniform", (("shape", "Const"), ("min", "Const"), ("max", "Const"),
                               ("RandomUniform", "RandomUniform"), ("sub", "Sub"), ("mul", "Mul")))
_FILL_CHILDREN = (("shape_as_tensor", "Const"), ("Const", "Const"))


def _filled_emitter(kind, dims, rel):
    """array_ops.zeros/ones as the release makes them (releases.zeros_ones)."""
    way = rel.zeros_ones
    if way == "fill":  # 1.6-1.7
        return lambda g: g._template(kind, _FILL_CHILDREN, "Fill")
    count = 1
    for d in dims:
        count *= d
    if count < 1000 or way == "constant":
        return lambda g: g._op(kind, "Const")
    return lambda g: g._template(kind, _FILL_CHILDREN, "Fill")


def _python_number(value):
    return type(value) in (int, float)


def _normal_emitter(template, params, dtype):
    if dtype.name not in _UNIFORM_FLOATS or not all(_python_number(p) for p in params):
        return None
    scope, children = template
    return lambda g: g._template(scope, children, "AddV2")


def _uniform_emitter(minval, maxval, dtype):
    if dtype.name not in _UNIFORM_FLOATS or not _python_number(minval) or not (
            maxval is None or _python_number(maxval)):
        return None
    if maxval is None:
        maxval = 1
    if type(minval) is int and minval == 0:
        return None  # random_uniform's shortcuts for minval=0: the general path
    del maxval
    scope, children = _UNIFORM
    return lambda g: g._template(scope, children, "AddV2")
