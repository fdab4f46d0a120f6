"""What a program run on the model gets from ``import``.

* ``tensorflow.compat.v1`` is the model's ``tf``; ``tensorflow.python.ops.variable_scope``,
  ``...framework.ops``, ``...ops.array_ops`` and the like are the model's modules of the same
  names (``framework.ops`` has no ``Tensor`` in TF 2.21, except while conformance.slim_shim is
  active);
* ``tf_slim``, ``tf_slim.layers``, ``tf_slim.ops.arg_scope`` and the like are the model's slim;
* ``tf_slim.nets.<net>`` is tf_slim's own network definition (tf_slim/nets/<net>.py of the
  installed tf_slim), its source run against the model's modules: the networks are programs
  written against tf_slim, like any other;
* ``conformance.slim_shim`` is the shim as seen by a program: patch()/apply()/restore()/active().

Any other module of these packages is outside the model; other imports are Python's own.
"""
import builtins
import contextlib
import importlib.util
import os
import types

from . import array_ops, init_ops, layers, math_ops, nn_ops, ops, random_ops, variable_scope
from . import api
from .api import slim, tf
from .arg_scope import add_arg_scope, arg_scope, arg_scoped_arguments, current_arg_scope, has_arg_scope
from .context import Namespace, OutsideModel, state
from . import threads

_FOREIGN = ("tensorflow", "tf_slim", "keras", "tf_keras", "conformance", "threading")


class ModuleView:
    """A model module seen as TF's module of the same name: its attributes, minus ``hidden`` ones
    (TF's module has no such attribute), plus ``extra`` ones."""

    def __init__(self, label, module, hidden=(), **extra):
        self._label, self._module, self._hidden, self._extra = label, module, hidden, extra

    def __getattr__(self, attr):
        if attr in self._extra:
            return self._extra[attr]
        if attr in self._hidden:
            if attr == "Tensor" and state.slim_shim:  # the shim puts the alias back
                return ops.Tensor
            raise AttributeError(f"module '{self._label}' has no attribute '{attr}'")
        try:
            return getattr(self._module, attr)
        except AttributeError:
            if attr.startswith("__"):
                raise
            raise OutsideModel(f"{self._label}.{attr}") from None

    def __repr__(self):
        return f"<model module {self._label}>"


# --------------------------------------------------------------------------- conformance.slim_shim

@contextlib.contextmanager
def _patch():
    _apply()
    try:
        yield
    finally:
        _restore()


def _apply():
    state.slim_shim += 1


def _restore():
    if state.slim_shim:
        state.slim_shim -= 1


slim_shim = Namespace(
    "conformance.slim_shim", patch=_patch, apply=_apply, restore=_restore, active=lambda: state.slim_shim > 0,
    needed=lambda: True,
    batch_norm_breaks=lambda: [] if state.slim_shim else [
        "ModuleNotFoundError: No module named 'tf_keras'",
        "AttributeError: module 'tensorflow.python.framework.ops' has no attribute 'Tensor'"])


# --------------------------------------------------------------------------- tf_slim.nets

_NET_MODULES = ("alexnet", "inception", "inception_v1", "inception_v2", "inception_v3", "overfeat", "resnet_utils",
                "resnet_v1", "resnet_v2", "vgg")
_LOADED = {}


def _tf_slim_dir():
    spec = importlib.util.find_spec("tf_slim")  # finds the package without importing it (nor TF)
    if spec is None or not spec.submodule_search_locations:
        raise OutsideModel("tf_slim.nets: tf_slim is not installed, so its network definitions are not at hand")
    return spec.submodule_search_locations[0]


def load_net(name):
    """tf_slim/nets/<name>.py run against the model (once per process: it defines functions only)."""
    module = _LOADED.get(name)
    if module is None:
        path = os.path.join(_tf_slim_dir(), "nets", name + ".py")
        with open(path, encoding="utf-8") as f:
            code = compile(f.read(), path, "exec")
        module = types.ModuleType(f"tf_slim.nets.{name}")
        module.__dict__["__builtins__"] = BUILTINS
        _LOADED[name] = module
        try:
            exec(code, module.__dict__)
        except BaseException:
            del _LOADED[name]
            raise
    return module


class _Nets:
    def __getattr__(self, attr):
        if attr in _NET_MODULES:
            return load_net(attr)
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise OutsideModel(f"tf_slim.nets.{attr}")


# --------------------------------------------------------------------------- the module table

def _layers_namespace(label):
    names = api._SLIM_LAYERS + ("softmax", "l2_regularizer", "model_variable", "variable")
    attrs = {n: getattr(layers, n) for n in names if hasattr(layers, n)}
    attrs.update(xavier_initializer=init_ops.xavier_initializer,
                 variance_scaling_initializer=init_ops.slim_variance_scaling_initializer)
    return Namespace(label, **attrs)


_tf_python_ops = Namespace("tensorflow.python.ops")
_tf_python_ops.__dict__.update(
    variable_scope=ModuleView("tensorflow.python.ops.variable_scope", variable_scope),
    array_ops=ModuleView("tensorflow.python.ops.array_ops", array_ops),
    init_ops=ModuleView("tensorflow.python.ops.init_ops", init_ops),
    nn_ops=ModuleView("tensorflow.python.ops.nn_ops", nn_ops),
    nn=ModuleView("tensorflow.python.ops.nn", nn_ops),
    math_ops=ModuleView("tensorflow.python.ops.math_ops", math_ops),
    random_ops=ModuleView("tensorflow.python.ops.random_ops", random_ops))
_tf_python_framework = Namespace("tensorflow.python.framework")
_tf_python_framework.__dict__.update(ops=ModuleView("tensorflow.python.framework.ops", ops, hidden=("Tensor",)))
_tf_python = Namespace("tensorflow.python", ops=_tf_python_ops, framework=_tf_python_framework)
_tensorflow = Namespace("tensorflow", compat=Namespace("tensorflow.compat", v1=tf), python=_tf_python)

_slim_layers_pkg = _layers_namespace("tf_slim.layers")
_slim_layers_pkg.__dict__.update(
    layers=_layers_namespace("tf_slim.layers.layers"),
    regularizers=Namespace("tf_slim.layers.regularizers", l2_regularizer=layers.l2_regularizer),
    initializers=Namespace("tf_slim.layers.initializers", xavier_initializer=init_ops.xavier_initializer,
                           variance_scaling_initializer=init_ops.slim_variance_scaling_initializer),
    utils=Namespace("tf_slim.layers.utils", convert_collection_to_dict=layers.convert_collection_to_dict,
                    collect_named_outputs=layers.collect_named_outputs, append_tensor_alias=layers.append_tensor_alias,
                    get_variable_collections=layers.get_variable_collections,
                    last_dimension=layers.last_dimension))
_arg_scope_module = Namespace("tf_slim.ops.arg_scope", arg_scope=arg_scope, add_arg_scope=add_arg_scope,
                              has_arg_scope=has_arg_scope, arg_scoped_arguments=arg_scoped_arguments,
                              current_arg_scope=current_arg_scope)
_tf_slim = Namespace("tf_slim", layers=_slim_layers_pkg, nets=_Nets(),
                     ops=Namespace("tf_slim.ops", arg_scope=_arg_scope_module))
_tf_slim.__dict__.update({k: v for k, v in slim.__dict__.items() if not k.startswith("_") and k != "layers"})
_conformance = Namespace("conformance", slim_shim=slim_shim)

_TOP = {"tensorflow": _tensorflow, "tf_slim": _tf_slim, "conformance": _conformance, "threading": threads.threading}


def _child(module, part):
    """The submodule or attribute ``part`` of a module of the table, or None (without raising)."""
    if isinstance(module, _Nets):
        return load_net(part) if part in _NET_MODULES else None
    if isinstance(module, ModuleView):
        return getattr(module._module, part, None)
    return module.__dict__.get(part)


def _resolve(name, top=_TOP):
    parts = name.split(".")
    module = top.get(parts[0])
    for part in parts[1:]:
        if module is None:
            break
        module = _child(module, part)
    if module is None:
        raise OutsideModel(f"import {name}")
    return module


def _importer(top):
    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        """``__import__`` for programs run on the model."""
        first = name.split(".")[0]
        if level == 0 and (first in _FOREIGN or first in top):
            module = _resolve(name, top)
            if fromlist:
                for attr in fromlist:
                    if attr != "*" and _child(module, attr) is None:
                        raise OutsideModel(f"import {name}.{attr}")
                return module
            return top[first]
        return builtins.__import__(name, globals, locals, fromlist, level)
    return guarded_import


guarded_import = _importer(_TOP)
BUILTINS = dict(builtins.__dict__, __import__=guarded_import)
_BUILTINS_BY_RELEASE = {}


def builtins_for(rel, tf_namespace):
    """The builtins of a program run as release ``rel``: its ``import tensorflow...`` gives that release's
    modules (before 1.13 ``tensorflow`` is the v1 API itself, and has no ``compat.v1``)."""
    found = _BUILTINS_BY_RELEASE.get(rel)
    if found is None:
        if tf_namespace is tf:
            found = BUILTINS
        else:
            if rel.tf_module == "tensorflow":
                tensorflow = Namespace("tensorflow", **{k: v for k, v in tf_namespace.__dict__.items()
                                                        if not k.startswith("_")})
                tensorflow.__dict__["python"] = _tf_python
            else:
                tensorflow = Namespace("tensorflow", compat=Namespace("tensorflow.compat", v1=tf_namespace),
                                       python=_tf_python)
            top = dict(_TOP, tensorflow=tensorflow)
            if rel.signatures != "as modelled":
                top["inspect"] = Namespace(f"inspect (the signatures of TF {rel.version}'s functions)")
            found = dict(builtins.__dict__, __import__=_importer(top))
        _BUILTINS_BY_RELEASE[rel] = found
    return found
