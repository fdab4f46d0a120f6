"""Make ``slim.batch_norm`` build again on TensorFlow releases without Keras 2's TF1 layers.

The breaks
----------
1. tf-slim 1.1.0's ``batch_norm`` takes, in its default configuration
   (``updates_collections=tf.GraphKeys.UPDATE_OPS``, no ``zero_debias_moving_mean``,
   4-D input), a path through ``tensorflow.python.layers.normalization.BatchNormalization``.
   On TF 2.12 that loads Keras 2's TF1 layer.  On TF 2.15 and 2.21 (both checked) it is a
   lazy alias of ``tf_keras.legacy_tf_layers.normalization``, which neither tf-keras 2.15
   (it has ``tf_keras.src.legacy_tf_layers``) nor tf-keras 2.21 provides:

   - without tf-keras installed:  ``ModuleNotFoundError: No module named 'tf_keras'``
   - with tf-keras 2.21 (``TF_USE_LEGACY_KERAS=1``): ``ModuleNotFoundError: No module named
     'tf_keras.legacy_tf_layers'``

   so every network with batch normalisation (inception_v*, resnet_v*, ...) fails to build.

2. Behind that first error hides a second one: tf-slim still spells the tensor class
   ``tensorflow.python.framework.ops.Tensor`` (``layers/utils.py: constant_value``, used by
   ``smart_cond`` and so by every batch_norm; also ``optimize_loss``, ``learning.train``'s
   gradient multipliers and ``rev_block_lib``).  TF 2.21 removed that alias:
   ``AttributeError: module 'tensorflow.python.framework.ops' has no attribute 'Tensor'``.

The fix
-------
For (2) the shim puts the alias back (``ops.Tensor = tf.Tensor``) while it is active, and
deletes it again afterwards if TF did not have it.  For (1): tf-slim itself contains two
more implementations of the same layer that use only
``tf.compat.v1`` ops and ``model_variable`` (``get_variable``), and never touch Keras:
``_fused_batch_norm`` (taken whenever the op is fusable, e.g. for 2-D inputs) and the
"legacy" branch inside ``batch_norm`` (for ``fused=False`` or ``batch_weights``).
They are chosen when ``updates_collections`` is not *the very object*
``tf.GraphKeys.UPDATE_OPS`` (tf-slim tests it with ``is``).  While the shim is active,
``slim.batch_norm`` passes the same collection as a one-element list,
``[tf.GraphKeys.UPDATE_OPS]``, so

- the update ops still go to the ``update_ops`` collection (the same collection name),
- variables are created by tf-slim's own TF1 code under the ``BatchNorm`` scope:
  ``beta`` (trainable, if center), ``gamma`` (trainable, if scale), ``moving_mean`` and
  ``moving_variance`` (not trainable), all float32 for the fused path, all in
  GLOBAL_VARIABLES and MODEL_VARIABLES and in any ``variables_collections`` given,

which are the checkpoint keys, shapes and dtypes the Keras-layer path created (checked
key by key, with trainable flags and collections, against unpatched tf-slim on TF 2.12 for
vgg_16, alexnet_v2, overfeat, inception_v1/v3 and resnet_v1/v2_50: cases/claims/
suite_networks.toml and tests/test_slim_shim.py).  Both paths compute with
``tf.nn.fused_batch_norm`` / ``tf.nn.batch_normalization`` and update the moving averages
with the same decay, but outputs were not compared number by number.

Not supported (raise ``NotImplementedError`` under the shim, since tf-slim's Keras-free
code cannot do them): ``renorm=True`` and ``adjustment=...``.  Known difference: with
``fused=False`` and float16/bfloat16 inputs the legacy branch makes variables of the
input dtype, where the Keras layer made float32 ones.

How it patches
--------------
Two things, both undone on exit: the ``ops.Tensor`` alias (only added where missing), and
the function inside ``slim.batch_norm``.  ``slim.batch_norm`` (==
``tf_slim.layers.layers.batch_norm``) is tf-slim's arg-scope wrapper, a closure over the
undecorated function; the shim swaps the closure's function for a wrapper and swaps it
back on exit.  The wrapper keeps the arg-scope key, so
``arg_scope([slim.batch_norm], ...)`` and ``normalizer_fn=slim.batch_norm`` work whether
they were written before or inside the ``with`` block; the function object users hold
never changes, and nothing is left patched after ``restore()``.

Use::

    from conformance import slim_shim

    with slim_shim.patch():
        with slim.arg_scope(resnet_v1.resnet_arg_scope()):
            net, end_points = resnet_v1.resnet_v1_50(images, 1000, is_training=False)

    # or, for a whole script:
    slim_shim.apply()      # ... and slim_shim.restore() when done

Nested and repeated ``patch()``/``apply()`` calls are counted; the original is back
once every one of them is closed.
"""
import contextlib
import functools
import inspect
import threading

__all__ = ["patch", "apply", "restore", "active", "needed", "batch_norm_breaks"]

_lock = threading.Lock()
_state = {"depth": 0, "original": None, "cell": None, "added_tensor_alias": False}


def _wrapper_and_cell():
    from tf_slim.layers import layers

    wrapper = layers.batch_norm
    names = wrapper.__code__.co_freevars
    if "func" not in names or wrapper.__closure__ is None:
        raise RuntimeError("slim_shim: tf_slim.layers.layers.batch_norm is not tf-slim 1.1's arg-scope wrapper; "
                           "this tf-slim release is not supported by the shim")
    return wrapper, wrapper.__closure__[names.index("func")]


def _keras_free(original, key_op):
    from tensorflow.python.framework import ops

    signature = inspect.signature(original)

    @functools.wraps(original)
    def batch_norm(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = bound.arguments
        for name in ("renorm", "adjustment"):
            if arguments[name] not in (False, None):
                raise NotImplementedError(
                    f"slim_shim: batch_norm({name}=...) needs the Keras BatchNormalization layer, "
                    f"which this TensorFlow does not provide")
        if arguments["updates_collections"] is ops.GraphKeys.UPDATE_OPS:
            # the same collection, spelled as a list: tf-slim then takes its Keras-free code
            arguments["updates_collections"] = [ops.GraphKeys.UPDATE_OPS]
        return original(*bound.args, **bound.kwargs)

    batch_norm._key_op = key_op  # arg_scope entries are looked up by this key
    batch_norm.__slim_shim__ = True
    return batch_norm


def apply():
    """Patch slim.batch_norm (counted; undo with restore())."""
    with _lock:
        if _state["depth"] == 0:
            wrapper, cell = _wrapper_and_cell()
            original = cell.cell_contents
            key_op = getattr(wrapper, "_key_op", None) or str(original)
            from tensorflow.python.framework import ops

            added = not hasattr(ops, "Tensor")
            if added:  # TF >= 2.21; older releases still have the alias (and may lack framework.tensor)
                from tensorflow.python.framework import tensor

                ops.Tensor = tensor.Tensor
            cell.cell_contents = _keras_free(original, key_op)
            _state.update(original=original, cell=cell, added_tensor_alias=added)
        _state["depth"] += 1


def restore():
    """Undo one apply(); the original batch_norm is back after the last one."""
    with _lock:
        if _state["depth"] == 0:
            return
        _state["depth"] -= 1
        if _state["depth"] == 0:
            _state["cell"].cell_contents = _state["original"]
            if _state["added_tensor_alias"]:
                from tensorflow.python.framework import ops

                del ops.Tensor
            _state.update(original=None, cell=None, added_tensor_alias=False)


@contextlib.contextmanager
def patch():
    """Context manager: slim.batch_norm without Keras inside, the original restored on exit."""
    apply()
    try:
        yield
    finally:
        restore()


def active():
    """Is the shim in effect?"""
    return _state["depth"] > 0


def batch_norm_breaks():
    """What the shim works around in this TensorFlow: a list of ``"Type: message"`` strings."""
    from tensorflow.python.framework import ops

    found = []
    try:
        from tensorflow.python.layers import normalization

        normalization.BatchNormalization  # noqa: B018 - the lazy import is the test
    except Exception as exc:  # noqa: BLE001
        found.append(f"{type(exc).__name__}: {exc}")
    if not hasattr(ops, "Tensor") and not (active() and _state["added_tensor_alias"]):
        found.append("AttributeError: module 'tensorflow.python.framework.ops' has no attribute 'Tensor'")
    return found


def needed():
    """Does this TensorFlow need the shim for slim.batch_norm?"""
    return bool(batch_norm_breaks())
