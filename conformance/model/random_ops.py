"""Random tensors (TF's ops/random_ops.py): their op names, dtypes and shapes, no values.

Each opens ``name_scope(name, "<kind>")``, converts ``shape`` (``<scope>/shape``) and its
parameters (``mean``/``stddev``, ``min``/``max``) inside it, makes the random op, and names
the last op after the scope.  ``random_uniform`` with the default ``minval=0, maxval=1``
(Python ints) skips ``min``/``max`` and returns the ``RandomUniform`` op's own output.
"""
from .constant_op import scalar_const
from .dtypes import DTYPES, as_dtype
from .ops import Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import TensorShape, _checked_dims, make_shape
from .context import OutsideModel

_FLOAT32 = DTYPES["float32"]
_UNIFORM_DTYPES = tuple(DTYPES[n] for n in ("float16", "bfloat16", "float32", "float64", "int32", "int64"))
_UNIFORM_SET = frozenset(_UNIFORM_DTYPES)


def _shape(g, shape):
    """``shape_util.shape_tensor``: a Python shape becomes the constant ``shape``."""
    if isinstance(shape, Tensor):
        raise OutsideModel("a random op of a tensor shape")
    if isinstance(shape, TensorShape):
        dims = shape._dims
    elif isinstance(shape, int) and not isinstance(shape, bool):
        dims = (shape,)
    else:
        dims = _checked_dims(shape)
    if dims is None or None in dims:
        raise OutsideModel("a random op of a partially known shape")
    g._op("shape", "Const")
    return make_shape(dims, g.v1)


def _in_scope(g, name, default, body, *args):
    """``with name_scope(name, default) as scope: body(g, scope, *args)``, without the context
    manager objects for the usual ``name=None``."""
    if name is not None:
        with name_scope(name, default) as scope:
            return body(g, scope, *args)
    old, scope = g._push_scope(default)
    try:
        return body(g, scope, *args)
    finally:
        g._name_stack = old


_RANDOM_FLOATS = frozenset(DTYPES[n] for n in ("float16", "bfloat16", "float32", "float64"))


def _refuse_dtype(dtype):
    """The TypeError of a random op's generated definition for a dtype it does not take."""
    allowed = "float16, bfloat16, float32, float64" if get_default_graph().rel.bfloat16 else \
        "float16, float32, float64"
    raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in list of allowed "
                    f"values: {allowed}")


def _normal_body(g, scope, op_type, shape, mean, stddev, dtype):
    out_shape = _shape(g, shape)
    scalar_const(g, mean, dtype, "mean")
    scalar_const(g, stddev, dtype, "stddev")
    if dtype not in _RANDOM_FLOATS:  # the generated op's type constraint
        _refuse_dtype(dtype)
    g._op(op_type, op_type)
    g._op("mul", "Mul")  # rnd * stddev
    return new_tensor(g._gen_op(scope, "AddV2"), dtype, out_shape)  # add(mul, mean, name=scope)


def _normal(kind, op_type):
    def fn(shape, mean=0.0, stddev=1.0, dtype=_FLOAT32, seed=None, name=None):
        g = get_default_graph()
        return _in_scope(g, name, kind, _normal_body, op_type, shape, mean, stddev, as_dtype(dtype).base_dtype)
    fn.__name__ = kind
    return fn


random_normal = _normal("random_normal", "RandomStandardNormal")
truncated_normal = _normal("truncated_normal", "TruncatedNormal")


def random_uniform(shape, minval=0, maxval=None, dtype=_FLOAT32, seed=None, name=None):
    g = get_default_graph()
    dtype = as_dtype(dtype)
    if dtype not in _UNIFORM_SET and (g.rel.random_uniform_dtypes == "checked" or dtype.is_integer):
        if g.rel.random_uniform_dtypes != "checked":
            raise OutsideModel(f"random_uniform of {dtype.name} on TF {g.rel.version}")
        wording = g.rel.value_errors
        if wording == "short":
            raise ValueError(f"Invalid dtype {dtype!r}")
        if wording == "2.7":
            raise ValueError(f"Invalid dtype. Dtype should be one of float16, float32, float64, int32 and int64, "
                             f"but is {dtype}. ")  # TF 2.7's message ends in a space
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{_UNIFORM_DTYPES}.")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
        maxval = 1
    return _in_scope(g, name, "random_uniform", _uniform_body, shape, minval, maxval, dtype)


def _uniform_body(g, scope, shape, minval, maxval, dtype):
    out_shape = _shape(g, shape)
    if g.rel.random_uniform == "full" and not dtype.is_integer:  # rnd * (max - min) + min, always
        scalar_const(g, minval, dtype, "min")
        scalar_const(g, maxval, dtype, "max")
        if dtype not in _RANDOM_FLOATS:  # releases.random_uniform_dtypes "unchecked": the op's type constraint
            _refuse_dtype(dtype)
        g._op("RandomUniform", "RandomUniform")
        g._op("sub", "Sub")
        g._op("mul", "Mul")
        return new_tensor(g._gen_op(scope, "Add"), dtype, out_shape)
    minval_is_zero = isinstance(minval, int) and minval == 0
    maxval_is_one = isinstance(maxval, int) and maxval == 1
    if not minval_is_zero or not maxval_is_one or dtype.is_integer:
        scalar_const(g, minval, dtype, "min")
        scalar_const(g, maxval, dtype, "max")
    if dtype.is_integer:
        return new_tensor(g._gen_op(scope, "RandomUniformInt"), dtype, out_shape)
    result = g._op("RandomUniform", "RandomUniform")
    if minval_is_zero:
        if not maxval_is_one:
            result = g._op("Mul", "Mul")  # math_ops.multiply(result, maxval)
    else:
        g._op("sub", "Sub")  # maxval - minval
        g._op("mul", "Mul")  # result * (maxval - minval)
        result = g._gen_op(scope, "AddV2")  # add(..., minval, name=scope)
    return new_tensor(result, dtype, out_shape)
