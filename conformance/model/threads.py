"""A program's threads (``import threading``): run one at a time, with TF's per-thread state.

TF keeps per thread: the default-graph and default-session stacks, and in each graph the name
stack and the variable-scope store (its current scope and default-name counters; from 1.8,
``thread_local_names``) and the device, colocation and variable-creator stacks (from 1.7,
``thread_local_devices``); names are made unique graph-wide.  The model runs a program's
threads one at a time: a thread runs until it waits (``Event.wait``, ``Thread.join``) or
ends, and then another takes over.  The model's state is one object (context.state); when a
thread takes over, what its graphs keep per thread is swapped in (``_swap_in``), and swapped
out when it waits.  Programs whose threads synchronise through Events and joins, as TF's own
thread tests do, see what they see on TF; anything else of ``threading`` is outside the model.
"""
import threading as _threading

from .context import Namespace, OutsideModel, state


class _Abandoned(BaseException):
    """Raised in a thread still waiting when its program ended: it stops there."""


class _Baton:
    lock = _threading.Lock()
    holder = None          # the ident of the thread running program code, once threads started
    generation = 0         # which program's threads may run (run_program ends a generation)
    views = {}             # thread ident -> its saved view (see _swap_out)
    started = []           # the program's threads


def _store(g):
    found = g._collections.get(("__varscope",))
    return found[0] if found else None


def _swap_out():
    """The running thread's view: its stacks, and what each graph keeps for it."""
    graphs = []
    for g in state.created:
        store = _store(g)
        graphs.append((g, g._name_stack, g._devices, g._device, g._colocation, g._creators, store,
                       store.current_scope if store is not None else None,
                       store.variable_scopes_count if store is not None else None))
    _Baton.views[_threading.get_ident()] = (state.graphs, state.sessions, graphs)


def _swap_in(view):
    """Install a thread's view (None: a new thread, which TF starts with empty stacks and fresh
    per-thread state in every graph)."""
    from .variable_scope import VariableScope

    saved = {}
    if view is None:
        state.graphs, state.sessions = [], []
    else:
        state.graphs, state.sessions, graphs = view
        saved = {entry[0]: entry for entry in graphs}
    for g in state.created:
        rel = g.rel
        entry = saved.get(g)
        store = _store(g)
        if rel.thread_local_names:
            if entry is not None:
                g._name_stack = entry[1]
                if store is not None and entry[6] is store:
                    store.current_scope, store.variable_scopes_count = entry[7], entry[8]
                elif store is not None:
                    store.current_scope, store.variable_scopes_count = VariableScope(False), {}
            else:
                g._name_stack = ""
                if store is not None:
                    store.current_scope, store.variable_scopes_count = VariableScope(False), {}
        if rel.thread_local_devices:
            if entry is not None:
                g._devices, g._device, g._colocation, g._creators = entry[2], entry[3], entry[4], entry[5]
            else:
                g._devices, g._device, g._colocation, g._creators = [], "", [], []


def _release():
    """The running thread stops running program code (it is about to wait)."""
    if _Baton.holder != _threading.get_ident():
        return False
    _swap_out()
    _Baton.holder = None
    _Baton.lock.release()
    return True


def _acquire(generation):
    """Wait for the baton; stop the thread if its program has ended meanwhile."""
    _Baton.lock.acquire()
    ident = _threading.get_ident()
    if generation != _Baton.generation:
        _Baton.lock.release()
        raise _Abandoned()
    _Baton.holder = ident
    _swap_in(_Baton.views.pop(ident, None))


def _hold():
    """The thread running the program takes the baton (when it starts its first thread)."""
    if _Baton.holder is None:
        _Baton.lock.acquire()
        _Baton.holder = _threading.get_ident()


def finish():
    """run_program's end: threads still waiting are abandoned, the baton is free again."""
    if not _Baton.started and _Baton.holder is None:
        return
    _Baton.generation += 1
    _Baton.started = []
    _Baton.views.clear()
    if _Baton.holder == _threading.get_ident():
        _Baton.holder = None
        _Baton.lock.release()


class Thread(_threading.Thread):
    """``threading.Thread`` for programs on the model (subclass it or pass ``target``)."""

    def start(self):
        _hold()
        generation = _Baton.generation
        run = self.run

        def run_in_turn():
            try:
                _acquire(generation)
            except _Abandoned:
                return
            try:
                run()
            except _Abandoned:
                return
            except BaseException:  # noqa: BLE001 - as in TF: printed to stderr, which is not observed
                pass
            if _Baton.holder == _threading.get_ident():
                _Baton.holder = None
                _Baton.lock.release()

        self.run = run_in_turn
        self.daemon = True
        _Baton.started.append(self)
        super().start()

    def join(self, timeout=None):
        generation = _Baton.generation
        released = _release()
        try:
            super().join(timeout)
        finally:
            if released:
                _acquire(generation)


class Event(_threading.Event):
    def wait(self, timeout=None):
        generation = _Baton.generation
        released = _release()
        try:
            return super().wait(timeout)
        finally:
            if released:
                _acquire(generation)


threading = Namespace("threading", Thread=Thread, Event=Event, current_thread=_threading.current_thread,
                      get_ident=_threading.get_ident, main_thread=_threading.main_thread)
