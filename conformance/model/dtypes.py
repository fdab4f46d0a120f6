"""DTypes (TF's framework/dtypes.py): names, kinds and the ``_ref`` twins of v1 ref variables."""
from .context import OutsideModel

try:  # numpy values and dtypes may flow in from programs; the model works without numpy
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None


class DType:
    __slots__ = ("name", "kind", "base_dtype", "_as_ref", "size")

    def __init__(self, name, kind, size, base=None):
        self.name = name
        self.kind = kind  # 'float', 'int', 'uint', 'bool', 'string', 'complex'
        self.size = size
        self.base_dtype = base or self
        self._as_ref = None

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
        return self.base_dtype is not self

    @property
    def real_dtype(self):
        if self.kind != "complex":
            return self
        return DTYPES["float32" if self.base_dtype.name == "complex64" else "float64"]

    def is_compatible_with(self, other):
        other = as_dtype(other)
        return self is other or self is other.base_dtype

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other):
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except (TypeError, OutsideModel):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    def __reduce__(self):
        return as_dtype, (self.name,)

    def __getattr__(self, attr):
        raise OutsideModel(f"DType.{attr}")


DTYPES = {}
for _name, _kind, _size in [
        ("float16", "float", 2), ("bfloat16", "float", 2), ("float32", "float", 4), ("float64", "float", 8),
        ("int8", "int", 1), ("int16", "int", 2), ("int32", "int", 4), ("int64", "int", 8),
        ("uint8", "uint", 1), ("uint16", "uint", 2), ("uint32", "uint", 4), ("uint64", "uint", 8),
        ("bool", "bool", 1), ("string", "string", 8), ("complex64", "complex", 8), ("complex128", "complex", 16)]:
    _d = DType(_name, _kind, _size)
    _d._as_ref = DType(_name + "_ref", _kind, _size, base=_d)
    DTYPES[_name] = _d
    DTYPES[_name + "_ref"] = _d._as_ref
_ALIASES = {"half": "float16", "float": "float32", "double": "float64"}
# The public constants: tf.float32, tf.half, ...
PUBLIC = {name: DTYPES[name] for name in DTYPES if not name.endswith("_ref")}
PUBLIC.update(half=DTYPES["float16"], double=DTYPES["float64"])

float32 = DTYPES["float32"]
float64 = DTYPES["float64"]
int32 = DTYPES["int32"]
int64 = DTYPES["int64"]
string = DTYPES["string"]
bool_ = DTYPES["bool"]

_PY_TYPES = {float: "float32", bool: "bool", object: "string"}


def _cannot(value):
    return TypeError(f"Cannot convert the argument `type_value`: {value!r} to a TensorFlow DType.")


def as_dtype(value):
    if type(value) is DType:
        return value
    if isinstance(value, str):
        name = _ALIASES.get(value, value)
        if name in DTYPES:
            return DTYPES[name]
        raise _cannot(value)
    if value is None or value in (int, str, bytes, complex):
        raise _cannot(value)
    if value in _PY_TYPES:
        return DTYPES[_PY_TYPES[value]]
    if _np is not None and isinstance(value, type) and issubclass(value, _np.generic):
        name = _np.dtype(value).name
        if name in DTYPES:
            return DTYPES[name]
    if _np is not None and isinstance(value, _np.dtype) and value.name in DTYPES:
        return DTYPES[value.name]
    raise OutsideModel(f"as_dtype({value!r})")
