"""What the model knows about each TensorFlow release 1.0 ... 2.21: the one place for it.

Every naming-relevant difference between releases is a *fact* in ``FACTS``: the spans of
minor releases (``conformance.releases.Span``) with the fact's value there, each with its
reason, i.e. what TF does and since when, as measured on the real releases (``python -m
conformance observe prog.py --tf X.Y``, ``python -m conformance history <claim>``).
``ADDED`` lists the attributes and keyword arguments that appeared in some release: before
it, TF raises ``AttributeError`` / ``TypeError``, and so does the model.

``profile(version)`` resolves every fact for one release into a ``Profile`` (one attribute
per fact).  The model's code reads a graph's profile (``graph.rel.<fact>``) or gets the
namespaces built for it (api.py); it never compares versions itself.  Where the model has
not measured a release's behaviour of some construct, the fact's value says so and the
model raises ``OutsideModel``.

This module imports nothing from the model (it is data).
"""
import re

from .. import releases as _releases
from ..releases import Span, minor_of

PINNED = _releases.PINNED


def _all(value, reason):
    return (Span("1.0", "2.21", value, reason),)


FACTS = {
    # -- the API's shape
    "tf_module": (
        Span("1.0", "1.12", "tensorflow", "no tf.compat.v1 before 1.13: programs get the top-level module, and its "
                                          "AttributeErrors name module 'tensorflow'"),
        Span("1.13", "2.21", "tensorflow.compat.v1", "tf.compat.v1 (import tensorflow.compat.v1 as tf)")),
    "slim_module": (
        Span("1.0", "1.13", "tf.contrib.slim", "tf_slim 1.1.0 does not import before TF 1.14; slim is tf.contrib.slim"),
        Span("1.14", "2.21", "tf_slim", "the tf-slim package")),
    "keras_layers": (
        Span("1.0", "2.15", "keras2", "tf.compat.v1.layers are the legacy Keras 2 layers of the default install"),
        Span("2.16", "2.21", "keras3", "with Keras 3, the default install from 2.16, tf.compat.v1.layers is a stub: "
                                      "every attribute raises \"`dense` is not available with Keras 3.\"")),
    "variable_scope_callable": (
        Span("1.0", "1.3", "variable_scope()", "variable_scope is a generator function: TypeErrors of its arguments "
                                               "name variable_scope()"),
        Span("1.4", "2.21", "__init__()", "1.4 made variable_scope a class: they name __init__()")),
    "variable_scope_object": (
        Span("1.0", "1.3", "generator", "variable_scope is a generator function: calling it checks nothing and "
                                        "returns a contextlib._GeneratorContextManager; its arguments are checked "
                                        "(TypeError, ValueError) when it is entered"),
        Span("1.4", "2.21", "class", "1.4 made variable_scope a class: its constructor checks name_or_scope/"
                                     "default_name and reuse, and its __exit__ returns None")),
    "auto_reuse": (
        Span("1.0", "1.3", False, "tf.AUTO_REUSE appeared in 1.4: AttributeError before"),
        Span("1.4", "2.21", True, "tf.AUTO_REUSE")),
    # -- the reuse errors' hints
    "reuse_exists_hint": (
        Span("1.0", "1.3", "reuse=True", "'Did you mean to set reuse=True in VarScope?'"),
        Span("1.4", "2.21", "reuse=True or reuse=tf.AUTO_REUSE", "1.4 added AUTO_REUSE to the hint")),
    "reuse_missing_hint": (
        Span("1.0", "1.3", "reuse=None", "'Did you mean to set reuse=None in VarScope?'"),
        Span("1.4", "2.21", "reuse=tf.AUTO_REUSE", "1.4: 'Did you mean to set reuse=tf.AUTO_REUSE in VarScope?'")),
    "partitioned_missing_hint": (
        Span("1.0", "1.4", "reuse=None", "'PartitionedVariable p does not exist, ... Did you mean to set reuse=None in "
                                         "VarScope?'"),
        Span("1.5", "2.21", "reuse=False or reuse=tf.AUTO_REUSE", "1.5: '... reuse=False or reuse=tf.AUTO_REUSE'")),
    # -- names
    "case_insensitive_names": (
        Span("1.0", "1.8", False, "Graph.unique_name keyed names as given: name_scope('A') then 'a' gives a/"),
        Span("1.9", "2.21", True, "from 1.9 unique_name keys names in lower case (keeping the caller's case): "
                                  "name_scope('A') then 'a' gives a_1/")),
    "name_regexes": (
        Span("1.0", "1.15", (r"^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$", r"^[A-Za-z0-9_.\-/]*$"),
             "node and scope names of letters, digits and _ . - /"),
        Span("2.0", "2.2", (r"^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$", r"^[A-Za-z0-9_.\-/>]*$"), "2.0 allows '>'"),
        Span("2.3", "2.21", (r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$", r"^[A-Za-z0-9_.\\/>-]*$"),
             "2.3 allows a backslash")),
    "root_name_stack": (
        Span("1.0", "2.6", None, "name_scope(None) and name_scope('') set the name stack to None: "
                                 "get_name_scope() returns None inside them (but '' at the start)"),
        Span("2.7", "2.21", "", "2.7: '' there too")),
    "empty_op_name": (
        Span("1.0", "2.8", "invalid", "an op named '' is named ''; TF refuses it: \"'' is not a valid node name\" "
                                      "(as any refused name, after unique_name marked it used: the next is '_1'); "
                                      "a generated op's name_scope('') is the root, where it converts its inputs"),
        Span("2.9", "2.21", "op type", "2.9: an op named '' gets its op type's name (tf.no_op(name='') is NoOp)")),
    "empty_variable_name": (
        Span("1.0", "1.3", "IndexError", "a ref variable named '' with a callable initial value (get_variable(''), "
                                         "Variable(fn, name='')) takes ops._name_from_scope_name(''), whose "
                                         "name[-1] raises IndexError: string index out of range before anything "
                                         "is made; resource variables named '' are outside the model there"),
        Span("1.4", "2.21", "op name", "1.4: _name_from_scope_name('') is '': the variable's op is named '' "
                                       "(see empty_op_name)")),
    "zeros_ones": (
        Span("1.0", "1.5", "constant", "tf.zeros/tf.ones make constant(value, shape, name=<scope>), one Const of "
                                       "any size; if it raises (a refused name) convert_to_tensor(shape, name="
                                       "'shape'), then fill(shape, constant(value), name=<scope>)"),
        Span("1.6", "1.7", "fill", "1.6: always fill: shape_as_tensor, Const and a Fill named after the scope"),
        Span("1.8", "2.21", "constant if small", "1.8: one Const if the shape is a list of fewer than 1000 "
                                                 "elements (_constant_if_small), else shape_as_tensor, Const, Fill; "
                                                 "a refused Const falls back to convert_to_tensor(shape) (Const), "
                                                 "Const and Fill")),
    "same_graph_error": (
        Span("1.0", "2.2", "short", "'... must be from the same graph as ...'"),
        Span("2.3", "2.12", "graphs", "2.3 adds '(graphs are <...Graph object at 0x...> and <...>)'"),
        Span("2.13", "2.13", "pygraph", "2.13 names the graphs PyGraph<address> (not masked: outside the model)"),
        Span("2.14", "2.21", "graphs", "2.14: '(graphs are <...Graph object at 0x...> and <...>)' again")),
    "shape_error": (
        Span("1.0", "1.0", "op", "shape errors name the op as for 'r' (op: 'Reshape'), without the partial shapes "
                                 "of the input tensors"),
        Span("1.1", "2.1", "op+partial", "1.1 adds 'and with input tensors computed as partial shapes: ...'"),
        Span("2.2", "2.21", "node+partial", "2.2 prints the node definition: for '{{node r}} = Reshape[T=DT_FLOAT, "
                                            "Tshape=DT_INT32](zeros, r/shape)'")),
    "duplicate_node_error": (
        Span("1.0", "1.7", "python graph", "ops are added to the Python graph (Graph._add_op): an op named as an "
                                           "existing one raises 'cannot add op with name a as that name is already "
                                           "used'"),
        Span("1.8", "2.21", "c api", "1.8 builds graphs with the C API by default: 'Duplicate node name in graph: "
                                     "'a''")),
    "name_errors": (
        Span("1.0", "2.6", "short", "\"'a b' is not a valid scope name\", at the root and inside a scope"),
        Span("2.7", "2.21", "long", "2.7 says which regex: \"... is not a valid root scope name. A root scope name "
                                    "has to match the following pattern: ...\"")),
    "node_name_error": (
        Span("1.0", "2.8", "short", "\"'-a' is not a valid node name\""),
        Span("2.9", "2.21", "long", "2.9: \"`-a` is not a valid node name. Accepted names conform to Regex /...\"")),
    # -- classes as programs see them (type(x).__name__, error messages)
    "tensor_class": (
        Span("1.0", "2.13", "Tensor", "graph tensors are tf.Tensor"),
        Span("2.14", "2.21", "SymbolicTensor", "2.14 made graph tensors a subclass, SymbolicTensor")),
    "ref_variable_class": (
        Span("1.0", "1.10", "Variable", "ref variables are tf.Variable itself"),
        Span("1.11", "2.21", "RefVariable", "1.11 moved them into the subclass RefVariable")),
    "modelled": (
        Span("1.0", "1.0", "scopes", "1.0 differs in a way the model does not follow: nested custom getters (a "
                                     "scope's getter replaces the enclosing one): outside the model there (slim's "
                                     "layers: see slim_variable and slim_output_alias; reuse=False: reuse_false)"),
        Span("1.1", "2.21", "all", "the model's surface")),
    "signatures": (
        Span("1.0", "1.10", "differ", "the signatures of get_variable, get_local_variable, ... differ from the model's "
                                      "(import inspect is outside the model there)"),
        Span("1.11", "2.21", "as modelled", "1.11: as the model's")),
    "slim_variable": (
        Span("1.0", "1.0", "no reuse", "contrib.framework's variable() (slim's model_variable, which slim's layers "
                                       "use through their custom getter) calls a custom getter without reuse: the "
                                       "store gets reuse=None ('should_check = reuse is not None': an existing "
                                       "variable is returned, a missing one made, even under reuse=True); an empty "
                                       "collections list means GLOBAL_VARIABLES ('collections or [...]')"),
        Span("1.1", "2.21", "scope reuse", "1.1: functools.partial(custom_getter, reuse=<the scope's reuse>)")),
    "slim_output_alias": (
        Span("1.0", "1.0", "always", "1.0: collect_named_outputs appends the alias even without "
                                     "outputs_collections: a layer with scope='' (alias '') raises IndexError: "
                                     "string index out of range (alias[-1]) after making its ops; with collections "
                                     "as 1.1-1.3 (outside the model)"),
        Span("1.1", "1.3", "name scope", "slim's outputs_collections alias a layer's output by its name scope "
                                         "(outside the model)"),
        Span("1.4", "2.21", "variable scope", "1.4: by the variable scope's name, ignoring name scopes")),
    "graph_switch": (
        Span("1.0", "1.3", "plain", "name_scope(values) enters the values' graph"),
        Span("1.4", "1.5", "nesting", "1.4-1.5: tf.name_scope enters its graph itself (g.as_default()) and does not "
                                      "leave it when entering g.name_scope raises: for the default graph that extra "
                                      "entry changes nothing (the error is raised as before); for another graph "
                                      "(values of another graph) the stack is left wrong, 'Nesting violated for "
                                      "default stack' later (outside the model)"),
        Span("1.6", "2.21", "plain", "1.6: as before 1.4")),
    "layer_name_scopes": (
        Span("1.0", "1.1", "init and call", "a tf.layers Layer re-enters its scope object in its constructor and in "
                                            "__call__, each time opening the name scope <last component of its "
                                            "name> under the current one (fc/fc, fc/fc_1); its variables come "
                                            "through __call__'s custom getter, without another entry"),
        Span("1.2", "1.5", "every entry", "1.2: add_variable re-enters the scope too, so every weight uses up "
                                          "one more such name scope (fc/fc_2, fc/fc_3)"),
        Span("1.6", "2.21", "init", "1.6: __call__ and add_variable re-enter it with auxiliary_name_scope=False: "
                                    "only the constructor's entry opens a name scope")),
    "slim_conv2d_name": (
        Span("1.0", "1.8", "convolution", "contrib.slim's conv2d is convolution itself (convolution2d = convolution): "
                                          "slim.stack/repeat name its layers convolution_1, ..."),
        Span("1.9", "2.21", "convolution2d", "1.9: conv2d is a function convolution2d of its own")),
    "conv2d_ops": (
        Span("1.0", "1.3", "convolution", "slim.conv2d's op is convolution (nn.convolution: convolution/Shape, "
                                          "convolution/dilation_rate, then the Conv2D named convolution)"),
        Span("1.4", "2.2", "dilation_rate", "a Const dilation_rate before each Conv2D"),
        Span("2.3", "2.21", "conv2d", "2.3: just Conv2D")),
    "moments": (
        Span("1.0", "1.1", "sufficient statistics", "nn.moments (slim.layer_norm) computes a shift (Mean, "
                                                    "StopGradient), sufficient_statistics/ (a Const count when the "
                                                    "reduced dimensions are known, Sub, SquaredDifference, mean_ss, "
                                                    "var_ss), Shape, Reshape and normalize/ (divisor, shifted_mean, "
                                                    "mean, Mul, Square, variance)"),
        Span("1.2", "1.2", "shifted", "1.2: the shift (Mean, StopGradient), then Sub, shifted_mean, "
                                      "SquaredDifference, Mean_1, Square, variance and mean in moments/"),
        Span("1.3", "2.21", "direct", "1.3: mean, StopGradient, SquaredDifference, variance")),
    "slim_batch_norm": (
        Span("1.0", "2.14", "works", "slim.batch_norm works (Keras 2 is there, and ops.Tensor): the model does not "
                                     "model its ops, so it is outside the model there"),
        Span("2.15", "2.21", "breaks", "2.15: tf_slim's batch_norm fails (tf_keras missing, then ops.Tensor gone), "
                                       "unless conformance.slim_shim is active (layers.py)")),
    "slim_more_layers": (
        Span("1.0", "2.20", "unmeasured", "slim's separable_conv2d, conv2d_transpose, pool, avg_pool3d, max_pool3d, "
                                          "flatten and one_hot_encoding are modelled as tf-slim 1.1.0 on TF 2.21 makes "
                                          "them (the ops of Keras' layers and of nn's depthwise and space-to-batch "
                                          "helpers); their ops are not measured on other releases: outside the model "
                                          "there"),
        Span("2.21", "2.21", "measured", "as tf-slim 1.1.0 makes them on TF 2.21")),
    "resource_variable_errors": (
        Span("1.0", "2.6", "short", "tf.Variable() without an initial value: 'initial_value must be specified.'"),
        Span("2.7", "2.21", "long", "2.7: 'The `initial_value` arg to `tf.Variable` must be specified except when "
                                    "you are not providing a `variable_def`. You provided neither.'")),
    "resource_initialized_value": (
        Span("1.0", "2.12", "cond", "ResourceVariable.initialized_value() is a cond of ops (not modelled)"),
        Span("2.13", "2.21", "not implemented", "2.13: it raises NotImplementedError")),
    "checks_scope_arguments": (
        Span("1.0", "1.13", False, "name_scope(name, default_name) takes any default_name, and leaving variable scopes "
                                   "out of order goes unnoticed"),
        Span("1.14", "2.21", True, "1.14: name_scope's default_name must be a string (TypeError), and leaving a "
                                   "variable scope other than the innermost raises 'Improper nesting of "
                                   "variable_scope.'")),
    "scope_exit_cleanup": (
        Span("1.0", "1.14", "in order", "variable_scope.__exit__ leaves its variable scope, then its name scope, "
                                        "then its graph, with no finally: when leaving the variable scope raises "
                                        "(1.14: 'Improper nesting of variable_scope.'), the name scope and the "
                                        "graph stay entered (get_name_scope() is still a/b) until the "
                                        "variable_scope object is freed (with variable_scope(...): once the "
                                        "error is handled), when CPython closes its name scope's generator: "
                                        "the name stack is what it was before the entry"),
        Span("1.15", "2.21", "finally", "1.15 leaves the name scope and the graph in finally blocks: after the "
                                        "error the name scope is the one outside the scope left")),
    "random_uniform": (
        Span("1.0", "2.1", "full", "random_uniform always converts min and max and computes rnd * (max - min) + min "
                                   "(ops min, max, RandomUniform, sub, mul and the result named after the scope)"),
        Span("2.2", "2.21", "short", "2.2: with the default range just RandomUniform (the result is "
                                     "random_uniform/RandomUniform)")),
    "random_uniform_dtypes": (
        Span("1.0", "1.2", "unchecked", "random_uniform checks no dtype: it converts min and max to it (bool: "
                                        "\"Expected bool, got 0.0 of type 'float' instead.\"), then RandomUniform's "
                                        "op definition refuses it (complex64: \"Value passed to parameter 'dtype' has "
                                        "DataType complex64 not in list of allowed values: ...\")"),
        Span("1.3", "2.21", "checked", "1.3: random_uniform first checks the dtype is float16/32/64 or int32/64 "
                                       "(\"Invalid dtype tf.bool\", see value_errors)")),
    "random_uniform_initializer_minval": (
        Span("1.0", "2.6", 0, "random_uniform_initializer(minval=0, ...): an int (for bool variables on 1.0-1.2: "
                              "\"Expected bool, got 0 of type 'int' instead.\")"),
        Span("2.7", "2.21", 0.0, "2.7: minval=.0")),
    "zeros_ones_initializers": (
        Span("1.0", "1.1", "constant", "zeros_initializer() and ones_initializer() call constant(0 (False for bool) "
                                       "or 1, dtype, shape): one Const named Const (<variable>/Initializer/Const); "
                                       "ones for bool: \"Expected bool, got 1 of type 'int' instead.\""),
        Span("1.2", "2.21", "zeros/ones", "1.2: array_ops.zeros/ones(shape, dtype) (see zeros_ones)")),
    "value_errors": (
        Span("1.0", "2.6", "short", "\"Expected bool, got 0.0 of type 'float' instead.\", \"Too many elements "
                                    "provided. Needed at most 1, but received 2\", \"Invalid dtype tf.bool\""),
        Span("2.7", "2.7", "2.7", "2.7: \"Expected bool, but got 0.0 of type 'float'.\", \"... Takes at most 1, but "
                                  "got 2.\", \"Invalid dtype. Dtype should be one of float16, float32, float64, "
                                  "int32 and int64, but is <dtype: 'bool'>. \" (with a trailing space)"),
        Span("2.8", "2.21", "long", "2.8: \"Argument `dtype` got invalid value <dtype: 'bool'>. Accepted dtypes are "
                                    "(...)\"")),
    "bfloat16": (
        Span("1.0", "1.4", False, "random ops list their allowed dtypes as float16, float32, float64"),
        Span("1.5", "2.21", True, "1.5 adds bfloat16 to the list")),
    "name_scope_reentry": (
        Span("1.0", "1.3", "generator", "tf.name_scope is a generator context: entering the object again raises "
                                        "RuntimeError: generator didn't yield"),
        Span("1.4", "1.14", "values kept", "a class whose first entry sets values to []: name_scope(None) entered "
                                           "again raises 'At least one of name (None) and default_name (None) must "
                                           "be provided.'"),
        Span("1.15", "2.21", "again", "1.15: entered again, it enters its scope again")),
    "reuse_false": (
        Span("1.0", "1.0", "kept", "variable_scope(reuse=False) passes False on: entering a captured VariableScope "
                                   "with it gives a copy whose reuse is False (not the captured scope's flag); by name "
                                   "'reuse or old.reuse' inherits as None does"),
        Span("1.1", "2.21", "none", "1.1: 'if reuse is False: reuse = None  # We don't allow non-inheriting scopes'")),
    "variable_scope_reentry": (
        Span("1.0", "1.3", "generator", "variable_scope is a generator context: entering the object again raises "
                                        "RuntimeError: generator didn't yield"),
        Span("1.4", "1.4", "fresh", "1.4's class keeps nothing of an entry: entering the object again is a new entry "
                                    "(a new name scope as original_name_scope, the reuse flag inherited anew); "
                                    "entering it while it is entered is outside the model"),
        Span("1.5", "2.21", "cached", "1.5: the object keeps its first entry's pure variable scope (see "
                                      "variable_scope.py)")),
    "zeros_initializer": (
        Span("1.0", "1.4", "default value", "get_variable's default initializer of integer and bool variables is a "
                                            "value: zeros_initializer()(shape) made at the root, before the variable "
                                            "(_get_default_initializer in variable_scope.py, the same from 1.0)"),
        Span("1.5", "2.21", "initializer", "1.5: zeros under <variable>/Initializer/ (1.6-1.7: shape_as_tensor, "
                                           "Const and Fill, see zeros_ones)")),
    "initializer_class": (
        Span("1.0", "1.0", "called", "get_variable(initializer=<an initializer class>) calls the class itself as the "
                                     "initializer, cls(shape, dtype=dtype, partition_info=None): its constructor's "
                                     "TypeError (\"__init__() got multiple values for argument 'dtype'\", \"... "
                                     "unexpected keyword argument 'partition_info'\") when the variable is made"),
        Span("1.1", "1.13", "dtype", "1.1: a class is instantiated as initializer(dtype=dtype) (the float "
                                     "initializers refuse an integer dtype: 'Expected floating point type, got "
                                     "<dtype: 'int32'>.')"),
        Span("1.14", "2.21", "no arguments", "1.14: initializer()")),
    "partitioned_shape_error": (
        Span("1.0", "1.12", "named", "'Shape of a new partitioned variable (p) must be fully defined, ...'"),
        Span("1.13", "2.21", "unnamed", "1.13: without the variable's name")),
    # -- get_variable
    "trainable_none_is_trainable": (
        Span("1.0", "1.9", False, "get_variable(trainable=None) passes None on: the variable is not trainable"),
        Span("1.10", "2.21", True, "1.10 (synchronization/aggregation) reads trainable=None as True")),
    "get_variable_trainable_default": (
        Span("1.0", "1.9", True, "get_variable(..., trainable=True, ...): its signature's default"),
        Span("1.10", "2.21", None, "1.10: trainable=None (read as True)")),
    "no_initializer_error": (
        Span("1.0", "1.10", "fully-defined", "'Shape of a new variable (c) must be fully defined, but instead was "
                                             "<unknown>.'"),
        Span("1.11", "1.12", "no-arguments", "'You can only pass an initializer function that expects no arguments "
                                             "to its callable when the shape is not fully defined. ...'"),
        Span("1.13", "2.14", "not-valid", "'The initializer passed is not valid. ...', also without a shape"),
        Span("2.15", "2.21", "no-shape", "2.15: 'Variable c did not get an initializer, so its `shape` argument "
                                         "must be specified.' when no shape is given")),
    "close_root_scope": (
        Span("1.0", "1.8", "every count", "leaving a variable scope named '' (not only None) resets the counts of "
                                          "every scope ('if not scope_name'): a default_name scope entered after it "
                                          "starts again from its bare name"),
        Span("1.9", "2.21", "subscopes", "1.9: only leaving None resets every count; leaving '' resets the counts "
                                         "under '/'")),
    # -- tf.make_template (ops/template.py)
    "template_scope_now": (
        Span("1.0", "1.0", "variable_scope", "make_template(create_scope_now_=True) enters variable_scope(unique_name_, "
                                             "name_) at once: the name is checked there, a name scope n/ is used up "
                                             "and is the scope's original name scope, so the first call's ops are "
                                             "under n_1/"),
        Span("1.1", "2.21", "pure", "1.1: it enters _pure_variable_scope(unique_name_ or a unique name_) at once: no "
                                    "name scope, no check of the name (the first call's variable_scope(scope) "
                                    "checks it), original_name_scope is the bare name 'n'")),
    "template_created": (
        Span("1.0", "1.1", "before the call", "a template counts its variables as created as soon as its first call "
                                              "starts: after a first call that raised, later calls reuse (and check "
                                              "for new trainable variables)"),
        Span("1.2", "2.21", "after the call", "1.2: only a first call that returns counts: after one that raised, "
                                              "the next call is a first call again (in the same scope, no reuse)")),
    "template_scope_name": (
        Span("1.0", "1.13", "indexes", "Template.variable_scope_name (from 1.4) reads name[-1]: IndexError for a "
                                       "scope named ''"),
        Span("1.14", "2.21", "checks empty", "1.14: '' for a scope named ''")),
    "variable_repr": (
        Span("1.0", "1.0", "object", "Variable has no __repr__: <tensorflow.python.ops.variables.Variable object at "
                                     "0x...> (in the template's error listing new trainable variables)"),
        Span("1.1", "2.21", "tf.Variable", "1.1: <tf.Variable 'a:0' shape=() dtype=float32_ref>")),
    # -- threads: what a graph keeps per thread
    "thread_local_devices": (
        Span("1.0", "1.6", False, "one device, colocation and creator stack per graph, shared by threads"),
        Span("1.7", "2.21", True, "1.7: per thread")),
    "thread_local_names": (
        Span("1.0", "1.7", False, "one name stack and one variable-scope store per graph, shared by threads"),
        Span("1.8", "2.21", True, "1.8: the name stack and the variable-scope store (_VariableScopeStore is a "
                                  "threading.local) are per thread; names are made unique graph-wide")),
}

# Attributes and keyword arguments that appeared in a release: (owner, name) -> (first minor, the
# error TF raises before, as a format of the class name).  Before ``first`` a program using them
# gets that error from the model too.
ADDED = {
    ("Graph", "get_name_scope"): "1.2",
    ("Graph", "collections"): "1.3",
    ("Variable", "shape"): "1.1",
    ("Variable", "trainable"): "1.9",
    ("PartitionedVariable", "shape"): "1.10",
    ("VariableScope", "get_collection"): "1.1",
    ("VariableScope", "global_variables"): "1.1",
    ("VariableScope", "trainable_variables"): "1.1",
    ("VariableScope", "local_variables"): "1.4",
    ("Template", "variable_scope_name"): "1.4",
    ("Template", "trainable_variables"): "1.4",
    ("Template", "global_variables"): "1.4",
    ("Template", "local_variables"): "1.4",
    ("Template", "name"): "1.5",
    ("Template", "func"): "1.5",
    ("Template", "variables"): "1.5",
    ("Template", "non_trainable_variables"): "1.5",
    ("Template", "weights"): "1.5",
    ("Template", "trainable_weights"): "1.5",
    ("Template", "non_trainable_weights"): "1.5",
}
# Attributes of the tf module that appeared in a release (AttributeError before, naming the module).
TF_ADDED = {
    "glorot_uniform_initializer": "1.3",
    "glorot_normal_initializer": "1.3",
    "variance_scaling_initializer": "1.3",  # init_ops has it from 1.0, the tf module exports it from 1.3
    "colocate_with": "1.3",
    "initializers": "1.4",
    "uint32": "1.5",
    "uint64": "1.5",
    "add_to_collections": "1.8",
    "dtypes": "1.10",
    "executing_eagerly": "1.7",
    "VariableSynchronization": "1.10",
    "VariableAggregation": "1.10",
    "variable_creator_scope": "1.12",
}
# Attributes of slim that appeared in a release (AttributeError before, naming tf.contrib.slim).
SLIM_ADDED = {
    "elu": "1.2",
    "avg_pool3d": "1.3",
    "max_pool3d": "1.3",
}
KWARGS_ADDED = {
    # 1.4 gave the collection functions a scope argument (ops/variables.py): global_variables() etc. took
    # none before ("global_variables() takes 0 positional arguments but 1 was given")
    ("global_variables", "scope"): "1.4",
    ("local_variables", "scope"): "1.4",
    ("trainable_variables", "scope"): "1.4",
    ("model_variables", "scope"): "1.4",
    ("moving_average_variables", "scope"): "1.4",
    ("variable_scope", "use_resource"): "1.1",
    ("variable_scope", "constraint"): "1.4",
    ("variable_scope", "auxiliary_name_scope"): "1.5",
}

# Python's own wording of the errors a call raises (TypeError: unexpected keyword argument, ...)
# depends on the interpreter a release runs on (conformance.releases.PYTHONS): from 3.10 it names
# the function by its qualified name.
QUALIFIED_CALL_ERRORS = (3, 10)


class Profile:
    """Every fact resolved for one release; ``version`` is the exact version ("1.15.5")."""

    def __init__(self, version):
        rel = _releases.release(version)
        self.version = rel.version
        self.minor = minor = rel.minor
        self.pinned = minor == PINNED
        self.python = tuple(int(p) for p in rel.python.split("."))
        self.modes = tuple(m for m in ("v1", "graph") if rel.switch(m))
        self._missing_modes = {m: rel.not_available(m) for m in _releases.MODES}
        self._release = rel
        for fact, spans in FACTS.items():
            for span in spans:
                if span.covers(minor):
                    setattr(self, fact, span.value)
                    break
            else:  # pragma: no cover - the table covers every release
                raise AssertionError(f"fact {fact} does not cover {minor}")
        vt = _releases.version_tuple(minor)
        self.absent = {}
        for (owner, attr), first in ADDED.items():
            if vt < _releases.version_tuple(first):
                self.absent.setdefault(owner, set()).add(attr)
        self.absent = {k: frozenset(v) for k, v in self.absent.items()}
        self.tf_absent = frozenset(attr for attr, first in TF_ADDED.items()
                                   if vt < _releases.version_tuple(first))
        self.slim_absent = frozenset(attr for attr, first in SLIM_ADDED.items()
                                     if vt < _releases.version_tuple(first))
        self.missing_kwargs = {}
        for (owner, kw), first in KWARGS_ADDED.items():
            if vt < _releases.version_tuple(first):
                self.missing_kwargs.setdefault(owner, set()).add(kw)
        self.qualified_call_errors = self.python >= QUALIFIED_CALL_ERRORS
        self.op_name_regex, self.scope_name_regex = (re.compile(p) for p in self.name_regexes)

    def not_available(self, mode):
        """Why ``mode`` does not exist in this release, or None."""
        return self._missing_modes[mode]

    def __repr__(self):
        return f"<model release profile {self.version}>"


_PROFILES = {}  # what profile() was asked for ("1.4", "1.4.1", None) -> Profile


def profile(version=None):
    """The Profile of a release ("1.4", "1.4.1"; default: the pinned one)."""
    found = _PROFILES.get(version)
    if found is None:
        if isinstance(version, Profile):
            return version
        exact = _releases.release(str(PINNED if version is None else version)).version
        found = _PROFILES.get(exact)
        if found is None:
            found = _PROFILES[exact] = Profile(exact)
        _PROFILES[version] = found
    return found


def minor(version):
    return minor_of(version)
