"""Sessions (TF's client/session.py), as far as names go.

The model computes no values, so a Session can only run what has no observable result but
its success: the initializer of variables (``sess.run(tf.global_variables_initializer())``,
``v.initializer.run()``), when their initial values need nothing a Session would have to be
fed or to have initialized first.  Fetching a tensor or a variable, or running anything else,
raises OutsideModel ("Sessions and values are outside the model").
"""
from .context import outside_values, state
from .ops import Operation, get_default_graph


class Session:
    def __init__(self, target="", graph=None, config=None):
        if target:
            raise outside_values(f"Session(target={target!r})")
        self.graph = graph if graph is not None else get_default_graph()
        self._closed = False

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if isinstance(fetches, (list, tuple)):
            return type(fetches)(self.run(f, feed_dict) for f in fetches)
        if isinstance(fetches, dict):
            return {k: self.run(v, feed_dict) for k, v in fetches.items()}
        if not isinstance(fetches, Operation):
            raise outside_values(f"Session.run of {type(fetches).__name__}")
        _check_runnable(self.graph, fetches)
        return None

    def close(self):
        self._closed = True

    def as_default(self):
        return _DefaultSession(self)

    def __enter__(self):
        state.sessions.append(self)
        return self

    def __exit__(self, *exc):
        if state.sessions and state.sessions[-1] is self:
            state.sessions.pop()
        self.close()
        return False

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise outside_values(f"Session.{attr}")


class _DefaultSession:
    def __init__(self, session):
        self.session = session

    def __enter__(self):
        state.sessions.append(self.session)
        return self.session

    def __exit__(self, *exc):
        state.sessions.pop()
        return False


class InteractiveSession(Session):
    def __init__(self, *args, **kwargs):
        raise outside_values("tf.InteractiveSession")


def get_default_session():
    return state.sessions[-1] if state.sessions else None


def _initialized_by(graph, op):
    """The variables ``op`` initializes: a variable's initializer, or a group of them (NoOp)."""
    found = graph._initializes.get(op)
    if found is not None:
        return found
    if op.type in ("Assign", "AssignVariableOp"):
        from .variable_scope import _VARSTORE_KEY
        candidates = list(graph._collections.get("variables", ())) + list(graph._collections.get(
            "local_variables", ()))
        for store in graph._collections.get(_VARSTORE_KEY, ()):
            candidates += store._vars.values()
        for v in candidates:
            if getattr(v, "initializer", None) is op:
                return [v]
    return None


def _check_runnable(graph, op):
    if op.graph is not graph:
        raise ValueError(f"Cannot use the given session to evaluate tensor: the tensor's graph is different "
                         f"from the session's graph.")
    variables = _initialized_by(graph, op)
    if variables is None:
        raise outside_values(f"Session.run of the op {op.name!r} ({op.type})")
    for v in variables:
        if v.initial_value.deps:
            raise outside_values(f"initializing {v.name}, whose initial value reads "
                                 f"{', '.join(sorted(d.name for d in v.initial_value.deps))}")


def run_operation(op, feed_dict=None, session=None):
    """``Operation.run()``: in the default session."""
    session = session or get_default_session()
    if session is None:
        raise ValueError("Cannot execute operation using `run()`: No default session is registered. Use `with "
                         "sess.as_default():` or pass an explicit session to `run(session=sess)`")
    if feed_dict:
        raise outside_values("Operation.run with a feed_dict")
    session.run(op)


def run_tensor(tensor, feed_dict=None, session=None):
    raise outside_values(f"the value of {getattr(tensor, 'name', 'a tensor')}")

