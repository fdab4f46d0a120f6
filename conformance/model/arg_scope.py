"""tf_slim's arg_scope (tf_slim/ops/arg_scope.py).

``add_arg_scope(func)`` wraps a function so that the keyword arguments of the innermost
``arg_scope`` naming it are its defaults; call-site arguments win.  The stack is per thread
(tf_slim's is global) and starts empty for each program.
"""
import functools

from .context import state


def _stack():
    stack = state.arg_stack
    if not stack:
        stack.append({})
    return stack


def current_arg_scope():
    return _stack()[-1]


def arg_scope_func_key(op):
    return getattr(op, "_key_op", op)


def has_arg_scope(func):
    return arg_scope_func_key(func) in _DECORATED_OPS


_DECORATED_OPS = {}


def _kwarg_names(func):
    kwargs_length = len(func.__defaults__) if func.__defaults__ else 0
    return func.__code__.co_varnames[-kwargs_length:func.__code__.co_argcount]


def add_arg_scope(func):
    def func_with_args(*args, **kwargs):
        scope = state.arg_stack[-1] if state.arg_stack else None
        if scope:
            current_args = scope.get(func)
            if current_args is not None:
                current_args = dict(current_args)
                current_args.update(kwargs)
                kwargs = current_args
        return func(*args, **kwargs)
    _DECORATED_OPS[func] = _kwarg_names(func)
    functools.update_wrapper(func_with_args, func)
    func_with_args._key_op = func
    return func_with_args


def arg_scoped_arguments(func):
    return _DECORATED_OPS[arg_scope_func_key(func)]


class arg_scope:  # noqa: N801
    """``with arg_scope([ops], **kwargs)`` or ``with arg_scope(saved_scope)``."""

    def __init__(self, list_ops_or_scope, **kwargs):
        self._ops = list_ops_or_scope
        self._kwargs = kwargs

    def __enter__(self):
        ops_or_scope = self._ops
        if isinstance(ops_or_scope, dict):
            if self._kwargs:
                raise ValueError("When attempting to re-use a scope by suppling a dictionary, kwargs must be empty.")
            current = ops_or_scope.copy()
        else:
            if not isinstance(ops_or_scope, (list, tuple)):
                raise TypeError("list_ops_or_scope must either be a list/tuple or reused scope (i.e. dict)")
            current = current_arg_scope().copy()
            for op in ops_or_scope:
                key = arg_scope_func_key(op)
                if not has_arg_scope(op):
                    raise ValueError("%s is not decorated with @add_arg_scope", (getattr(op, "__module__", None),
                                                                                  getattr(op, "__name__", None)))
                if key in current:
                    merged = current[key].copy()
                    merged.update(self._kwargs)
                    current[key] = merged
                else:
                    current[key] = self._kwargs.copy()
        _stack().append(current)
        return current

    def __exit__(self, *exc):
        _stack().pop()
        return False
