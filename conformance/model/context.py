"""The model's state while a program runs, and the boundary of what it covers.

TF keeps its default-graph stack and its default session per thread (framework/ops.py,
client/session.py).  The model runs a program's threads one at a time (threads.py), and
``state.graphs`` and ``state.sessions`` are the running thread's: threads.py swaps them, with
what each graph keeps per thread, when another thread takes over.  ``OutsideModel`` is the
model's own: it says that a program used something the model does not cover.
"""


class _State:
    def __init__(self):
        self.graphs = []  # the running thread's default-graph stack (Graph.as_default)
        self.sessions = []  # its default-session stack (Session.as_default, ``with Session()``)
        self.arg_stack = []  # tf_slim's arg_scope stack (a module global in tf_slim: shared by threads)
        self.slim_shim = 0  # conformance.slim_shim patch() depth
        self.created = []  # the graphs a running program made (run_program breaks their cycles)
        self.outside = False  # None while a program runs: the first OutsideModel raised is kept here


state = _State()


class OutsideModel(Exception):
    """The program uses something the model does not cover.

    While ``run_program`` runs a program, the first one raised is also kept in
    ``state.outside``, so that it is reported even if the program swallowed it with
    ``except Exception``.
    """

    def __init__(self, *args):
        super().__init__(*args)
        if state.outside is None:
            state.outside = self


VALUES = "Sessions and values are outside the model (it computes names, shapes and dtypes)"


def outside_values(what):
    """OutsideModel for anything that needs a Session or a tensor's value."""
    return OutsideModel(f"{VALUES}: {what}")


class Namespace:
    """A module-like object; unknown attributes are outside the model."""

    def __init__(self, label, _absent=None, **attrs):
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_absent", _absent)
        self.__dict__.update(attrs)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        if self._absent is not None:
            message = self._absent(attr)
            if message:
                raise AttributeError(message)
        raise OutsideModel(f"{self._label}.{attr}")

    def __repr__(self):
        return f"<model namespace {self._label}>"
