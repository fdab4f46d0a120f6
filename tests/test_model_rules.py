"""Subtle naming rules, as programs with the observations real TF 2.21 gave (recorded by
running each program through conformance.runner.TFWorker in modes v1 and graph).

These tests run only the model: no TensorFlow is imported.
"""
import pytest

from conformance.model import run_program

CASES = {
    'case_insensitive': (
        "with tf.name_scope('A') as a: print(a)\n"
        "with tf.name_scope('a') as b: print(b)\n"
        "print(tf.constant(1, name='a').name)\n"
        "",
        {'graph': (['A/', 'a_1/', 'a_2:0'], None), 'v1': (['A/', 'a_1/', 'a_2:0'], None)}),
    'counters_string': (
        "with tf.variable_scope('outer'):\n"
        "    with tf.variable_scope(None, default_name='d') as d: print(d.name)\n"
        "    with tf.variable_scope(None, default_name='d') as d: print(d.name)\n"
        "with tf.variable_scope('outer') as o:\n"
        "    with tf.variable_scope(None, default_name='d') as d: print(d.name, d.original_name_scope)\n"
        "with tf.variable_scope(o):\n"
        "    with tf.variable_scope(None, default_name='d') as d: print(d.name, d.original_name_scope)\n"
        "with tf.variable_scope(o):\n"
        "    with tf.variable_scope(None, default_name='d') as d: print(d.name, d.original_name_scope)\n"
        "",
        {'graph': (['outer/d', 'outer/d_1', 'outer/d outer_1/d/', 'outer/d outer_2/d/', 'outer/d outer_3/d/'], None),
         'v1': (['outer/d', 'outer/d_1', 'outer/d outer_1/d/', 'outer/d outer_2/d/', 'outer/d outer_3/d/'], None)}),
    'errors': (
        "def attempt(f):\n"
        "    try:\n"
        "        r = f()\n"
        "        print('ok', getattr(r, 'name', r))\n"
        "    except Exception as e:\n"
        "        print(type(e).__name__ + ':', str(e).split(' Originally defined at:')[0])\n"
        "attempt(lambda: tf.variable_scope(None).__enter__())\n"
        "attempt(lambda: tf.variable_scope('x', reuse='yes'))\n"
        "attempt(lambda: tf.variable_scope('x', auxiliary_name_scope=1))\n"
        "attempt(lambda: tf.variable_scope(3).__enter__())\n"
        "attempt(lambda: tf.variable_scope(None, default_name='q', reuse=True).__enter__())\n"
        "attempt(lambda: tf.get_variable('nosh'))\n"
        "attempt(lambda: tf.get_variable('c', shape=[2], initializer=1.0))\n"
        "attempt(lambda: tf.get_variable('d', initializer=1, dtype=tf.float32))\n"
        "attempt(lambda: tf.get_variable('e', shape=[None, 2]))\n"
        "attempt(lambda: tf.get_variable('f', shape=[2], dtype=tf.complex64))\n"
        "attempt(lambda: tf.get_variable('g', [1]))\n"
        "attempt(lambda: tf.get_variable('g', [1]))\n"
        "attempt(lambda: tf.Variable(1, name='bad name'))\n"
        "attempt(lambda: tf.name_scope('-x').__enter__())\n"
        "attempt(lambda: tf.get_variable('h', initializer=1))\n"
        "with tf.variable_scope('', reuse=True):\n"
        "    attempt(lambda: tf.get_variable('h'))\n"
        "    attempt(lambda: tf.get_variable('zz', [1]))\n"
        "    attempt(lambda: tf.get_variable('g', [1], dtype=tf.int32))\n"
        "a = tf.variable_scope('a'); b = tf.variable_scope('b')\n"
        "a.__enter__(); b.__enter__()\n"
        "attempt(lambda: a.__exit__(None, None, None))\n"
        "print(tf.get_variable_scope().name, tf.get_default_graph().get_name_scope())\n"
        "",
        {'graph': (['TypeError: If default_name is None then name_or_scope is required',
                    'ValueError: The reuse parameter must be True or False or None.',
                    'TypeError: The auxiliary_name_scope must be `True` or `False`, while get 1',
                    'TypeError: VariableScope: name_or_scope must be a string or VariableScope.',
                    'ValueError: reuse=True cannot be used without a name_or_scope',
                    'ValueError: Variable nosh did not get an initializer, so its `shape` argument must be '
                    'specified.',
                    'ValueError: If initializer is a constant, do not specify shape.',
                    "ValueError: Initializer type '<dtype: 'int32'>' and explicit dtype '<dtype: 'float32'>' don't "
                    'match.',
                    'ValueError: The initializer passed is not valid. It should be a callable with no arguments and '
                    "the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should "
                    'be fully defined.',
                    "ValueError: An initializer for variable f of <dtype: 'complex64'> is required",
                    'ok g:0',
                    'ValueError: Variable g already exists, disallowed. Did you mean to set reuse=True or '
                    'reuse=tf.AUTO_REUSE in VarScope?',
                    "ValueError: 'bad name' is not a valid root scope name. A root scope name has to match the "
                    'following pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\\\/>-]*$',
                    "ValueError: '-x' is not a valid root scope name. A root scope name has to match the following "
                    'pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\\\/>-]*$',
                    'ok h:0',
                    'ValueError: Trying to share variable h, but specified dtype float32 and found dtype int32.',
                    'ValueError: Variable zz does not exist, or was not created with tf.get_variable(). Did you mean '
                    'to set reuse=tf.AUTO_REUSE in VarScope?',
                    'ValueError: Trying to share variable g, but specified dtype int32 and found dtype float32.',
                    'RuntimeError: Improper nesting of variable_scope.',
                    'a/b '],
                   None),
         'v1': (['TypeError: If default_name is None then name_or_scope is required',
                 'ValueError: The reuse parameter must be True or False or None.',
                 'TypeError: The auxiliary_name_scope must be `True` or `False`, while get 1',
                 'TypeError: VariableScope: name_or_scope must be a string or VariableScope.',
                 'ValueError: reuse=True cannot be used without a name_or_scope',
                 'ValueError: Variable nosh did not get an initializer, so its `shape` argument must be specified.',
                 'ValueError: If initializer is a constant, do not specify shape.',
                 "ValueError: Initializer type '<dtype: 'int32'>' and explicit dtype '<dtype: 'float32'>' don't "
                 'match.',
                 'ValueError: The initializer passed is not valid. It should be a callable with no arguments and the '
                 "shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be "
                 'fully defined.',
                 "ValueError: An initializer for variable f of <dtype: 'complex64'> is required",
                 'ok g:0',
                 'ValueError: Variable g already exists, disallowed. Did you mean to set reuse=True or '
                 'reuse=tf.AUTO_REUSE in VarScope?',
                 "ValueError: 'bad name' is not a valid root scope name. A root scope name has to match the "
                 'following pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\\\/>-]*$',
                 "ValueError: '-x' is not a valid root scope name. A root scope name has to match the following "
                 'pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\\\/>-]*$',
                 'ok h:0',
                 'ValueError: Trying to share variable h, but specified dtype float32 and found dtype int32_ref.',
                 'ValueError: Variable zz does not exist, or was not created with tf.get_variable(). Did you mean to '
                 'set reuse=tf.AUTO_REUSE in VarScope?',
                 'ValueError: Trying to share variable g, but specified dtype int32 and found dtype float32_ref.',
                 'RuntimeError: Improper nesting of variable_scope.',
                 'a/b '],
                None)}),
    'getvar_uniquified': (
        "tf.constant(0, name='w')\n"
        "v = tf.get_variable('w', [1])\n"
        "print(v.name, v.op.name)\n"
        "with tf.variable_scope('', reuse=True):\n"
        "    print(tf.get_variable('w') is v)\n"
        "",
        {'graph': (['w_1:0 w_1', 'True'], None), 'v1': (['w_1:0 w_1', 'True'], None)}),
    'reentry_object': (
        "with tf.variable_scope('a') as a:\n"
        "    pass\n"
        "with tf.name_scope('n'):\n"
        "    with tf.variable_scope(a) as a2:\n"
        "        print(a2.name, a2.original_name_scope, tf.constant(0).name)\n"
        "    with tf.variable_scope(a, auxiliary_name_scope=False) as a3:\n"
        "        print(a3.original_name_scope, tf.constant(0).name)\n"
        "cm = tf.variable_scope('c')\n"
        "with cm as c1: print(c1.name, tf.constant(0).name)\n"
        "with cm as c2: print(c2.name, c2.original_name_scope, tf.constant(0).name)\n"
        "",
        {'graph': (['a a/ n/a/Const:0', 'a/ n/Const:0', 'c c/Const:0', 'c c/ c_1/Const:0'], None),
         'v1': (['a a/ n/a/Const:0', 'a/ n/Const:0', 'c c/Const:0', 'c c/ c_1/Const:0'], None)}),
    'reuse_false_inherits': (
        "with tf.variable_scope('s'):\n"
        "    v = tf.get_variable('v', [1])\n"
        "with tf.variable_scope('s', reuse=True):\n"
        "    with tf.variable_scope('t', reuse=False) as t:\n"
        "        print(t.reuse)\n"
        "    with tf.variable_scope('', reuse=False) as t:\n"
        "        print(t.name, t.reuse, tf.get_variable('v') is v)\n"
        "with tf.variable_scope('s') as s:\n"
        "    pass\n"
        "with tf.variable_scope('p', reuse=True):\n"
        "    with tf.variable_scope(s) as s2:\n"
        "        print(s2.reuse)\n"
        "    with tf.variable_scope(s, reuse=tf.AUTO_REUSE) as s3:\n"
        "        print(s3.reuse)\n"
        "",
        {'graph': (['True'],
                   'ValueError: Variable s//v does not exist, or was not created with tf.get_variable(). Did you '
                   'mean to set reuse=tf.AUTO_REUSE in VarScope?'),
         'v1': (['True'],
                'ValueError: Variable s//v does not exist, or was not created with tf.get_variable(). Did you mean '
                'to set reuse=tf.AUTO_REUSE in VarScope?')}),
    'slim_scopes': (
        "x = tf.placeholder(tf.float32, [None, 3], name='x')\n"
        "with tf.variable_scope('net', reuse=tf.AUTO_REUSE):\n"
        "    a = slim.fully_connected(x, 2, scope='fc')\n"
        "    b = slim.fully_connected(x, 2, scope='fc')\n"
        "print(a.name, b.name, [v.name for v in tf.trainable_variables()])\n"
        "with tf.variable_scope('net'):\n"
        "    with tf.name_scope('fc') as ns: print(ns)\n"
        "with tf.name_scope('net/fc/') as ns:\n"
        "    with tf.name_scope('fc') as ns2: print(ns2)\n"
        "print([v.name for v in tf.model_variables()])\n"
        "c = slim.conv2d(tf.placeholder(tf.float32, [2, 9, 9, 1]), 3, [2, 2], stride=2, padding='VALID', scope='fc')\n"
        "print(c.name, c.shape.as_list())\n"
        "",
        {'graph': (["net/fc/Relu:0 net/fc_1/Relu:0 ['net/fc/weights:0', 'net/fc/biases:0']",
                    'net_1/fc/',
                    'net/fc/fc_1/',
                    "['net/fc/weights:0', 'net/fc/biases:0']",
                    'fc/Relu:0 [2, 4, 4, 3]'],
                   None),
         'v1': (["net/fc/Relu:0 net/fc_1/Relu:0 ['net/fc/weights:0', 'net/fc/biases:0']",
                 'net_1/fc/',
                 'net/fc/fc_1/',
                 "['net/fc/weights:0', 'net/fc/biases:0']",
                 'fc/Relu:0 [2, 4, 4, 3]'],
                None)}),
    'var_op_blocks_scope': (
        "v = tf.get_variable('a', [1])\n"
        "with tf.name_scope('a') as ns: print(ns)\n"
        "with tf.variable_scope('a') as vs: print(vs.name, vs.original_name_scope)\n"
        "",
        {'graph': (['a_1/', 'a a_2/'], None), 'v1': (['a_1/', 'a a_2/'], None)}),
    'scope_named_op_duplicate': (
        'def step(label, f):\n'
        '    try:\n'
        '        r = f()\n'
        '    except Exception as e:\n'
        "        print(label, 'raises', type(e).__name__ + ':', str(e).split(' Originally defined at:')[0])\n"
        '        return None\n'
        '    print(label, type(r).__name__, r.name)\n'
        '    return r\n'
        "with tf.variable_scope('Const', auxiliary_name_scope=False):\n"
        "    step('s1', lambda: tf.get_local_variable('', shape=[]))\n"
        "step('s2', lambda: tf.constant(1.0))\n"
        "step('s3', lambda: tf.constant(1.0))\n"
        "step('s4', lambda: tf.constant(1.0, name='const'))\n"
        "with tf.name_scope('Const') as sc:\n"
        "    print('ns', sc)\n"
        "step('s5', lambda: tf.Variable(1.0, name='Const_1/'))\n"
        "step('s6', lambda: tf.Variable(1.0, name='Const_1/'))\n"
        "step('s7', lambda: tf.placeholder(tf.float32, name='Const_1'))\n"
        "for key in ('variables', 'trainable_variables', 'local_variables'):\n"
        '    print(key, [v.name for v in tf.get_collection(key)])\n'
        "print('ops', [o.name for o in tf.get_default_graph().get_operations()])\n"
        '',
        {'graph': (['s1 ResourceVariable Const:0', "s2 raises ValueError: Duplicate node name in graph: 'Const'", 's3 SymbolicTensor Const_1:0', 's4 SymbolicTensor const_2:0', 'ns Const_3/', "s5 raises ValueError: Duplicate node name in graph: 'Const_1'", "s6 raises ValueError: Duplicate node name in graph: 'Const_1'", 's7 SymbolicTensor Const_1_1:0', 'variables []', 'trainable_variables []', "local_variables ['Const:0']", "ops ['Const/Initializer/random_uniform/shape', 'Const/Initializer/random_uniform/min', 'Const/Initializer/random_uniform/max', 'Const/Initializer/random_uniform/RandomUniform', 'Const/Initializer/random_uniform/sub', 'Const/Initializer/random_uniform/mul', 'Const/Initializer/random_uniform', 'Const', 'Const/IsInitialized/VarIsInitializedOp', 'Const/Assign', 'Const/Read/ReadVariableOp', 'Const_1', 'const_2', 'Const_1/Initializer/initial_value', 'Const_1/Initializer_1/initial_value', 'Const_1_1']"], None),
         'v1': (['s1 RefVariable Const:0', "s2 raises ValueError: Duplicate node name in graph: 'Const'", 's3 SymbolicTensor Const_1:0', 's4 SymbolicTensor const_2:0', 'ns Const_3/', "s5 raises ValueError: Duplicate node name in graph: 'Const_1'", "s6 raises ValueError: Duplicate node name in graph: 'Const_1'", 's7 SymbolicTensor Const_1_1:0', 'variables []', 'trainable_variables []', "local_variables ['Const:0']", "ops ['Const/Initializer/random_uniform/shape', 'Const/Initializer/random_uniform/min', 'Const/Initializer/random_uniform/max', 'Const/Initializer/random_uniform/RandomUniform', 'Const/Initializer/random_uniform/sub', 'Const/Initializer/random_uniform/mul', 'Const/Initializer/random_uniform', 'Const', 'Const/Assign', 'Const/read', 'Const_1', 'const_2', 'Const_1/initial_value', 'Const_1/initial_value_1', 'Const_1_1']"], None)}),
    'scope_named_variable_duplicate': (
        'def step(label, f):\n'
        '    try:\n'
        '        r = f()\n'
        '    except Exception as e:\n'
        "        print(label, 'raises', type(e).__name__ + ':', str(e).split(' Originally defined at:')[0])\n"
        '        return None\n'
        '    print(label, type(r).__name__, r.name)\n'
        '    return r\n'
        "step('s1', lambda: tf.Variable(1.0, name='a'))\n"
        "with tf.variable_scope('a', auxiliary_name_scope=False):\n"
        "    step('s2', lambda: tf.get_variable('', initializer=1.0))\n"
        "    step('s3', lambda: tf.get_variable('', shape=[2], initializer=tf.zeros_initializer()))\n"
        "with tf.variable_scope('a', auxiliary_name_scope=False, reuse=True):\n"
        "    step('s4', lambda: tf.get_variable('', initializer=1.0))\n"
        "with tf.variable_scope('a', auxiliary_name_scope=False, reuse=tf.AUTO_REUSE):\n"
        "    step('s5', lambda: tf.get_variable('', initializer=1.0))\n"
        "with tf.variable_scope('b', auxiliary_name_scope=False):\n"
        "    step('s6', lambda: tf.get_variable('', initializer=1.0))\n"
        "step('s7', lambda: tf.constant(1.0, name='b'))\n"
        "step('s8', lambda: tf.identity(tf.constant(2.0), name='b'))\n"
        "for key in ('variables', 'trainable_variables', 'local_variables'):\n"
        '    print(key, [v.name for v in tf.get_collection(key)])\n'
        "print('ops', [o.name for o in tf.get_default_graph().get_operations()])\n"
        '',
        {'graph': (['s1 ResourceVariable a:0', "s2 raises ValueError: Duplicate node name in graph: 'a'", "s3 raises ValueError: Duplicate node name in graph: 'a'", 's4 raises ValueError: Variable a/ does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?', "s5 raises ValueError: Duplicate node name in graph: 'a'", 's6 ResourceVariable b:0', "s7 raises ValueError: Duplicate node name in graph: 'b'", 's8 SymbolicTensor b_1:0', "variables ['a:0', 'b:0']", "trainable_variables ['a:0', 'b:0']", 'local_variables []', "ops ['a/Initializer/initial_value', 'a', 'a/IsInitialized/VarIsInitializedOp', 'a/Assign', 'a/Read/ReadVariableOp', 'a/Initializer_1/initial_value', 'a/Initializer_2/zeros', 'a/Initializer_3/initial_value', 'b/Initializer/initial_value', 'b', 'b/IsInitialized/VarIsInitializedOp', 'b/Assign', 'b/Read/ReadVariableOp', 'Const', 'b_1']"], None),
         'v1': (['s1 RefVariable a:0', "s2 raises ValueError: Duplicate node name in graph: 'a'", "s3 raises ValueError: Duplicate node name in graph: 'a'", 's4 raises ValueError: Variable a/ does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?', "s5 raises ValueError: Duplicate node name in graph: 'a'", 's6 RefVariable b:0', "s7 raises ValueError: Duplicate node name in graph: 'b'", 's8 SymbolicTensor b_1:0', "variables ['a:0', 'b:0']", "trainable_variables ['a:0', 'b:0']", 'local_variables []', "ops ['a/initial_value', 'a', 'a/Assign', 'a/read', 'a/initial_value_1', 'a/Initializer/zeros', 'a/initial_value_2', 'b/initial_value', 'b', 'b/Assign', 'b/read', 'Const', 'b_1']"], None)}),
}


@pytest.mark.parametrize("mode", ["v1", "graph"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_recorded_tf_behaviour(name, mode):
    source, expected = CASES[name]
    out, error = expected[mode]
    observed = run_program(source, mode)
    assert (list(observed.out), observed.error) == (out, error), f"{name} in mode {mode}: the model departs from TF 2.21"
