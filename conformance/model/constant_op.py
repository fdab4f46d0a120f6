"""Constants (TF's framework/constant_op.py, tensor_util.make_tensor_proto) and convert_to_tensor.

Values are not kept: a constant is its op name, dtype and shape.  What TF infers from a
Python value: bool -> bool, int -> int32 (int64 if it does not fit), float -> float32,
str/bytes -> string, complex -> complex128, lists by their elements.  Converting a value to
an explicit dtype fails on the first element TF refuses (``TypeError: Expected int32, but
got 1.5 of type 'float'.``): a float only converts to float/complex, an int to anything
but bool/string, a bool to anything but string, a string only to string.
"""
from .context import OutsideModel
from .dtypes import DTYPES, _np, as_dtype
from .ops import Tensor, get_default_graph, new_tensor
from .tensor_shape import as_shape, make_shape

_BOOL, _INT32, _INT64, _FLOAT32 = DTYPES["bool"], DTYPES["int32"], DTYPES["int64"], DTYPES["float32"]
_STRING, _COMPLEX128 = DTYPES["string"], DTYPES["complex128"]


def infer(value):
    """(dtype, dims) of a Python/numpy value, as ``convert_to_tensor`` infers them."""
    t = type(value)
    if t is float:
        return _FLOAT32, ()
    if t is int:
        return (_INT32 if -2**31 <= value < 2**31 else _INT64), ()
    if t is bool:
        return _BOOL, ()
    if t is str or t is bytes:
        return _STRING, ()
    if t is complex:
        return _COMPLEX128, ()
    if t is list or t is tuple:
        if not value:
            return _FLOAT32, (0,)
        inner = [infer(v) for v in value]
        dims = inner[0][1]
        for _, d in inner:
            if d != dims:
                raise ValueError("setting an array element with a sequence. The requested array has an "
                                 "inhomogeneous shape after 1 dimensions. The detected shape was "
                                 f"({len(value)},) + inhomogeneous part.")
        kinds = {d.name for d, _ in inner}
        if kinds <= {"int32"}:
            dtype = _INT32
        elif kinds <= {"int32", "int64"}:
            dtype = _INT64
        elif kinds <= {"int32", "int64", "float32"}:
            dtype = _FLOAT32
        elif len(kinds) == 1:
            dtype = inner[0][0]
        else:
            raise OutsideModel("a nested list mixing types")
        return dtype, (len(value),) + dims
    if _np is not None and isinstance(value, (_np.ndarray, _np.generic)):
        name = {"str": "string", "object": "string"}.get(value.dtype.name, value.dtype.name)
        if name.startswith("str") or name.startswith("bytes"):
            name = "string"
        if name not in DTYPES:
            raise OutsideModel(f"numpy dtype {value.dtype}")
        return DTYPES[name], tuple(value.shape)
    if value is None:
        raise ValueError("None values not supported.")
    if isinstance(value, Tensor):
        raise OutsideModel("a tensor inside a nested list")
    raise OutsideModel(f"a value of type {type(value).__name__}")


def _elements(value):
    if type(value) is list or type(value) is tuple:
        for v in value:
            yield from _elements(v)
    else:
        yield value


_ACCEPTS = {  # python type -> dtype kinds it converts to
    bool: ("bool", "int", "uint", "float", "complex"),
    int: ("int", "uint", "float", "complex"),
    float: ("float", "complex"),
    complex: ("complex",),
    str: ("string",),
    bytes: ("string",),
}


def check_convertible(value, dtype):
    """make_tensor_proto's refusal of a Python value of the wrong kind for ``dtype``."""
    if _np is not None and isinstance(value, (_np.ndarray, _np.generic)):
        if infer(value)[0] is not dtype:
            raise OutsideModel("a numpy value converted to another dtype")
        return
    for v in _elements(value):
        if dtype.kind not in _ACCEPTS.get(type(v), ()):
            if get_default_graph().rel.value_errors == "short":
                raise TypeError(f"Expected {dtype.name}, got {v} of type '{type(v).__name__}' instead.")
            raise TypeError(f"Expected {dtype.name}, but got {v} of type '{type(v).__name__}'.")


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    """``tf.constant`` (v1): one Const op, named through ``_create_op_internal``."""
    g = get_default_graph()
    if isinstance(value, Tensor) or hasattr(type(value), "_as_graph_element"):
        raise OutsideModel("constant() of a tensor or variable")
    inferred, dims = infer(value)
    if dtype is not None:
        dtype = as_dtype(dtype).base_dtype
        if dtype is not inferred:
            check_convertible(value, dtype)
    else:
        dtype = inferred
    if shape is not None:
        shape = as_shape(shape)
        if not shape.is_fully_defined():
            raise OutsideModel("constant() with a partially known shape")
        count = 1
        for d in dims:
            count *= d
        size = shape.num_elements()
        if verify_shape and tuple(dims) != shape._dims:
            raise TypeError(f"Expected Tensor's shape: {shape}, but got {make_shape(dims, False)}.")
        if count > size:
            if g.rel.value_errors == "short":
                raise ValueError(f"Too many elements provided. Needed at most {size:d}, but received {count:d}")
            raise ValueError(f"Too many elements provided. Takes at most {size:d}, but got {count:d}.")
        if count == 0 and size:
            raise OutsideModel("constant() filling a shape from no values")
        dims = shape._dims
    return new_tensor(g._op("Const" if name is None else name, "Const"), dtype, make_shape(dims, g.v1))


def scalar_const(g, value, dtype, name):
    """``convert_to_tensor(value, dtype=dtype, name=name)`` for an op's parameter, whose tensor is
    not needed: a Python scalar of a kind ``dtype`` accepts is one Const op, no tensor."""
    t = type(value)
    if (t is float and dtype.kind in ("float", "complex")) or (t is int and dtype.kind in ("int", "uint", "float",
                                                                                          "complex")):
        g._op(name, "Const")
    else:
        convert_to_tensor(value, dtype=dtype, name=name)


def convert_to_tensor(value, dtype=None, name=None):
    """Tensors pass through (no op); variables give their value (see variables.py); other
    values become a Const op named ``name`` (default "Const")."""
    if isinstance(value, Tensor):
        if dtype is not None and as_dtype(dtype).base_dtype is not value.dtype.base_dtype:
            raise ValueError(f"Tensor conversion requested dtype {as_dtype(dtype).base_dtype.name} for Tensor "
                             f"with dtype {value.dtype.base_dtype.name}: {value!r}")
        return value
    as_tensor = getattr(type(value), "_as_tensor", None)
    if as_tensor is not None:  # variables
        return as_tensor(value, dtype)
    return constant(value, dtype=dtype, name=name or "Const")
