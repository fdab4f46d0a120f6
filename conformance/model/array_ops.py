"""Array ops (TF's ops/array_ops.py and the generated ops behind it).

A generated op (``gen_array_ops.identity`` and friends, through op_def_library) opens
``name_scope(name or <op type>)``, converts its inputs inside it (a Python list ``shape``
becomes ``<scope>/shape``), and names its op after the scope.

``zeros``/``ones`` (see zeros_ones in releases.py) make one Const op named after their scope
(from 1.8 only for a list shape with fewer than 1000 elements); otherwise ``shape_as_tensor``
and ``Const`` constants under the scope and a ``Fill`` op named after it.  If the Const is
refused (name='' up to 2.8, a duplicate), they convert the shape (``shape`` before 1.6, else
``Const``), make the ``Const`` value and a ``Fill``.
"""
from .constant_op import convert_to_tensor
from .context import OutsideModel
from .dtypes import DTYPES, as_dtype
from .ops import Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import TensorShape, _checked_dims, as_shape, make_shape

_FLOAT32 = DTYPES["float32"]


def placeholder(dtype, shape=None, name=None):
    g = get_default_graph()
    dtype = as_dtype(dtype).base_dtype
    shape = as_shape(shape, g.v1)
    t = new_tensor(g._gen_op(name, "Placeholder"), dtype, shape)
    t.deps = frozenset((t,))
    return t


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    raise OutsideModel("placeholder_with_default")


def identity(input, name=None):  # noqa: A002
    g = get_default_graph()
    if isinstance(input, Tensor):  # nothing to convert inside the op's name scope
        return new_tensor(g._gen_op(name, "Identity"), input.dtype.base_dtype, input.shape, input.deps)
    with name_scope(g._gen_scope(name, "Identity")) as scope:
        x = convert_to_tensor(input, name="input")
        return new_tensor(g._op(scope, "Identity"), x.dtype.base_dtype, x.shape, x.deps)


def _static_dims(shape, what):
    if isinstance(shape, Tensor):
        raise OutsideModel(f"{what}() of a tensor shape")
    if isinstance(shape, TensorShape):
        dims = shape._dims
    elif isinstance(shape, int) and not isinstance(shape, bool):
        return (shape,), False
    elif isinstance(shape, (list, tuple)):
        dims = _checked_dims(shape)
    else:
        raise OutsideModel(f"{what}() of shape {shape!r}")
    if dims is None or None in dims:
        raise OutsideModel(f"{what}() of a partially known shape")
    return dims, True


def _filled(kind):
    def fill_op(shape, dtype=_FLOAT32, name=None):
        g = get_default_graph()
        dtype = as_dtype(dtype).base_dtype
        dims, is_list = _static_dims(shape, kind)
        count = 1
        for d in dims:
            count *= d
        how = g.rel.zeros_ones
        with name_scope(name, kind, [shape]) as scope:
            if how == "constant" or (how == "constant if small" and is_list and count < 1000):
                try:  # constant(zero, shape, name=scope)
                    op = g._op(scope, "Const")
                    return new_tensor(op, dtype, make_shape(dims, g.v1))
                except ValueError:
                    # an invalid or duplicate name: zeros() catches the ValueError and goes on with
                    # convert_to_tensor(shape, int32) and fill(shape, constant(zero))
                    g._op("shape" if how == "constant" else "Const", "Const")
            else:
                g._op("shape_as_tensor", "Const")
            g._op("Const", "Const")
            op = g._gen_op(scope, "Fill")
        return new_tensor(op, dtype, make_shape(dims, g.v1))
    fill_op.__name__ = kind
    return fill_op


zeros = _filled("zeros")
ones = _filled("ones")


def fill(dims, value, name=None):
    g = get_default_graph()
    dims_, _ = _static_dims(dims, "fill")
    with name_scope(g._gen_scope(name, "Fill")) as scope:
        g._op("dims", "Const")
        v = convert_to_tensor(value, name="value")
        return new_tensor(g._op(scope, "Fill"), v.dtype.base_dtype, make_shape(dims_, g.v1), v.deps)


def _like(kind):
    def like(tensor, dtype=None, name=None, optimize=True):
        g = get_default_graph()
        with name_scope(name, kind, [tensor]) as scope:
            x = convert_to_tensor(tensor, name="tensor")
            if not x.shape.is_fully_defined():
                raise OutsideModel(f"{kind}() of a tensor of partially known shape")
            out_dtype = x.dtype.base_dtype if dtype is None else as_dtype(dtype).base_dtype
            if kind == "zeros_like":
                op = g._op(scope, "Const")
            else:
                g._scoped("Shape", ["shape_as_tensor:Const"])
                g._op("Const", "Const")
                op = g._op(scope, "Fill")
            return new_tensor(op, out_dtype, x.shape)
    like.__name__ = kind
    return like


zeros_like = _like("zeros_like")
ones_like = _like("ones_like")


_DT = {"float32": "DT_FLOAT", "float64": "DT_DOUBLE", "int32": "DT_INT32", "int64": "DT_INT64"}


def _reshape_error(g, node, x, dims, known, size):
    """The shape function's error, naming the op as the release does (``shape_error``)."""
    if x.dtype.base_dtype.name not in _DT or x.shape._dims is None:
        raise OutsideModel(f"the shape error of a reshape of {x.dtype.name} or of unknown rank")
    shown = lambda ds: "[" + ",".join("?" if d is None else str(d) for d in ds) + "]"  # noqa: E731
    style = g.rel.shape_error
    where = (f"'{{{{node {node}}}}} = Reshape[T={_DT[x.dtype.base_dtype.name]}, Tshape=DT_INT32]"
             f"({x.op.name}, {node}/shape)'" if style.startswith("node") else f"'{node}' (op: 'Reshape')")
    text = (f"Cannot reshape a tensor with {known} elements to shape {list(dims)} ({size} elements) for {where} "
            f"with input shapes: {shown(x.shape._dims)}, [{len(dims)}]")
    if style.endswith("partial"):
        text += f" and with input tensors computed as partial shapes: input[1] = {shown(dims)}"
    return text + "."


def reshape(tensor, shape, name=None):
    g = get_default_graph()
    with name_scope(g._gen_scope(name, "Reshape")) as scope:
        x = convert_to_tensor(tensor, name="tensor")
        if isinstance(shape, Tensor):  # a shape computed in the graph: its value is not known statically here
            dims = shape.shape._dims
            out = None if dims is None or dims[0] is None else (None,) * dims[0]
            return new_tensor(g._gen_op(scope, "Reshape"), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)
        dims = [int(d) for d in (shape if isinstance(shape, (list, tuple)) else [shape])]
        g._op("shape", "Const")
        known = x.shape.num_elements()
        if -1 in dims:
            rest = 1
            for d in dims:
                if d != -1:
                    rest *= d
            dims = [(known // rest if known is not None and rest else None) if d == -1 else d for d in dims]
        elif known is not None:
            size = 1
            for d in dims:
                size *= d
            if size != known:
                raise ValueError(_reshape_error(g, scope[:-1], x, dims, known, size))
        return new_tensor(g._op(scope, "Reshape"), x.dtype.base_dtype, make_shape(tuple(dims), g.v1), x.deps)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    g = get_default_graph()
    if squeeze_dims is not None:
        axis = squeeze_dims
    with name_scope(g._gen_scope(name, "Squeeze")) as scope:
        x = convert_to_tensor(input, name="input")
        dims = x.shape._dims
        if dims is None:
            raise OutsideModel("squeeze() of a tensor of unknown rank")
        if axis is None:
            if None in dims:
                raise OutsideModel("squeeze() of a tensor with unknown dimensions")
            out = tuple(d for d in dims if d != 1)
        else:
            axes = [a % len(dims) for a in ([axis] if isinstance(axis, int) else axis)]
            for a in axes:
                if dims[a] is not None and dims[a] != 1:
                    raise ValueError(f"Can not squeeze dim[{a}], expected a dimension of 1, got {dims[a]}")
            out = tuple(d for i, d in enumerate(dims) if i not in axes)
        return new_tensor(g._op(scope, "Squeeze"), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    g = get_default_graph()
    axis = dim if axis is None else axis
    with name_scope(g._gen_scope(name, "ExpandDims")) as scope:
        x = convert_to_tensor(input, name="input")
        g._op("dim", "Const")
        dims = x.shape._dims
        if dims is None:
            raise OutsideModel("expand_dims() of a tensor of unknown rank")
        a = axis if axis >= 0 else len(dims) + 1 + axis
        out = dims[:a] + (1,) + dims[a:]
        return new_tensor(g._op(scope, "ExpandDims"), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)


_DT = {"float32": "DT_FLOAT", "float64": "DT_DOUBLE", "float16": "DT_HALF", "bfloat16": "DT_BFLOAT16",
       "int8": "DT_INT8", "int16": "DT_INT16", "int32": "DT_INT32", "int64": "DT_INT64", "uint8": "DT_UINT8",
       "uint16": "DT_UINT16", "uint32": "DT_UINT32", "uint64": "DT_UINT64", "bool": "DT_BOOL",
       "string": "DT_STRING", "complex64": "DT_COMPLEX64", "complex128": "DT_COMPLEX128"}


def shape_string(shape):
    """A shape as TF's C++ shape inference prints it: ``[2,3]``, ``[?,3]``, ``?``."""
    if shape._dims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape._dims) + "]"


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """gen_array_ops.slice: ``begin`` and ``size`` (Python lists) become ``<scope>/begin``, ``/size``;
    the C++ shape function then checks the input's rank."""
    g = get_default_graph()
    with name_scope(g._gen_scope(name, "Slice")) as scope:
        x = convert_to_tensor(input_, name="input")
        begin, size = list(begin), list(size)
        g._op("begin", "Const")
        g._op("size", "Const")
        rank = x.shape.rank
        if rank is not None and rank != len(begin):
            node = scope[:-1]
            where = (f"'{{{{node {node}}}}} = Slice[Index=DT_INT32, T={_DT[x.dtype.base_dtype.name]}]({x.op.name}, "
                     f"{node}/begin, {node}/size)'" if g.rel.shape_error.startswith("node") else
                     f"'{node}' (op: 'Slice')")  # before 2.2 (shape_error); no partial shapes of Const inputs here
            raise ValueError(f"Shape must be rank {len(begin)} but is rank {rank} for {where} with input shapes: "
                             f"{shape_string(x.shape)}, [{len(begin)}], [{len(size)}].")
        return new_tensor(g._op(scope, "Slice"), x.dtype.base_dtype,
                          make_shape(tuple(None if s == -1 else s for s in size), g.v1), x.deps)


def shape(input, name=None, out_type=None):  # noqa: A002
    """array_ops.shape (optimize=True): a Const when the static shape is fully known, else a Shape op."""
    g = get_default_graph()
    out_type = DTYPES["int32"] if out_type is None else as_dtype(out_type)
    x = convert_to_tensor(input)
    dims = x.shape._dims
    if dims is not None and None not in dims:
        with name_scope(name, "Shape", [x]) as scope:
            return new_tensor(g._op(scope, "Const"), out_type, make_shape((len(dims),), g.v1))
    return new_tensor(g._gen_op(name, "Shape"), out_type, make_shape((None if dims is None else len(dims),), g.v1))


def concat(values, axis, name="concat"):
    g = get_default_graph()
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        with name_scope(name) as scope:
            g._op("concat_dim", "Const")
            return identity(values[0], name=scope)
    with name_scope(g._gen_scope(name, "ConcatV2")) as scope:
        xs = [convert_to_tensor(v) for v in values]
        g._op("axis", "Const")
        if not isinstance(axis, int):
            raise OutsideModel("concat along a tensor axis")
        ranks = {x.shape.rank for x in xs}
        if None in ranks or len(ranks) != 1:
            raise OutsideModel("concat of tensors of unknown or different ranks")
        rank = ranks.pop()
        a = axis % rank
        out = []
        for i in range(rank):
            ds = [x.shape._dims[i] for x in xs]
            if i == a:
                out.append(None if None in ds else sum(ds))
            else:
                known = [d for d in ds if d is not None]
                out.append(known[0] if known else None)
        return new_tensor(g._gen_op(scope, "ConcatV2"), xs[0].dtype.base_dtype, make_shape(tuple(out), g.v1))


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    g = get_default_graph()
    if mode.upper() != "CONSTANT" or constant_values != 0 or isinstance(paddings, Tensor):
        raise OutsideModel("pad with another mode, constant or tensor paddings")
    with name_scope(g._gen_scope(name, "Pad")) as scope:
        x = convert_to_tensor(tensor, name="input")
        g._op("paddings", "Const")
        dims = x.shape._dims
        out = None if dims is None else tuple(None if d is None else d + p[0] + p[1] for d, p in zip(dims, paddings))
        return new_tensor(g._gen_op(scope, "Pad"), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)


def transpose(a, perm=None, name="transpose", conjugate=False):
    """array_ops.transpose with a Python ``perm``: ``name_scope(name, "transpose")``, the
    ``perm`` Const inside, the op named after the scope."""
    if perm is None or isinstance(perm, Tensor) or conjugate:
        raise OutsideModel("transpose without a Python perm, or conjugate")
    g = get_default_graph()
    with name_scope(name, "transpose", [a]) as scope:
        x = convert_to_tensor(a, name="a")
        g._op("perm", "Const")
        dims = x.shape._dims
        perm = [int(p) for p in perm]
        if dims is not None and sorted(perm) != list(range(len(dims))):
            raise OutsideModel("transpose with a perm that is not a permutation of the input's axes")
        out = None if dims is None else tuple(dims[p] for p in perm)
        return new_tensor(g._op(scope, "Transpose"), x.dtype.base_dtype, make_shape(out, g.v1), x.deps)


def _index(tensor, i):
    """``tensor[i]`` for a 1-D tensor and a Python int (array_ops._slice_helper): in
    ``name_scope(None, "strided_slice")`` the packed begin, end and strides (Consts ``stack``,
    ``stack_1``, ``stack_2``), then the StridedSlice op named after the scope; a scalar."""
    g = get_default_graph()
    dims = tensor.shape._dims
    if dims is None or len(dims) != 1:
        raise OutsideModel("indexing a tensor of rank other than 1")
    with name_scope(None, "strided_slice", [tensor]) as scope:
        for name in ("stack", "stack_1", "stack_2"):
            g._op(name, "Const")
        return new_tensor(g._op(scope, "StridedSlice"), tensor.dtype.base_dtype, make_shape((), g.v1))


def _packed(values, name):
    """``convert_to_tensor`` of a list of scalars some of which are tensors (ops.py's
    autopacking): in ``name_scope(name)`` each Python int a Const named by its index, then a Pack
    op named after the scope.  ``array_ops.stack`` of such a list does just this."""
    g = get_default_graph()
    with name_scope(name) as scope:
        for i, v in enumerate(values):
            if not isinstance(v, Tensor):
                if not isinstance(v, int) or isinstance(v, bool):
                    raise OutsideModel("packing values other than tensors and ints")
                g._op(str(i), "Const")
        return new_tensor(g._op(scope, "Pack"), DTYPES["int32"], make_shape((len(values),), g.v1))


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """array_ops.one_hot with float on/off values: in ``name_scope(name, "one_hot")`` the two
    values (Consts ``Const``, ``Const_1``) and the ``depth`` the generated op converts, then the
    OneHot op named after the scope."""
    from .constant_op import constant
    if type(on_value) is not float or type(off_value) is not float or dtype is not None \
            or axis not in (None, -1) or not isinstance(depth, int) or isinstance(depth, bool):
        raise OutsideModel("one_hot with other than float on/off values, a dtype, an axis or a tensor depth")
    g = get_default_graph()
    with name_scope(name, "one_hot", [indices, depth, on_value, off_value, axis, dtype]) as scope:
        constant(on_value)
        constant(off_value)
        x = convert_to_tensor(indices, name="indices")
        if x.dtype.base_dtype.name not in ("uint8", "int8", "int32", "int64"):
            raise OutsideModel(f"one_hot of {x.dtype.base_dtype.name} indices")
        g._op("depth", "Const")
        dims = x.shape._dims
        out = None if dims is None else tuple(dims) + (depth,)
        return new_tensor(g._op(scope, "OneHot"), _FLOAT32, make_shape(out, g.v1), x.deps)
