"""The floor under the model's time: each program with every call into ``tf`` and ``slim`` replayed.

A program is first run on the model while its calls into the model's namespaces are recorded at
the program's level (each call's result or exception; a context manager's ``__enter__`` and
``__exit__``; the calls of a template or initializer it made).
The replay runs the same compiled program through ``conformance.model.run_program`` again, with
namespaces whose every function is one Python call handing back the next recorded result (a
model's function costs at least that), with the recorded placeholders x2 and x4 of the prelude,
and with the graph's op names and collections the real run ended with (for the epilogue).

What the replay still does: run_program's set-up and tear-down, the program's own Python (its
lambdas, try/except and with statements), and the prelude's helpers formatting every printed
line from the model's real objects.  What it leaves out: all of the model's naming work, and
the bodies of functions the model would call back (template functions, custom getters), which
the replay never runs.  So the floor is a lower bound: a model that did its naming work in no
time would still take at least this long, and ``harness / floor`` bounds the ratio any model
run by ``run_program`` could reach on these programs.

Used by bench.py; tests/test_bench_floor.py checks that a replay does none of the model's work
and prints what the model's run printed.
"""
import types

import conformance.model as model
from conformance.model import prelude
from conformance.model.context import Namespace
from conformance.model.dtypes import DType
from conformance.model.ops import get_default_graph

_VALUE, _RAISES, _CONTEXT, _CALLABLE = range(4)
_EPILOGUE_KEYS = ("variables", "trainable_variables", "local_variables", "model_variables")


class Recorder:
    """Records a program's calls into the namespaces, then replays them."""

    def __init__(self):
        self.recording = True
        self.depth = 0  # > 0 inside a recorded call: calls the model makes back into the namespaces
        self.events = []
        self.ops = {}
        self.collections = {}
        self.inputs = {}
        self.tf, self.slim, self.tf2 = model.namespaces(None)
        self.proxies = (self._proxy(self.tf, self._wrap), self._proxy(self.slim, self._wrap), self.tf2)
        self.replay = [iter(())]  # the recording being replayed, as an iterator
        replay = self.replay

        def replayed(*args, **kwargs):  # what a model whose every function did nothing would cost
            kind, value = next(replay[0])
            if kind == _VALUE:
                return value
            if kind == _RAISES:
                raise value
            if kind == _CONTEXT:
                return context
            return _Callable(self, value)
        context = _ReplayedContext(replayed)  # its __enter__ and __exit__ are replayed calls too
        self._replayed = replayed
        self.replaying = (self._proxy(self.tf, lambda f: replayed), self._proxy(self.slim, lambda f: replayed),
                          self.tf2)
        self._patch = _Patched(self)

    def _proxy(self, namespace, wrap, depth=0):
        out = Namespace(namespace._label)
        for key, value in namespace.__dict__.items():
            if key.startswith("_"):
                continue
            if isinstance(value, Namespace):
                value = self._proxy(value, wrap, depth + 1) if depth < 2 and value is not namespace else value
            elif isinstance(value, type) and value.__name__ in ("GraphKeys", "VariableScope", "Tensor", "DType"):
                pass  # read for constants or by isinstance, not called
            elif callable(value) and not isinstance(value, DType):
                value = wrap(value)
            out.__dict__[key] = value
        return out

    def _wrap(self, function):
        recorder = self

        def wrapper(*args, **kwargs):
            return recorder._record(function, args, kwargs)
        wrapper.recorded = function
        return wrapper

    def _record(self, function, args, kwargs):
        # the model gets its own objects, not the recorder's stand-ins (initializer=tf.zeros_initializer,
        # arg_scope([slim.conv2d]), a template called inside another)
        args = [_real(a) for a in args]
        kwargs = {k: _real(v) for k, v in kwargs.items()}
        if self.depth:
            return function(*args, **kwargs)
        self.depth += 1
        try:
            result = function(*args, **kwargs)
        except BaseException as exc:
            self.events.append((_RAISES, exc))
            raise
        finally:
            self.depth -= 1
        if hasattr(result, "__enter__") and hasattr(result, "__exit__"):
            self.events.append((_CONTEXT, None))
            return _RecordedContext(self, result)
        if callable(result) and not isinstance(result, (type, types.FunctionType)):  # a template, an initializer
            self.events.append((_CALLABLE, result))
            return _Callable(self, result)
        self.events.append((_VALUE, result))
        return result

    def record(self, source, mode):
        """Run ``source`` on the model, recording: returns (its Observation, the recording)."""
        self.recording, self.events, self.ops, self.collections, self.inputs = True, [], {}, {}, {}
        with self._patch:
            observation = model.run_program(source, mode)
        return observation, (self.events, self.ops, self.collections, self.inputs)

    def replayed(self, source, mode, recording):
        """Run ``source`` again with ``recording`` replayed: its Observation."""
        events, self.ops, self.collections, self.inputs = recording
        self.recording, self.replay[0] = False, iter(events)
        with self._patch:
            return model.run_program(source, mode)


def _real(value):
    """``value``, or what it stands for if it is one of the recorder's stand-ins (also in a list)."""
    t = type(value)
    if t is _Callable:
        return value.target
    if t is types.FunctionType:
        return getattr(value, "recorded", value)
    if t is list or t is tuple:
        return t(_real(v) for v in value)
    return value


class _Callable:
    """A template or initializer the program made: its calls are recorded or replayed, its
    attributes read."""
    __slots__ = ("recorder", "target")

    def __init__(self, recorder, target):
        self.recorder, self.target = recorder, target

    def __call__(self, *args, **kwargs):
        if self.recorder.recording:
            return self.recorder._record(self.target, args, kwargs)
        return self.recorder._replayed()

    def __getattr__(self, name):
        return getattr(self.target, name)


class _RecordedContext:
    __slots__ = ("recorder", "context")

    def __init__(self, recorder, context):
        self.recorder, self.context = recorder, context

    def __enter__(self):
        return self.recorder._record(self.context.__enter__, (), {})

    def __exit__(self, *exc):
        return self.recorder._record(self.context.__exit__, exc, {})


class _ReplayedContext:
    __slots__ = ("replayed",)

    def __init__(self, replayed):
        self.replayed = replayed

    def __enter__(self):
        return self.replayed()

    def __exit__(self, *exc):
        return self.replayed()


class _Patched:
    """Within: run_program uses the recorder's namespaces; the prelude's epilogue snapshots the
    graph (recording) or puts the snapshot in place (replaying).  Made once per recorder, so that
    a replay pays only for swapping two module attributes."""

    def __init__(self, recorder):
        self.recorder = recorder
        self.epilogue = epilogue = prelude.epilogue
        self.namespaces = model.namespaces
        self.placeholder = prelude.placeholder
        self.replaying_placeholder = lambda dtype, shape, name: recorder.inputs[name]
        self.recording_namespaces = lambda rel: recorder.proxies
        self.replaying_namespaces = lambda rel: recorder.replaying

        def recording_epilogue(namespace, write):
            g = get_default_graph()
            recorder.inputs = {"in2": namespace["x2"], "in4": namespace["x4"]}  # the prelude's placeholders
            recorder.ops = dict.fromkeys(g._op_names(), "Op")  # op names, no objects: tear-down skips them
            recorder.collections = {key: [types.SimpleNamespace(name=v.name) for v in g._collections[key]]
                                    for key in _EPILOGUE_KEYS if key in g._collections}
            return epilogue(namespace, write)

        def replaying_epilogue(namespace, write):
            g = get_default_graph()
            g._ops = dict(recorder.ops)
            g._collections = {key: list(values) for key, values in recorder.collections.items()}
            return epilogue(namespace, write)
        self.recording_epilogue, self.replaying_epilogue = recording_epilogue, replaying_epilogue

    def __enter__(self):
        if self.recorder.recording:
            model.namespaces, prelude.epilogue = self.recording_namespaces, self.recording_epilogue
        else:
            model.namespaces, prelude.epilogue = self.replaying_namespaces, self.replaying_epilogue
            prelude.placeholder = self.replaying_placeholder  # x2 and x4 are the recorded ones
        return self

    def __exit__(self, *exc):
        model.namespaces, prelude.epilogue, prelude.placeholder = self.namespaces, self.epilogue, self.placeholder
