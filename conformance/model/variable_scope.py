"""Variable scopes and the variable store (TF's ops/variable_scope.py).

The same classes as TF, in the same control flow, so that corner cases fall out alike:

* ``get_variable`` ignores name scopes (it opens ``name_scope(None)``); the variable's name is
  ``<variable scope>/<name>``, its *op* still goes through ``unique_name``: if ``w`` is already
  the name of another op, the stored variable ``w`` gets the graph name ``w_1:0``.
* Default-name counters (``variable_scope(None, default_name=...)``) live in the graph's
  ``_VariableScopeStore``.  Leaving a scope entered by *string* zeroes the counters below it;
  leaving a scope entered by *object* restores the whole counter table as it was just after
  entry.
* ``reuse=False`` is turned into None (inherit), so it still reuses under a reusing parent;
  a scope re-entered by *object* takes the object's reuse flag, not the parent's, unless
  ``reuse=True``/``AUTO_REUSE`` is passed.
* Re-entering a scope object opens a *new* name scope named after the last component of the
  scope's name (uniquified), while ``original_name_scope`` keeps the first one;
  ``auxiliary_name_scope=False`` re-enters the current name scope instead.
* The store and the scope store are the single items of the collections
  ``('__variable_store',)`` and ``('__varscope',)``, made on first use.
"""
from collections.abc import Sequence as _Sequence
import enum
import functools
import types

from .constant_op import convert_to_tensor
from .context import OutsideModel, state
from .dtypes import DTYPES, DType, as_dtype
from .init_ops import GlorotUniform, Zeros
from .ops import (GraphKeys, Tensor, _enter_name_scope, _GraphContext, _GraphNameScope, get_default_graph,
                  class_for, graph_from_inputs, name_scope)
from .tensor_shape import TensorShape, as_shape, make_shape
from . import variables
from .variables import PartitionedVariable, RefVariable, ResourceVariable, SaveSliceInfo, VariableV1

_FLOAT32 = DTYPES["float32"]
FAST_PATHS = True  # the fast path of _get_single_variable; tests/test_model_fastpaths.py compares both ways


class _ReuseMode(enum.Enum):
    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE


class VariableSynchronization(enum.Enum):
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


_VARSTORE_KEY = ("__variable_store",)
_VARSCOPESTORE_KEY = ("__varscope",)


class _PartitionInfo:
    __slots__ = ("full_shape", "var_offset")

    def __init__(self, full_shape, var_offset):
        self.full_shape = full_shape
        self.var_offset = var_offset


_ACCEPTS = {}  # code object -> (argument names, has **kwargs); function_utils.fn_args/has_kwargs


def _code(fn):
    """(code object, number of arguments bound already) of a function, method, partial or callable
    object (its ``__call__``)."""
    bound = 0
    while type(fn) is functools.partial:
        bound += len(fn.args)
        fn = fn.func
    if type(fn) is types.FunctionType:
        return fn.__code__, bound, fn.__defaults__
    if type(fn) is types.MethodType:
        return fn.__func__.__code__, bound + 1, fn.__func__.__defaults__
    call = getattr(type(fn), "__call__", None)
    code = getattr(call, "__code__", None)
    if code is None:
        raise OutsideModel(f"a callable without Python code: {fn!r}")
    return code, bound + 1, call.__defaults__


def _arg_names(fn):
    code, _, _ = _code(fn)
    found = _ACCEPTS.get(code)
    if found is None:
        n = code.co_argcount + code.co_kwonlyargcount
        found = _ACCEPTS[code] = (code.co_varnames[:n], bool(code.co_flags & 0x08))
    return found


def _needs_no_arguments(fn):
    """variable_scope._needs_no_arguments: every positional argument has a default."""
    code, bound, defaults = _code(fn)
    return code.co_argcount - bound - len(defaults or ()) <= 0


class _VariableStore:
    __slots__ = ("_vars", "_partitioned_vars", "_store_eager_variables")

    def __init__(self):
        self._vars = {}
        self._partitioned_vars = {}
        self._store_eager_variables = False

    def get_variable(self, name, shape=None, dtype=_FLOAT32, initializer=None, regularizer=None, reuse=None,
                     trainable=None, collections=None, caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE):
        if custom_getter is not None and not callable(custom_getter):
            raise ValueError("Passed a custom_getter which is not callable: %s" % custom_getter)
        try:
            dtype = dtype.base_dtype
        except (AttributeError, OutsideModel):
            pass

        # variables.validate_synchronization_aggregation_trainable
        if synchronization is None:
            synchronization = VariableSynchronization.AUTO
        if aggregation is None:
            aggregation = VariableAggregation.NONE
        if trainable is None and get_default_graph().rel.trainable_none_is_trainable:
            trainable = synchronization != VariableSynchronization.ON_READ
        if custom_getter is not None:
            kwargs = {"getter": self._true_getter, "name": name, "shape": shape, "dtype": dtype,
                      "initializer": initializer, "regularizer": regularizer, "reuse": reuse,
                      "trainable": trainable, "collections": collections, "caching_device": caching_device,
                      "partitioner": partitioner, "validate_shape": validate_shape, "use_resource": use_resource,
                      "synchronization": synchronization, "aggregation": aggregation}
            args, has_kwargs = _arg_names(custom_getter)
            if "constraint" in args or has_kwargs:
                kwargs["constraint"] = constraint
            return custom_getter(**kwargs)
        return self._true_getter(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
                                 caching_device, partitioner, validate_shape, use_resource, constraint,
                                 synchronization, aggregation)

    def _true_getter(self, name, shape=None, dtype=_FLOAT32, initializer=None, regularizer=None, reuse=None,
                     trainable=None, collections=None, caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, constraint=None, synchronization=VariableSynchronization.AUTO,
                     aggregation=VariableAggregation.NONE):
        """The getter that get_variable hands to custom getters (a closure in TF, a method here)."""
        if partitioner is not None and not (shape is not None and (
                type(shape) in (list, tuple) or isinstance(shape, _Sequence)) and not shape):  # a scalar's
            if not callable(partitioner):
                raise ValueError("Partitioner must be callable, but received: %s" % partitioner)
            with name_scope(None):
                return self._get_partitioned_variable(
                    name, partitioner, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                    reuse=reuse, trainable=trainable, collections=collections, caching_device=caching_device,
                    validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
                    synchronization=synchronization, aggregation=aggregation)
        if reuse is True and partitioner is None and name in self._partitioned_vars:
            return self._get_partitioned_variable(
                name, None, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer, reuse=reuse,
                trainable=trainable, collections=collections, caching_device=caching_device,
                validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
                synchronization=synchronization, aggregation=aggregation)
        if "%s/part_0" % name in self._vars:
            raise ValueError("No partitioner was provided, but a partitioned version of the variable was found: "
                             "%s/part_0. Perhaps a variable of the same name was already created with "
                             "partitioning?" % name)
        return self._get_single_variable(name, shape, dtype, initializer, regularizer, None, reuse, trainable,
                                         collections, caching_device, validate_shape, use_resource, constraint,
                                         synchronization, aggregation)

    def _get_partitioned_variable(self, name, partitioner, shape=None, dtype=_FLOAT32, initializer=None,
                                  regularizer=None, reuse=None, trainable=None, collections=None,
                                  caching_device=None, validate_shape=True, use_resource=None, constraint=None,
                                  synchronization=VariableSynchronization.AUTO,
                                  aggregation=VariableAggregation.NONE):
        g = get_default_graph()
        initializing_from_value = initializer is not None and isinstance(initializer, Tensor)
        if name in self._vars:
            raise ValueError("A partitioner was provided, but an unpartitioned version of the variable was found: "
                             "%s.  Perhaps a variable of the same name was already created without partitioning?"
                             % name)
        shape = as_shape(shape, g.v1)
        if initializing_from_value:
            shape = shape.merge_with(initializer.get_shape())
        partitions = None
        if not reuse or partitioner:
            partitions = _call_partitioner(partitioner, shape, dtype, name)
        if name in self._partitioned_vars:
            if reuse is False:
                raise ValueError("Partitioned variable with name %s already exists. Did you mean to set %s in "
                                 "VarScope?" % (name, g.rel.reuse_exists_hint))
            existing = self._partitioned_vars[name]
            if not shape.is_compatible_with(existing.get_shape()):
                raise ValueError("Trying to reuse partitioned variable %s, but specified shape %s and found shape "
                                 "%s." % (name, shape, existing.get_shape()))
            if not dtype.is_compatible_with(existing.dtype):
                raise ValueError("Trying to reuse partitioned variable %s, but specified dtype %s and found dtype "
                                 "%s." % (name, dtype.name, existing.dtype.name))
            if partitions is not None and existing._get_partitions() != partitions:
                raise ValueError("Trying to reuse partitioned variable %s, but specified partitions %s and found "
                                 "partitions %s." % (name, partitions, existing._get_partitions()))
            return existing
        if reuse is True:
            raise ValueError("PartitionedVariable %s does not exist, or was not created with tf.get_variable(). "
                             "Did you mean to set %s in VarScope?" % (name, g.rel.partitioned_missing_hint))
        slice_dim, num_slices = _get_slice_dim_and_num_slices(partitions)
        if "%s/part_0" % name in self._vars:
            if "%s/part_%d" % (name, num_slices - 1) not in self._vars:
                raise ValueError("Partitioner returned a different partitioning than what was already found.  "
                                 "Partitioner returned %d shards, and shard %s/part_0 was found, but %s/part_%d "
                                 "was not." % (num_slices, name, name, num_slices - 1))
            if "%s/part_%d" % (name, num_slices) in self._vars:
                raise ValueError("Partitioner returned a different partitioning than what was already found.  "
                                 "Partitioner returned %d shards, and shard %s/part_0 was found, but so was the "
                                 "extra shard %s/part_%d." % (num_slices, name, name, num_slices))
        vs = []
        for i, (var_offset, var_shape) in enumerate(_iter_slices(shape.as_list(), num_slices, slice_dim)):
            partition_info = _PartitionInfo(full_shape=shape.as_list(), var_offset=var_offset)
            var_full_name = "%s/part_%d" % (name, i)
            with name_scope(var_full_name + "/PartitionedInitializer"):
                if initializer is None:
                    init, initializing_from_value = _get_default_initializer(g, name, shape, dtype)
                    init_shape = None if initializing_from_value else var_shape
                elif callable(initializer):
                    init, init_shape = initializer, var_shape
                elif isinstance(initializer, Tensor):
                    from .array_ops import slice as slice_
                    init = slice_(initializer, var_offset, var_shape)
                    dtype = init.dtype.base_dtype
                    init_shape = None
                else:
                    from .array_ops import slice as slice_
                    init = slice_(convert_to_tensor(initializer, dtype=dtype), var_offset, var_shape)
                    init_shape = None
            with name_scope(None):
                var = self._get_single_variable(
                    var_full_name, shape=init_shape, dtype=dtype, initializer=init, partition_info=partition_info,
                    regularizer=regularizer, reuse=reuse, trainable=trainable, collections=collections,
                    caching_device=caching_device, validate_shape=validate_shape, use_resource=use_resource,
                    constraint=constraint, synchronization=synchronization, aggregation=aggregation)
            var._save_slice_info = SaveSliceInfo(name, shape.as_list(), var_offset, var_shape)
            vs.append(var)
        partitioned = class_for(g.rel, "PartitionedVariable")(name=name, shape=shape, dtype=dtype, variable_list=vs,
                                          partitions=partitions)
        self._partitioned_vars[name] = partitioned
        return partitioned

    def _get_common(self, g, name, shape, dtype, initializer, reuse, trainable, collections, use_resource):
        """``_true_getter`` in the common case (a fast path): ``shape`` a list or tuple of ints, ``dtype``
        a DType, ``initializer`` None or a built-in one, and none of partitioner, regularizer,
        constraint, caching device, variable creators, device functions or colocation.  Returns
        the variable, or None where the common case does not apply or an error is due, having
        done nothing: the general path then runs (tests/test_model_fastpaths.py compares both)."""
        if not FAST_PATHS or g._creators or g._device != "" or g._colocation:
            return None
        for d in shape:
            if type(d) is not int or d < 0:
                return None
        found = self._vars.get(name)
        if found is not None:
            if reuse is False or found.dtype.base_dtype is not dtype.base_dtype:
                return None
            dims = found.shape._dims
            if dims is None or len(dims) != len(shape) or any(a != b for a, b in zip(dims, shape) if a is not None):
                return None
            return found
        if reuse is True or name + "/part_0" in self._vars:
            return None
        if initializer is None:
            kind = dtype.kind
            if kind != "float" and g.rel.zeros_initializer != "initializer":
                return None
            initializer = _GLOROT_UNIFORM if kind == "float" else _ZEROS if kind in _ZERO_KINDS else None
        emitter = getattr(initializer, "_emitter", None)
        if emitter is None or type(initializer) is type:
            return None
        base = dtype.base_dtype
        dims = tuple(shape)
        emit = emitter(dims, base)
        if emit is None:
            return None
        if use_resource is None:
            use_resource = not g.v1
        v = (g._res_cls if use_resource else g._ref_cls)._fast(g, name, make_shape(dims, g.v1), base, emit,
                                                                     trainable, collections)
        self._vars[name] = v
        return v

    def _get_single_variable(self, name, shape=None, dtype=_FLOAT32, initializer=None, regularizer=None,
                             partition_info=None, reuse=None, trainable=None, collections=None, caching_device=None,
                             validate_shape=True, use_resource=None, constraint=None,
                             synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE):
        initializing_from_value = initializer is not None and not callable(initializer)
        if shape is not None and initializing_from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        g = get_default_graph()
        dtype = as_dtype(dtype)
        if shape is not None:
            shape = as_shape(shape, g.v1)
        found = self._vars.get(name)
        if found is not None:
            if reuse is False:
                err_msg = ("Variable %s already exists, disallowed. Did you mean to set %s in VarScope?"
                           % (name, g.rel.reuse_exists_hint))
                if found._resource:
                    raise ValueError(err_msg)
                raise ValueError("%s Originally defined at:\n\n%s" % (err_msg, "  (traceback not modelled)\n"))
            if shape is not None and not shape.is_compatible_with(found.get_shape()):
                raise ValueError("Trying to share variable %s, but specified shape %s and found shape %s."
                                 % (name, shape, found.get_shape()))
            if not dtype.is_compatible_with(found.dtype):
                raise ValueError("Trying to share variable %s, but specified dtype %s and found dtype %s."
                                 % (name, dtype.name, found.dtype.name))
            return found
        if reuse is True:
            raise ValueError("Variable %s does not exist, or was not created with tf.get_variable(). Did you mean "
                             "to set %s in VarScope?" % (name, g.rel.reuse_missing_hint))
        wording = g.rel.no_initializer_error
        if wording == "fully-defined" and not initializing_from_value and (shape is None or not shape.is_fully_defined()):
            raise ValueError("Shape of a new variable (%s) must be fully defined, but instead was %s."
                             % (name, shape if shape is not None else as_shape(None, g.v1)))
        if initializer is None:
            if shape is None and wording == "no-shape":
                raise ValueError(f"Variable {name} did not get an initializer, so its `shape` argument must be "
                                 f"specified.")
            initializer, initializing_from_value = _get_default_initializer(g, name, shape, dtype)
        # (TF enters init_scope here: no effect on names in a graph)
        if initializing_from_value:
            init_val = initializer
            variable_dtype = None
        else:
            called = False
            if isinstance(initializer, type):  # releases.initializer_class
                how = g.rel.initializer_class
                if how == "no arguments":
                    initializer = initializer()
                elif how == "dtype":
                    initializer = initializer(dtype=dtype)
                else:  # 1.0: the class itself is called as the initializer
                    called = True
            if called:
                init_val = functools.partial(initializer, shape.as_list(), dtype=dtype, partition_info=partition_info)
                variable_dtype = dtype.base_dtype
            elif shape is not None and shape.is_fully_defined():
                emitter = getattr(initializer, "_emitter", None)
                if (emitter is not None and FAST_PATHS and not g._creators and constraint is None
                        and caching_device is None and partition_info is None and validate_shape
                        and _sync(synchronization) is None and _aggregation(aggregation) is None):
                    emit = emitter(shape._dims, dtype.base_dtype)
                    if emit is not None:
                        if use_resource is None:
                            use_resource = not g.v1
                        v = (g._res_cls if use_resource else g._ref_cls)._fast(
                            g, name, shape, dtype.base_dtype, emit, trainable, collections)
                        self._vars[name] = v
                        if regularizer:
                            _add_regularizer(g, name, v, regularizer)
                        return v
                args, _ = _arg_names(initializer)
                if "partition_info" in args:
                    init_val = functools.partial(initializer, shape.as_list(), dtype=dtype,
                                                 partition_info=partition_info)
                else:
                    init_val = functools.partial(initializer, shape.as_list(), dtype=dtype)
                variable_dtype = dtype.base_dtype
            elif wording == "no-arguments" and _arg_names(initializer)[0]:  # any argument, even optional
                args, _ = _arg_names(initializer)
                raise ValueError("You can only pass an initializer function that expects no arguments to its callable "
                                 "when the shape is not fully defined. The given initializer function expects the "
                                 "following args %s" % list(args))
            elif _needs_no_arguments(initializer):
                init_val = initializer
                variable_dtype = None
            elif wording == "no-arguments":
                args, _ = _arg_names(initializer)
                raise ValueError("You can only pass an initializer function that expects no arguments to its callable "
                                 "when the shape is not fully defined. The given initializer function expects the "
                                 "following args %s" % list(args))
            else:
                raise ValueError("The initializer passed is not valid. It should be a callable with no arguments "
                                 "and the shape should not be provided or an instance of "
                                 "`tf.keras.initializers.*' and `shape` should be fully defined.")
        if use_resource is None:
            use_resource = not g.v1
        # _variable_v1: the variable creators, then the default creator; without creators, the
        # class the default creator picks for this use_resource
        cls = VariableV1 if g._creators else g._res_cls if use_resource else g._ref_cls
        v = cls(initial_value=init_val, name=name, trainable=trainable, collections=collections,
                caching_device=caching_device, dtype=variable_dtype, validate_shape=validate_shape,
                constraint=constraint, use_resource=use_resource, synchronization=_sync(synchronization),
                aggregation=_aggregation(aggregation), shape=shape)
        self._vars[name] = v
        if regularizer:
            _add_regularizer(g, name, v, regularizer)
        return v


def _sync(value):
    return None if value in (None, VariableSynchronization.AUTO) else value


def _aggregation(value):
    return None if value in (None, VariableAggregation.NONE) else value


_GLOROT_UNIFORM = GlorotUniform()
_ZEROS = Zeros()
_ZERO_KINDS = ("int", "uint", "bool", "string")  # the kinds _get_default_initializer gives zeros


def _get_default_initializer(g, name, shape, dtype):
    """A new glorot_uniform_initializer() (floats) or zeros_initializer() in TF; the model shares one
    of each (they are not visible to programs).  Up to 1.4 (releases.zeros_initializer) the zeros
    are a value, zeros_initializer()(shape) made here, in the caller's name scope (a partitioned
    variable's part: the full shape, under <part>/PartitionedInitializer)."""
    if dtype.is_floating:
        return _GLOROT_UNIFORM, False
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype.name == "string":
        if g.rel.zeros_initializer == "default value":
            return _ZEROS(shape.as_list(), dtype.base_dtype), True
        return _ZEROS, False
    raise ValueError("An initializer for variable %s of %s is required" % (name, dtype.base_dtype))


def _add_regularizer(g, name, v, regularizer):
    """The store calls the regularizer once (ops at the root scope) and keeps a lazy loss that
    makes its ops again, under ``<name>/Regularizer/``, when first read."""
    if regularizer(v) is not None:
        def make_regularizer_op():
            with g.colocate_with(v), name_scope(name + "/Regularizer/"):
                return regularizer(v)
        g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, _LazyEvalTensor(make_regularizer_op))


class _LazyEvalTensor:
    """variable_scope._LazyEvalTensor: a tensor made on first use."""
    __slots__ = ("_thunk", "_tensor")

    def __init__(self, thunk):
        self._thunk = thunk
        self._tensor = None

    def _master(self):
        if self._tensor is None:
            self._tensor = self._thunk()
        return self._tensor

    def _as_tensor(self, dtype=None):
        return self._master()

    def __getattr__(self, attr):
        return getattr(self._master(), attr)


def _call_partitioner(partitioner, shape, dtype, name=None):
    if not shape.is_fully_defined():
        if get_default_graph().rel.partitioned_shape_error == "named":
            raise ValueError("Shape of a new partitioned variable (%s) must be fully defined, but instead was %s."
                             % (name, shape))
        raise ValueError("Shape of a new partitioned variable must be fully defined, but instead was %s." % (shape,))
    if shape.ndims < 1:
        raise ValueError("A partitioned Variable must have rank at least 1, shape: %s" % shape)
    slicing = partitioner(shape=shape, dtype=dtype)
    if not isinstance(slicing, _Sequence):
        raise ValueError("Partitioner must return a sequence, but saw: %s" % slicing)
    if len(slicing) != shape.ndims:
        raise ValueError("Partitioner returned a partition list that does not match the Variable's rank: %s vs. %s"
                         % (slicing, shape))
    if any(p < 1 for p in slicing):
        raise ValueError("Partitioner returned zero partitions for some axes: %s" % slicing)
    if sum(p > 1 for p in slicing) > 1:
        raise ValueError("Can only slice a variable along one dimension: shape: %s, partitioning: %s"
                         % (shape, slicing))
    return slicing


def _get_slice_dim_and_num_slices(slicing):
    for slice_dim, num_slices in enumerate(slicing):
        if num_slices > 1:
            return slice_dim, num_slices
    return 0, 1


def _iter_slices(full_shape, num_slices, slice_dim):
    num_slices_with_excess = full_shape[slice_dim] % num_slices
    offset = [0] * len(full_shape)
    min_slice_len = full_shape[slice_dim] // num_slices
    for i in range(num_slices):
        shape = full_shape[:]
        shape[slice_dim] = min_slice_len + bool(i < num_slices_with_excess)
        yield offset[:], shape
        offset[slice_dim] += shape[slice_dim]


class VariableScope:
    """A variable scope: name, reuse flag, defaults for get_variable, original name scope."""
    __slots__ = ("_name", "_initializer", "_regularizer", "_reuse", "_caching_device", "_partitioner",
                 "_custom_getter", "_name_scope", "_dtype", "_use_resource", "_constraint")

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None, partitioner=None,
                 custom_getter=None, name_scope="", dtype=_FLOAT32, use_resource=None, constraint=None):
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._reuse = reuse
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    name = property(lambda self: self._name)
    original_name_scope = property(lambda self: self._name_scope)
    reuse = property(lambda self: self._reuse)
    initializer = property(lambda self: self._initializer)
    dtype = property(lambda self: self._dtype)
    use_resource = property(lambda self: self._use_resource)
    regularizer = property(lambda self: self._regularizer)
    caching_device = property(lambda self: self._caching_device)
    partitioner = property(lambda self: self._partitioner)
    custom_getter = property(lambda self: self._custom_getter)
    constraint = property(lambda self: self._constraint)

    def reuse_variables(self):
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        if caching_device is not None:
            raise OutsideModel("caching devices")
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def _since(self, attr):
        """VariableScope's methods that appeared in a release (releases.ADDED) raise before it."""
        if attr in get_default_graph().rel.absent.get("VariableScope", ()):
            raise AttributeError(f"'VariableScope' object has no attribute '{attr}'")

    def get_collection(self, name):
        self._since("get_collection")
        scope = self._name + "/" if self._name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self):
        self._since("trainable_variables")
        return self.get_collection(GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self):
        self._since("global_variables")
        return self.get_collection(GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self):
        self._since("local_variables")
        return self.get_collection(GraphKeys.LOCAL_VARIABLES)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None, regularizer=None, reuse=None,
                     trainable=None, collections=None, caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE):
        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        if use_resource is None:
            use_resource = self._use_resource
        full_name = self._name + "/" + name if self._name else name
        g = get_default_graph()
        old = g._name_stack
        g._name_stack = ""  # name_scope(None): variable names depend on variable scopes only
        try:
            if dtype is not None and initializer is not None and not callable(initializer):
                init_dtype = convert_to_tensor(initializer).dtype.base_dtype
                if init_dtype is not as_dtype(dtype).base_dtype:
                    raise ValueError("Initializer type '%s' and explicit dtype '%s' don't match."
                                     % (init_dtype, as_dtype(dtype)))
            if initializer is None:
                initializer = self._initializer
            if constraint is None:
                constraint = self._constraint
            if dtype is None:
                dtype = self._dtype
            return var_store.get_variable(full_name, shape, dtype, initializer, regularizer, reuse, trainable,
                                          collections, caching_device, partitioner, validate_shape, use_resource,
                                          custom_getter, constraint, synchronization, aggregation)
        finally:
            g._name_stack = old

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"VariableScope.{attr}")

    def __repr__(self):
        return f"<tensorflow.python.ops.variable_scope.VariableScope object at 0x{id(self):x}>"


class _VariableScopeStore:
    __slots__ = ("current_scope", "variable_scopes_count")

    def __init__(self):
        self.current_scope = VariableScope(False)
        self.variable_scopes_count = {}

    def open_variable_scope(self, scope_name):
        counts = self.variable_scopes_count
        counts[scope_name] = counts.get(scope_name, 0) + 1

    def close_variable_subscopes(self, scope_name):
        counts = self.variable_scopes_count
        if scope_name is None or not scope_name and get_default_graph().rel.close_root_scope == "every count":
            for k in counts:
                counts[k] = 0
        else:
            prefix = scope_name + "/"
            n = len(prefix)
            for k in counts:
                if k[:n] == prefix:
                    counts[k] = 0

    def variable_scope_count(self, scope_name):
        return self.variable_scopes_count.get(scope_name, 0)


def get_variable_scope_store(g=None):
    """The graph's scope store, kept in a collection as TF keeps it (``g``: the default graph)."""
    if g is None:
        g = get_default_graph()
    store = g._collections.get(_VARSCOPESTORE_KEY)  # get_collection without the copy
    if store:
        return store[0]
    store = _VariableScopeStore()
    g.add_to_collection(_VARSCOPESTORE_KEY, store)
    return store


def get_variable_scope():
    graphs = state.graphs
    if graphs:  # get_variable_scope_store() inlined: the model's most frequent call
        store = graphs[-1]._collections.get(_VARSCOPESTORE_KEY)
        if store:
            return store[0].current_scope
    return get_variable_scope_store().current_scope


variables._get_variable_scope = get_variable_scope  # the default variable creator reads use_resource


def _get_default_variable_store(g=None):
    if g is None:
        g = get_default_graph()
    store = g._collections.get(_VARSTORE_KEY)
    if store:
        return store[0]
    store = _VariableStore()
    g.add_to_collection(_VARSTORE_KEY, store)
    return store


def _maybe_wrap_custom_getter(custom_getter, old_getter):
    if old_getter is None:
        return custom_getter
    if get_default_graph().rel.modelled != "all":
        raise OutsideModel(f"nested custom getters on TF {get_default_graph().rel.version}")

    def wrapped_custom_getter(getter, *args, **kwargs):
        return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)
    return wrapped_custom_getter


class _pure_variable_scope:  # noqa: N801
    """The variable-scope half of ``variable_scope`` (no name scope)."""
    __slots__ = ("_name_or_scope", "_reuse", "_initializer", "_regularizer", "_caching_device", "_partitioner",
                 "_custom_getter", "_old_name_scope", "_dtype", "_use_resource", "_constraint", "_var_scope_store",
                 "_last_variable_scope_object", "_new_name", "_cached_variable_scope_object", "_old",
                 "_old_subscopes")

    def __init__(self, name_or_scope, reuse=None, initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, old_name_scope=None, dtype=_FLOAT32, use_resource=None,
                 constraint=None):
        self._name_or_scope = name_or_scope
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._old_name_scope = old_name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        g = get_default_graph()
        _get_default_variable_store(g)  # TF makes the variable store here, on entering any variable scope
        self._var_scope_store = get_variable_scope_store(g)
        self._last_variable_scope_object = None
        if type(name_or_scope) is VariableScope:
            self._new_name = name_or_scope._name
            obj = name_or_scope
            if reuse is False and g.rel.reuse_false == "kept":  # 1.0: reuse=False is the copy's flag
                flag = False
            else:
                flag = obj._reuse if not reuse else reuse
            vso = VariableScope(flag, obj._name, obj._initializer, obj._regularizer,
                                obj._caching_device, obj._partitioner, obj._custom_getter, obj._name_scope,
                                obj._dtype, obj._use_resource, constraint)
            self._apply_overrides(vso, obj._custom_getter)
            self._cached_variable_scope_object = vso

    def _apply_overrides(self, vso, old_getter):
        if self._initializer is not None:
            vso._initializer = self._initializer
        if self._regularizer is not None:
            vso._regularizer = self._regularizer
        if self._caching_device is not None:
            vso.set_caching_device(self._caching_device)
        if self._partitioner is not None:
            vso._partitioner = self._partitioner
        if self._custom_getter is not None:
            vso._custom_getter = _maybe_wrap_custom_getter(self._custom_getter, old_getter)
        if self._dtype is not None:
            vso._dtype = self._dtype
        if self._use_resource is not None:
            vso._use_resource = self._use_resource

    def __enter__(self):
        store = self._var_scope_store
        old = self._old = store.current_scope
        if type(self._name_or_scope) is VariableScope:
            store.open_variable_scope(self._new_name)
            self._old_subscopes = dict(store.variable_scopes_count)
            vso = self._cached_variable_scope_object
        else:
            name = self._name_or_scope
            self._new_name = old._name + "/" + name if old._name else name
            self._reuse = self._reuse or old._reuse  # reuse is inherited by sub-scopes
            vso = VariableScope(self._reuse, self._new_name, old._initializer, old._regularizer, old._caching_device,
                                old._partitioner, old._custom_getter,
                                name if self._old_name_scope is None else self._old_name_scope,
                                old._dtype, old._use_resource, self._constraint)
            self._apply_overrides(vso, old._custom_getter)
            store.open_variable_scope(self._new_name)
        store.current_scope = vso
        self._last_variable_scope_object = vso
        return vso

    def __exit__(self, *exc):
        store = self._var_scope_store
        if store.current_scope is not self._last_variable_scope_object and get_default_graph().rel.checks_scope_arguments:
            raise RuntimeError("Improper nesting of variable_scope.")
        if type(self._name_or_scope) is VariableScope:
            store.variable_scopes_count = self._old_subscopes
        else:
            store.close_variable_subscopes(self._new_name)
        store.current_scope = self._old


def _get_unique_variable_scope(prefix):
    store = get_variable_scope_store()
    current = store.current_scope
    name = current._name + "/" + prefix if current._name else prefix
    if store.variable_scope_count(name) == 0:
        return prefix
    idx = 1
    while store.variable_scope_count(name + ("_%d" % idx)) > 0:
        idx += 1
    return prefix + ("_%d" % idx)


class variable_scope:  # noqa: N801
    __slots__ = ("_name_or_scope", "_default_name", "_values", "_initializer", "_regularizer", "_caching_device",
                 "_partitioner", "_custom_getter", "_reuse", "_dtype", "_use_resource", "_constraint",
                 "_cached_pure_variable_scope", "_current_name_scope", "_auxiliary_name_scope", "_entered",
                 "_active", "_graph", "_switched")

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                 use_resource=None, constraint=None, auxiliary_name_scope=True):
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._values = values
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._reuse = reuse
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if reuse is False:
            graphs = state.graphs
            if not (graphs and graphs[-1].rel.reuse_false == "kept" and type(name_or_scope) is VariableScope):
                self._reuse = None  # (1.0 passes False on: by name, 'reuse or old.reuse' inherits all the same)
        elif not (reuse is True or reuse is None or reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        # the graph it enters: the values' (which must share one), else the default graph now
        graphs = state.graphs
        self._graph = graph_from_inputs(values) if values else graphs[-1] if graphs else None
        self._switched = None
        self._cached_pure_variable_scope = None
        self._current_name_scope = None
        self._entered = None  # what _enter_by_name did, for __exit__
        self._active = False  # entered by _enter_by_name and not left
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, "
                            "while get {}".format(auxiliary_name_scope))
        self._auxiliary_name_scope = auxiliary_name_scope

    def _pure(self, name_or_scope, old_name_scope=None, reuse=None):
        return _pure_variable_scope(name_or_scope, reuse=reuse, initializer=self._initializer,
                                    regularizer=self._regularizer, caching_device=self._caching_device,
                                    partitioner=self._partitioner, custom_getter=self._custom_getter,
                                    old_name_scope=old_name_scope, dtype=self._dtype, use_resource=self._use_resource,
                                    constraint=self._constraint)

    def __enter__(self):
        graphs = state.graphs
        if self._graph is not None and graphs and graphs[-1] is not self._graph:
            self._switched = _GraphContext(self._graph)
            self._switched.__enter__()
            try:
                return self._enter()
            except BaseException:
                self._switched.__exit__(None, None, None)
                self._switched = None
                raise
        self._switched = None
        return self._enter()

    def _enter(self):
        if self._entered is not None or self._cached_pure_variable_scope is not None:
            reentry = get_default_graph().rel.variable_scope_reentry
            if reentry == "generator":
                raise RuntimeError("generator didn't yield")
            if reentry == "fresh":
                if self._active or (self._cached_pure_variable_scope is not None and
                                    get_variable_scope_store().current_scope is
                                    self._cached_pure_variable_scope._last_variable_scope_object):
                    raise OutsideModel("a variable_scope object entered again while entered, on TF 1.4")
                self._entered = self._cached_pure_variable_scope = self._current_name_scope = None
        if self._cached_pure_variable_scope is not None:
            if self._current_name_scope is not None:
                self._current_name_scope.__enter__()
            return self._cached_pure_variable_scope.__enter__()
        if self._entered is not None:  # re-entering after _enter_by_name: as TF re-enters its cached objects
            g, old_stack, store, old, vso, new_name, name, ns_name, reuse = self._entered
            self._entered = None
            if self._active:  # still entered: its name scope's generator is closed (see _GraphNameScope)
                g._name_stack = old_stack
            self._current_name_scope = _GraphNameScope(g, ns_name)
            self._current_name_scope.__enter__()
            # the reuse flag the first entry inherited sticks (_pure_variable_scope keeps it)
            self._cached_pure_variable_scope = self._pure(name, vso._name_scope, reuse=reuse)
            return self._cached_pure_variable_scope.__enter__()
        name = self._name_or_scope
        if FAST_PATHS and self._auxiliary_name_scope:
            if type(name) is str and name:
                return self._enter_by_name(name, name)
            if name is None and not self._reuse:
                return self._enter_by_name(None, self._default_name)
        g = get_default_graph()
        if self._auxiliary_name_scope:
            current_name_scope = None
        else:
            ns = g._name_stack
            current_name_scope = _GraphNameScope(g, ns + "/" if ns else ns)
        name_or_scope = self._name_or_scope
        if name_or_scope is not None:
            if type(name_or_scope) is str:
                ns_name = name_or_scope
            elif type(name_or_scope) is VariableScope:
                ns_name = name_or_scope._name.split("/")[-1]
            else:
                raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
            if ns_name or current_name_scope:
                current_name_scope = current_name_scope or _GraphNameScope(g, ns_name)
                current_name_scope_name = current_name_scope.__enter__()
                self._current_name_scope = current_name_scope
                if type(name_or_scope) is str:
                    old_name_scope = current_name_scope_name
                else:
                    old_name_scope = name_or_scope._name_scope
                pure = self._pure(name_or_scope, old_name_scope, reuse=self._reuse)
            else:
                self._current_name_scope = None
                pure = self._pure(name_or_scope, reuse=self._reuse)
        else:
            if self._reuse:
                raise ValueError("reuse=True cannot be used without a name_or_scope")
            current_name_scope = current_name_scope or _GraphNameScope(g, self._default_name)
            current_name_scope_name = current_name_scope.__enter__()
            self._current_name_scope = current_name_scope
            unique_default_name = _get_unique_variable_scope(self._default_name)
            pure = self._pure(unique_default_name, current_name_scope_name)
        try:
            entered = pure.__enter__()
        except BaseException:
            pure.__exit__(None, None, None)
            raise
        self._cached_pure_variable_scope = pure
        return entered

    def _enter_by_name(self, name, ns_name):
        """``variable_scope("name")`` or ``variable_scope(None, default_name=ns_name)``, the usual
        cases, as __enter__ (above) and _pure_variable_scope do them, in one step: the auxiliary
        name scope ``ns_name`` (unique), then a scope object ``name`` (for a default name, the
        first with a zero count under the current scope) under the enclosing variable scope,
        inheriting its reuse flag and defaults."""
        g = get_default_graph()
        old_stack = g._name_stack
        ns = _enter_name_scope(g, ns_name)
        if name is None:
            name = _get_unique_variable_scope(ns_name)
        _get_default_variable_store(g)  # made on entering any variable scope
        store = get_variable_scope_store(g)
        old = store.current_scope
        new_name = old._name + "/" + name if old._name else name
        reuse = self._reuse or old._reuse  # inherited
        vso = VariableScope(reuse, new_name, old._initializer, old._regularizer,
                            old._caching_device, old._partitioner, old._custom_getter, ns, old._dtype,
                            old._use_resource, self._constraint)
        _pure_variable_scope._apply_overrides(self, vso, old._custom_getter)
        counts = store.variable_scopes_count  # open_variable_scope
        counts[new_name] = counts.get(new_name, 0) + 1
        store.current_scope = vso
        self._entered = (g, old_stack, store, old, vso, new_name, name, ns_name, reuse)
        self._active = True
        return vso

    def __exit__(self, *exc):
        switched = self._switched
        if switched is None:
            return self._exit(exc)
        self._switched = None
        if switched.graph.rel.scope_exit_cleanup == "in order":  # an error leaves the graph entered
            self._exit(exc)
            switched.__exit__(*exc)
            return None
        try:
            return self._exit(exc)
        finally:
            switched.__exit__(*exc)


    def _exit(self, exc):
        """Leaves the scope; returns None, as TF's ``__exit__``.  Before 1.15 (the fact
        ``scope_exit_cleanup``) an error leaving the variable scope leaves the name scope and the
        graph entered."""
        entered = self._entered
        if entered is not None:
            g, old_stack, store, old, vso, new_name, _, _, _ = entered
            if store.current_scope is not vso and g.rel.checks_scope_arguments:
                if self._active and g.rel.scope_exit_cleanup == "finally":
                    g._name_stack = old_stack
                    self._active = False
                raise RuntimeError("Improper nesting of variable_scope.")
            store.close_variable_subscopes(new_name)
            store.current_scope = old
            if self._active:
                g._name_stack = old_stack
                self._active = False
            return None
        if get_default_graph().rel.scope_exit_cleanup == "in order":
            self._cached_pure_variable_scope.__exit__(*exc)
            if self._current_name_scope:
                self._current_name_scope.__exit__(*exc)
            return None
        try:
            self._cached_pure_variable_scope.__exit__(*exc)
        finally:
            if self._current_name_scope:
                self._current_name_scope.__exit__(*exc)
        return None

    def __del__(self):
        """Freed while its name scope is still entered (1.14: leaving it raised 'Improper nesting of
        variable_scope.', see ``scope_exit_cleanup``): CPython closes the name scope's generator
        (Graph.name_scope), whose ``finally`` restores the name stack to what it was before the entry;
        so once the object is gone (``with variable_scope(...)``: when the error is handled) the name
        scope is left."""
        try:
            active, entered, ns = self._active, self._entered, self._current_name_scope
        except AttributeError:  # __init__ raised
            return
        if active and entered is not None:
            entered[0]._name_stack = entered[1]
        elif ns is not None:
            ns.__exit__(None, None, None)


class _GeneratorContextManager:
    """What ``tf.variable_scope(...)`` returns while it is a generator function (the fact
    ``variable_scope_object``, 1.0-1.3): contextlib's context manager of a generator, which runs
    nothing until it is entered.  Entering it makes and enters the ``variable_scope`` (the checks of
    its arguments raise there); entering it again raises, as an exhausted generator does, and if it
    is still entered (its generator suspended at its yield) the generator first runs to its end:
    the scope is left as by a normal exit, and the later ``__exit__`` does nothing."""
    __slots__ = ("_make", "_cm", "_started", "_active")

    def __init__(self, make):
        self._make = make
        self._cm = None
        self._started = False
        self._active = False

    def __enter__(self):
        if self._started:
            if self._active:
                self._active = False
                self._cm.__exit__(None, None, None)
            raise RuntimeError("generator didn't yield")
        self._started = True
        self._cm = self._make()
        entered = self._cm.__enter__()
        self._active = True
        return entered

    def __exit__(self, *exc):
        if not self._started:
            raise OutsideModel(f"leaving a variable_scope generator never entered, on TF {get_default_graph().rel.version}")
        if self._active:
            self._active = False
            self._cm.__exit__(*exc)
        return False  # contextlib's __exit__ after the generator's end


_GeneratorContextManager.__module__ = "contextlib"


def variable_op_scope(values, name_or_scope, default_name=None, initializer=None, regularizer=None,
                      caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                      use_resource=None, constraint=None):
    return variable_scope(name_or_scope, default_name=default_name, values=values, initializer=initializer,
                          regularizer=regularizer, caching_device=caching_device, partitioner=partitioner,
                          custom_getter=custom_getter, reuse=reuse, dtype=dtype, use_resource=use_resource,
                          constraint=constraint)


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True, use_resource=None,
                 custom_getter=None, constraint=None, synchronization=VariableSynchronization.AUTO,
                 aggregation=VariableAggregation.NONE):
    g = get_default_graph()
    scope = get_variable_scope_store(g).current_scope
    store = _get_default_variable_store(g)
    if (FAST_PATHS and type(name) is str and type(shape) in (list, tuple) and regularizer is None
            and caching_device is None and partitioner is None and validate_shape is True and custom_getter is None
            and constraint is None and synchronization is VariableSynchronization.AUTO
            and aggregation is VariableAggregation.NONE
            and scope._custom_getter is None and scope._partitioner is None and scope._regularizer is None
            and scope._caching_device is None and scope._constraint is None and name and name[-1] != "/"):
        # VariableScope.get_variable and the store's get_variable, in the common case
        var_dtype = scope._dtype if dtype is None else dtype
        if type(var_dtype) is DType and (initializer is None or callable(initializer)):
            old = g._name_stack
            g._name_stack = ""  # name_scope(None)
            try:
                v = store._get_common(g, scope._name + "/" + name if scope._name else name, shape, var_dtype,
                                      initializer if initializer is not None else scope._initializer, scope._reuse,
                                      True if trainable is None and g.rel.trainable_none_is_trainable
                                      else trainable, collections,
                                      use_resource if use_resource is not None else scope._use_resource)
            finally:
                g._name_stack = old
            if v is not None:
                return v
    return scope.get_variable(
        store, name, shape, dtype, initializer, regularizer, None, trainable, collections,
        caching_device, partitioner, validate_shape, use_resource, custom_getter, constraint, synchronization,
        aggregation)


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=False,
                       collections=None, caching_device=None, partitioner=None, validate_shape=True,
                       use_resource=None, custom_getter=None, constraint=None,
                       synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE):
    if collections:
        collections += [GraphKeys.LOCAL_VARIABLES]
    else:
        collections = [GraphKeys.LOCAL_VARIABLES]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                        trainable=False, collections=collections, caching_device=caching_device,
                        partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                        synchronization=synchronization, aggregation=aggregation, custom_getter=custom_getter,
                        constraint=constraint)


# --------------------------------------------------------------------------- partitioners (partitioned_variables.py)

def fixed_size_partitioner(num_shards, axis=0):
    def _partitioner(shape, **unused_args):
        partitions_list = [1] * len(shape)
        partitions_list[axis] = min(num_shards, shape.dims[axis].value)
        return partitions_list
    return _partitioner


def _dim(shape, i):
    d = shape[i]
    return d.value if hasattr(d, "value") else d


def variable_axis_size_partitioner(max_shard_bytes, axis=0, bytes_per_string_element=16, max_shards=None):
    if max_shard_bytes < 1 or bytes_per_string_element < 1:
        raise ValueError("Both max_shard_bytes and bytes_per_string_element must be positive. Currently, "
                         f"max_shard_bytes is {max_shard_bytes} and bytes_per_string_element is "
                         f"{bytes_per_string_element}")
    if max_shards and max_shards < 1:
        raise ValueError("max_shards must be positive.")

    def _partitioner(shape, dtype):
        if not isinstance(shape, TensorShape):
            raise ValueError(f"shape is not a TensorShape: {shape}")
        if not shape.is_fully_defined():
            raise ValueError(f"shape is not fully defined: {shape}")
        dtype = as_dtype(dtype)
        if dtype.base_dtype.name == "string":
            element_size = bytes_per_string_element
        else:
            element_size = dtype.size
        partitions = [1] * shape.ndims
        bytes_per_slice = 1.0 * (shape.num_elements() / _dim(shape, axis)) * element_size
        slices_per_shard = max(1, int(max_shard_bytes / bytes_per_slice))
        axis_shards = int((_dim(shape, axis) + slices_per_shard - 1) / slices_per_shard)
        if max_shards:
            axis_shards = min(max_shards, axis_shards)
        partitions[axis] = axis_shards
        return partitions
    return _partitioner


def min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10, bytes_per_string_element=16):
    def _partitioner(shape, dtype):
        if axis >= len(shape):
            raise ValueError(f"Cannot partition variable along axis {axis} when shape is only {shape}")
        dtype = as_dtype(dtype)
        if dtype.base_dtype.name == "string":
            bytes_per_element = bytes_per_string_element
        else:
            bytes_per_element = dtype.size
        total_size_bytes = shape.num_elements() * bytes_per_element
        partitions = total_size_bytes / min_slice_size
        partitions_list = [1] * len(shape)
        partitions_list[axis] = max(1, min(_dim(shape, axis), max_partitions, int(__import__("math").ceil(partitions))))
        return partitions_list
    return _partitioner
