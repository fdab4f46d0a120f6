"""Arithmetic: tensor operators and a few math functions (TF's ops/math_ops.py,
framework/override_binary_operator.py).

``x + y`` opens ``name_scope(None, "add")`` and names its op after the scope; a Python
operand is converted inside that scope (``add/y``, or ``add/x`` for ``1 + x``).  The public
functions name their op after the op type (``tf.multiply`` -> ``Mul``, ``tf.matmul`` ->
``MatMul``), the operators after the operator (``mul``, ``matmul``).  A variable operand
is read first: a ref variable (v1) gives its ``read`` snapshot, no op; a resource variable
makes a ``ReadVariableOp`` (outside the scope for the left operand, inside it for the
right one).
"""
from .constant_op import convert_to_tensor
from .context import OutsideModel
from .dtypes import as_dtype
from .ops import Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import make_shape


def broadcast(a, b, v1):
    """The static shape of an elementwise op on shapes ``a`` and ``b`` (numpy broadcasting)."""
    if a._dims is None or b._dims is None:
        return make_shape(None, v1)
    x, y = a._dims, b._dims
    n = max(len(x), len(y))
    x = (1,) * (n - len(x)) + x
    y = (1,) * (n - len(y)) + y
    out = []
    for p, q in zip(x, y):
        if p == 1:
            out.append(q)
        elif q == 1 or q is None:
            out.append(p if q == 1 or p is not None else None)
        elif p is None:
            out.append(q)
        elif p == q:
            out.append(p)
        else:
            raise ValueError(f"Dimensions must be equal, but are {p} and {q}")
    return make_shape(tuple(out), v1)


def deps_of(*tensors):
    """The placeholders and variables that the tensors read (None: none)."""
    found = None
    for t in tensors:
        if t.deps is not None:
            found = t.deps if found is None else found | t.deps
    return found


def _binary(x, y, scope, type_, name=None, reverse=False):
    """``binary_op_wrapper`` (``x <op> y``; for ``reverse``, ``y <op> x`` with the Python value
    ``y`` converted as ``x``) and the math functions taking ``name``."""
    g = get_default_graph()
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x)  # a variable operand: read outside the scope
    with name_scope(name, scope, [x, y]) as scope_name:
        y = convert_to_tensor(y, dtype=None if isinstance(y, Tensor) or hasattr(type(y), "_as_tensor")
                              else x.dtype.base_dtype, name="x" if reverse else "y")
        if y.dtype.base_dtype is not x.dtype.base_dtype:
            first, second = ("y", "x") if reverse else ("x", "y")
            ty, tx = (x, y) if reverse else (y, x)
            raise TypeError(f"Input '{second}' of '{type_}' Op has type {ty.dtype.base_dtype.name} that does not "
                            f"match type {tx.dtype.base_dtype.name} of argument '{first}'.")
        if type_ == "MatMul":
            shape = _matmul_shape(y.shape, x.shape, g.v1) if reverse else _matmul_shape(x.shape, y.shape, g.v1)
        else:
            shape = broadcast(x.shape, y.shape, g.v1)
        return new_tensor(g._gen_op(scope_name, type_), x.dtype.base_dtype, shape, deps_of(x, y))


def _matmul_shape(a, b, v1):
    if a._dims is None or b._dims is None:
        return make_shape(None, v1)
    if len(a._dims) != 2 or len(b._dims) != 2:
        raise OutsideModel("matmul of tensors of rank other than 2")
    if a._dims[1] is not None and b._dims[0] is not None and a._dims[1] != b._dims[0]:
        raise ValueError(f"Dimensions must be equal, but are {a._dims[1]} and {b._dims[0]}")
    return make_shape((a._dims[0], b._dims[1]), v1)


_FLOATS = ("float", "complex")


def _operator(scope, type_, floats_only=False):
    def op(self, other):
        if floats_only and self.dtype.kind not in _FLOATS:
            raise OutsideModel(f"the {scope} operator on {self.dtype.base_dtype.name} tensors")
        return _binary(self, other, scope, type_)

    def rop(self, other):
        if floats_only and self.dtype.kind not in _FLOATS:
            raise OutsideModel(f"the {scope} operator on {self.dtype.base_dtype.name} tensors")
        return _binary(self, other, scope, type_, reverse=True)
    return op, rop


def _neg(self):
    g = get_default_graph()
    x = self if isinstance(self, Tensor) else convert_to_tensor(self)
    return new_tensor(g._op("Neg", "Neg"), x.dtype.base_dtype, x.shape, x.deps)


def _getitem(self, key):
    raise OutsideModel("indexing or slicing a tensor")


OPERATORS = {}
for _name, _scope, _type, _floats in [("add", "add", "AddV2", False), ("sub", "sub", "Sub", False),
                                      ("mul", "mul", "Mul", False), ("truediv", "truediv", "RealDiv", True),
                                      ("matmul", "matmul", "MatMul", False)]:
    OPERATORS[f"__{_name}__"], OPERATORS[f"__r{_name}__"] = _operator(_scope, _type, _floats)
OPERATORS["__neg__"] = _neg
OPERATORS["__getitem__"] = _getitem
for _attr, _fn in OPERATORS.items():
    setattr(Tensor, _attr, _fn)


def add(x, y, name=None):
    return _binary(x, y, "Add", "AddV2", name)


def subtract(x, y, name=None):
    return _binary(x, y, "Sub", "Sub", name)


def multiply(x, y, name=None):
    return _binary(x, y, "Mul", "Mul", name)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False, a_is_sparse=False,
           b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    if transpose_a or transpose_b or adjoint_a or adjoint_b or a_is_sparse or b_is_sparse or output_type:
        raise OutsideModel("matmul with transposes, sparsity or an output type")
    return _binary(a, b, "MatMul", "MatMul", name)


def _unary(type_):
    def fn(x, name=None):
        g = get_default_graph()
        with name_scope(name, type_, [x]) as scope:
            x = convert_to_tensor(x, name="x")
            return new_tensor(g._gen_op(scope, type_), x.dtype.base_dtype, x.shape, x.deps)
    fn.__name__ = type_.lower()
    return fn


square = _unary("Square")
negative = _unary("Neg")
abs = _unary("Abs")  # noqa: A001 - TF's name
exp = _unary("Exp")
log = _unary("Log")
sqrt = _unary("Sqrt")


def _reduction(type_):
    def reduce(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
        g = get_default_graph()
        if reduction_indices is not None:
            if axis is not None:
                raise ValueError("Cannot specify both 'axis' and 'reduction_indices'.")
            axis = reduction_indices
        keepdims = bool(keepdims if keepdims is not None else keep_dims)
        x = convert_to_tensor(input_tensor)
        dims = x.shape._dims
        if axis is None:
            if dims is None:
                raise OutsideModel("reducing a tensor of unknown rank")
            # _ReductionDims: a constant of all axes, made before the op's name scope
            g._op("Const", "Const")
            axes = range(len(dims))
        else:
            axes = [axis] if isinstance(axis, int) else list(axis)
            if dims is None or not all(isinstance(a, int) for a in axes):
                raise OutsideModel("reduction axes of a tensor or of unknown rank")
            axes = [a % len(dims) for a in axes]
        with name_scope(name, type_, [x]) as scope:
            if axis is not None:
                g._op("reduction_indices", "Const")
            if keepdims:
                out = tuple(1 if i in axes else d for i, d in enumerate(dims))
            else:
                out = tuple(d for i, d in enumerate(dims) if i not in axes)
            return new_tensor(g._gen_op(scope, type_), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)
    return reduce


reduce_sum = _reduction("Sum")
reduce_mean = _reduction("Mean")
reduce_max = _reduction("Max")
reduce_min = _reduction("Min")
reduce_prod = _reduction("Prod")


def cast(x, dtype, name=None):
    g = get_default_graph()
    dtype = as_dtype(dtype).base_dtype
    with name_scope(name, "Cast", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype is dtype:
            return x
        return new_tensor(g._gen_op(scope, "Cast"), dtype, x.shape, x.deps)
