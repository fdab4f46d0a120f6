"""tf.train, as far as names go: optimizers' slot and non-slot variables, replica_device_setter.

Optimizer.minimize makes, in order: the gradient ops (under a new name scope ``gradients``),
the optimizer's variables, then its update ops (under a new name scope named after the
optimizer, ``Adam``) and a NoOp named after that scope.  The model makes the variables
exactly (TF's training/slot_creator.py, optimizer.py) and marks the two name scopes, but does
not model the gradient and update ops: after minimize the graph's op list is outside the
model.  The variables:

* non-slot variables (Adam's ``beta1_power``, ``beta2_power``) are ``tf.Variable(..., name=...)``
  in the current name scope, made once per optimizer and graph;
* a slot ``s`` of variable ``model/w`` for optimizer ``Adam`` is
  ``get_variable("")`` inside ``variable_scope(None, default_name="model/w/Adam")``: its variable
  name is the unique default name (``model/w/Adam``, ``model/w/Adam_1``, ...) under the current
  variable scope, so re-entering ``model`` makes ``model/model/w/Adam``, and a reusing
  variable scope makes it fail (``Variable model/w/Adam/ does not exist``).

Checkpoints (Saver) hold values: outside the model.
"""
from .constant_op import convert_to_tensor
from .context import Namespace, OutsideModel, outside_values
from .init_ops import Ones, Zeros
from .ops import DeviceSpec, GraphKeys, Tensor, get_default_graph, name_scope, new_tensor
from .tensor_shape import make_shape
from .variable_scope import get_variable, get_variable_scope, variable_scope
from .variables import Variable, VariableV1


def _slot_variable(primary, initializer, name, op_name):
    """slot_creator.create_slot_with_initializer (zeros or given initializer, fully known shape)."""
    shape = primary.get_shape()
    if not shape.is_fully_defined():
        raise OutsideModel("an optimizer slot of a variable of partially known shape")
    prefix = primary.name[:primary.name.index(":")]  # primary._shared_name
    with variable_scope(None, prefix + "/" + op_name):
        scope = get_variable_scope()
        partitioner = scope.partitioner
        scope.set_partitioner(None)
        slot = get_variable("", initializer=initializer, trainable=False, use_resource=primary._resource,
                            shape=shape, dtype=primary.dtype, validate_shape=True)
        scope.set_partitioner(partitioner)
        return slot


class Optimizer:
    _SLOTS = ()  # (slot name, initializer class) in the order _create_slots makes them

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}
        self._non_slot_dict = {}

    def get_name(self):
        return self._name

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        grads_and_vars = self.compute_gradients(loss, var_list=var_list)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError("No gradients provided for any variable, check your graph for ops that do not support "
                             "gradients, between variables %s and loss %s." % ([str(v) for _, v in grads_and_vars],
                                                                              loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=1, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        if callable(loss):
            raise OutsideModel("a callable loss (eager)")
        if not isinstance(loss, Tensor):
            raise OutsideModel("minimizing something other than a tensor")
        g = get_default_graph()
        if var_list is None:
            var_list = g.get_collection(GraphKeys.TRAINABLE_VARIABLES) + g.get_collection(
                GraphKeys.TRAINABLE_RESOURCE_VARIABLES)
        else:
            var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        deps = loss.deps or frozenset()
        # gradients.gradients(loss, var_list): its ops under a new name scope "gradients"
        with name_scope(None, "gradients") as scope:
            grads = []
            for v in var_list:
                if v in deps:
                    grads.append(new_tensor(g._op(scope + f"grad_{len(grads)}", "Identity"), v.dtype.base_dtype,
                                            v.shape))
                else:
                    grads.append(None)
        g._inexact = "tf.train optimizers (gradient and update ops)"
        return list(zip(grads, var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        var_list = [v for g_, v in grads_and_vars if g_ is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s." % ([str(v) for _, v in grads_and_vars],))
        g = get_default_graph()
        self._create_slots(var_list)  # (in ops.init_scope: no effect on names in a graph)
        with name_scope(name, self._name) as scope:
            g._inexact = "tf.train optimizers (gradient and update ops)"
            train_op = g._gen_op(scope, "NoOp")  # _finish: group(*update_ops, name=scope)
        if global_step is not None:
            raise OutsideModel("apply_gradients with a global_step")
        train_ops = g.get_collection_ref(GraphKeys.TRAIN_OP)
        if train_op not in train_ops:
            train_ops.append(train_op)
        return train_op

    # -- slots
    def _create_slots(self, var_list):
        for v in var_list:
            for slot_name, initializer in self._SLOTS:
                self._get_or_make_slot(v, slot_name, initializer)

    def _get_or_make_slot(self, var, slot_name, initializer):
        named_slots = self._slots.setdefault(slot_name, {})
        if var not in named_slots:
            named_slots[var] = _slot_variable(var, initializer(), slot_name, self._name)
        return named_slots[var]

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        key = (name, colocate_with.graph)
        v = self._non_slot_dict.get(key)
        if v is None:
            g = colocate_with.graph
            with g.colocate_with(colocate_with):
                v = VariableV1(initial_value, name=name, trainable=False, use_resource=colocate_with._resource)
            self._non_slot_dict[key] = v
        return v

    def get_slot_names(self):
        return sorted(self._slots)

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(var)

    def variables(self):
        g = get_default_graph()
        found = [v for (_, graph), v in self._non_slot_dict.items() if graph is g]
        for slots in self._slots.values():
            found += [v for v in slots.values() if v.graph is g]
        return sorted(found, key=lambda v: v.name)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"{type(self).__name__}.{attr}")


class GradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)


class MomentumOptimizer(Optimizer):
    _SLOTS = (("momentum", Zeros),)

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(use_locking, name)


class AdamOptimizer(Optimizer):
    _SLOTS = (("m", Zeros), ("v", Zeros))

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._beta1, self._beta2 = beta1, beta2

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(self._beta1, "beta1_power", first_var)
        self._create_non_slot_variable(self._beta2, "beta2_power", first_var)
        super()._create_slots(var_list)


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                 name="RMSProp"):
        super().__init__(use_locking, name)
        self._SLOTS = (("rms", Ones),) + ((("mg", Zeros),) if centered else ()) + (("momentum", Zeros),)


class AdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        super().__init__(use_locking, name)
        from .init_ops import Constant
        self._SLOTS = (("accumulator", lambda: Constant(initial_accumulator_value)),)


# --------------------------------------------------------------------------- replica_device_setter

STANDARD_PS_OPS = ("Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable", "MutableHashTableV2",
                   "MutableHashTableOfTensors", "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
                   "MutableDenseHashTableV2", "VarHandleOp", "BoostedTreesEnsembleResourceHandleOp",
                   "BoostedTreesQuantileStreamResourceHandleOp", "ResourceConditionalAccumulator", "DecisionTree",
                   "DecisionTreeResource")


class _RoundRobinStrategy:
    def __init__(self, num_tasks):
        self._num_tasks = num_tasks
        self._next_task = 0

    def __call__(self, unused_op):
        task = self._next_task
        self._next_task = (self._next_task + 1) % self._num_tasks
        return task


def replica_device_setter(ps_tasks=0, ps_device="/job:ps", worker_device="/job:worker", merge_devices=True,
                          cluster=None, ps_ops=None, ps_strategy=None):
    """A device function: ps ops (variables) round-robin over the ps tasks, everything else on the
    worker, each merged with the device the op already has."""
    if cluster is not None:
        if not isinstance(cluster, dict):
            raise OutsideModel("replica_device_setter with a ClusterSpec")
        ps_job = DeviceSpec.from_string(ps_device).job
        if cluster.get(ps_job) is None:
            return None
        ps_tasks = len(cluster[ps_job])
    if ps_tasks == 0:
        return None
    ps_ops = list(STANDARD_PS_OPS) if ps_ops is None else ps_ops
    ps_strategy = _RoundRobinStrategy(ps_tasks) if ps_strategy is None else ps_strategy

    def device_function(op):
        if not merge_devices and op.device:
            return op.device
        current = DeviceSpec.from_string(op.device or "")
        if ps_tasks and ps_device and op.type in ps_ops:
            ps = DeviceSpec.from_string(ps_device)
            if ps.job and (not current.job or current.job == ps.job):
                ps.task = ps_strategy(op)
            return ps.make_merged_spec(current).to_string()
        return DeviceSpec.from_string(worker_device or "").make_merged_spec(current).to_string()
    return device_function


def _values(what):
    def fn(*args, **kwargs):
        raise outside_values(what)
    return fn


train = Namespace(
    "tf.train", Optimizer=Optimizer, GradientDescentOptimizer=GradientDescentOptimizer,
    MomentumOptimizer=MomentumOptimizer, AdamOptimizer=AdamOptimizer, RMSPropOptimizer=RMSPropOptimizer,
    AdagradOptimizer=AdagradOptimizer, replica_device_setter=replica_device_setter,
    Saver=_values("tf.train.Saver (checkpoints hold values)"),
    list_variables=_values("tf.train.list_variables (checkpoints hold values)"),
    load_checkpoint=_values("tf.train.load_checkpoint (checkpoints hold values)"),
    init_from_checkpoint=_values("tf.train.init_from_checkpoint (checkpoints hold values)"))

del convert_to_tensor, make_shape, Variable
