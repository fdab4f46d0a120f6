"""TensorShape and Dimension (TF's framework/tensor_shape.py).

Under ``disable_v2_behavior`` (mode v1) a shape's items are ``Dimension`` objects and an
unknown dimension prints as ``?``; with TF2 behaviour (mode graph) they are ints or None.
TF switches this globally; the model records it in each shape (``_v1``).
"""
from .context import OutsideModel, state
from .dtypes import _np


class Dimension:
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
        if self.value is None:
            raise TypeError("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'")
        return self.value

    __index__ = __int__

    def __hash__(self):
        return hash(self.value)


class TensorShape:
    """Immutable; build with ``make_shape`` (interned) or ``as_shape``."""
    __slots__ = ("_dims", "_v1")

    def __new__(cls, dims, v1=None):
        if v1 is None:  # a program's own TensorShape(...): it follows the mode of the default graph
            v1 = bool(state.graphs) and state.graphs[-1].v1
        if isinstance(dims, int) and not isinstance(dims, bool):
            dims = (dims,)
        return make_shape(None if dims is None else _checked_dims(dims), v1)

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        """Dimension objects in both modes (TF 2's ``dims`` is the deprecated v1 view)."""
        if self._dims is None:
            return None
        return [Dimension(d) for d in self._dims]

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self):
        return self._dims is not None and None not in self._dims

    def is_compatible_with(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def merge_with(self, other):
        other = as_shape(other)
        if self._dims is None:
            return make_shape(other._dims, self._v1)
        if other._dims is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return make_shape(tuple(a if a is not None else b for a, b in zip(self._dims, other._dims)), self._v1)

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
        return iter(self.dims if self._v1 else self._dims)

    def __bool__(self):
        return self._dims is not None

    def __getitem__(self, key):
        if isinstance(key, slice):
            if self._dims is None:
                raise OutsideModel("slicing an unknown shape")
            return make_shape(self._dims[key], self._v1)
        if self._dims is None:
            raise OutsideModel("indexing an unknown shape")
        d = self._dims[key]
        return Dimension(d) if self._v1 else d

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, OutsideModel):
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
        return f"TensorShape({self.dims if self._v1 else list(self._dims)})"

    def __reduce__(self):
        return make_shape, (self._dims, self._v1)

    def __getattr__(self, attr):
        raise OutsideModel(f"TensorShape.{attr}")


_SHAPES = {}


def make_shape(dims, v1):
    """The TensorShape of ``dims`` (a tuple of ints/None, already checked, or None): interned."""
    key = (dims, v1)
    shape = _SHAPES.get(key)
    if shape is None:
        if len(_SHAPES) > 50000:
            _SHAPES.clear()
        shape = object.__new__(TensorShape)
        shape._dims = dims
        shape._v1 = v1
        _SHAPES[key] = shape
    return shape


def _checked_dims(dims):
    out = []
    for d in dims:
        if type(d) is not int:
            if d is None:
                pass
            elif isinstance(d, Dimension):
                d = d.value
            elif _np is not None and isinstance(d, _np.integer):
                d = int(d)
            elif isinstance(d, bool) or not isinstance(d, int):
                raise OutsideModel(f"shape dimension {d!r}")
        if d is not None and d < 0:
            raise OutsideModel(f"negative dimension {d}")
        out.append(d)
    return tuple(out)


def as_shape(shape, v1=False):
    if type(shape) is TensorShape:
        return shape if shape._v1 is v1 else make_shape(shape._dims, v1)
    if shape is None:
        return make_shape(None, v1)
    if isinstance(shape, (list, tuple)):
        return make_shape(_checked_dims(shape), v1)
    if isinstance(shape, int) and not isinstance(shape, bool):
        return make_shape((shape,), v1)
    raise OutsideModel(f"shape {shape!r}")
