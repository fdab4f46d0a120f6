"""``tf.make_template`` and its ``Template`` (ops/template.py), in graph mode.

A template wraps a function so that its variables are made on the first call and shared by
every later one: the first call enters ``variable_scope(unique_name_, default_name=name_)``
(a unique scope t, t_1, ...) and keeps the scope object; later calls enter that object again
with ``reuse=True`` (a fresh name scope each time: t_1/, t_2/ for the ops, as any
``variable_scope(scope_object)``).  A later call that makes a trainable variable raises
ValueError after the function returned.  Any exception raised by the function gets
"\\n\\noriginally defined at:\\n<the stack where the template was made>" appended to its first
argument.  What changed between releases is in releases.py (``template_*`` facts).
"""
import functools
import sys
import traceback

from .context import OutsideModel
from .ops import CLASS_MAKERS, GraphKeys, _Strict, class_for, get_default_graph, release_class
from . import variable_scope as vs

_TRAINABLE_AGAIN = ("Trainable variable created when calling a template after the first time, perhaps you used "
                    "tf.Variable when you meant tf.get_variable: %s")


def make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None, **kwargs):
    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    return class_for(get_default_graph().rel, "Template")(name_, func_, create_scope_now_, unique_name_,
                                                           custom_getter_)


def _frames(frame):
    """The stack from the outermost frame down to ``frame``, as (file, line, function) triples:
    what ``traceback.extract_stack`` records, without its look-ups (made into FrameSummary objects,
    with their source lines, only when an error needs them)."""
    frames = []
    while frame is not None:
        code = frame.f_code
        frames.append((code.co_filename, frame.f_lineno, code.co_name))
        frame = frame.f_back
    frames.reverse()
    return frames


def _has_repeats(frames):
    """Does a frame repeat the one before it?  ``traceback.format_list`` collapses such runs, so
    formatted lines no longer match frames one to one."""
    return any(a == b for a, b in zip(frames, frames[1:]))


def _origin_trace(made, now):
    """TF's "originally defined at" text: the formatted frames of ``made`` (where the template was
    made) from the first that differs from ``now`` (the stack of the failing call), as
    ``_skip_common_stack_elements(format_list(made), format_stack())``.  A formatted frame is
    its file, line and function (and that line's source), so the triples compare as the
    formatted frames do, and only the frames kept are formatted; if a frame repeats (formatting
    would collapse the run) both stacks are formatted and compared as TF does."""
    if _has_repeats(made) or _has_repeats(now):
        return "".join(_skip_common_stack_elements(_format(made), _format(now)))
    for i, (frame, base) in enumerate(zip(made, now)):
        if frame != base:
            return "".join(_format(made[i:]))
    return "".join(_format(made[-1:]))


def _format(frames):
    return traceback.format_list([traceback.FrameSummary(*frame, lookup_line=False) for frame in frames])


def _skip_common_stack_elements(stacktrace, base_case):
    for i, (trace, base) in enumerate(zip(stacktrace, base_case)):
        if trace != base:
            return stacktrace[i:]
    return stacktrace[-1:]


class Template(_Strict):
    __slots__ = ("_func", "_stacktrace", "_name", "_unique_name", "_custom_getter", "_variable_scope",
                 "_variables_created")

    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None):
        self._func = func
        # the stack where the template was made (TF: format_stack()), formatted only if a call raises
        self._stacktrace = _frames(sys._getframe(2))
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        if name is None:
            raise ValueError("name cannot be None.")
        self._variable_scope = None
        if create_scope_now:
            if get_default_graph().rel.template_scope_now == "variable_scope":
                scope = vs.variable_scope(unique_name, name, custom_getter=custom_getter)
            else:
                scope = vs._pure_variable_scope(unique_name or vs._get_unique_variable_scope(name),
                                                custom_getter=custom_getter)
            with scope as entered:
                self._variable_scope = entered
        self._variables_created = False

    def __call__(self, *args, **kwargs):
        early = get_default_graph().rel.template_created == "before the call"
        scope = self._variable_scope
        if scope is not None:
            created = self._variables_created
            if early:
                self._variables_created = True
            # the first call inherits the enclosing reuse flag (1.6+ pass reuse=False: the same)
            with vs.variable_scope(scope, reuse=True if created else None):
                return self._call_func(args, kwargs, created)
        if early:
            self._variables_created = True
        with vs.variable_scope(self._unique_name, self._name, custom_getter=self._custom_getter) as entered:
            self._variable_scope = entered
            return self._call_func(args, kwargs, False)

    def _call_func(self, args, kwargs, check):
        try:
            if not check:
                result = self._func(*args, **kwargs)
                self._variables_created = True
                return result
            trainable_at_start = len(get_default_graph().get_collection_ref(GraphKeys.TRAINABLE_VARIABLES))
            result = self._func(*args, **kwargs)
            trainable = get_default_graph().get_collection_ref(GraphKeys.TRAINABLE_VARIABLES)
            if len(trainable) != trainable_at_start:
                raise ValueError(_TRAINABLE_AGAIN % (trainable[trainable_at_start:],))
            return result
        except OutsideModel:
            raise
        except Exception as exc:
            args = exc.args
            trace = _origin_trace(self._stacktrace, _frames(sys._getframe()))
            exc.args = ("%s\n\noriginally defined at:\n%s" % (args[0] if args else "", trace),) + args[1:]
            raise

    @property
    def name(self):
        return self._name

    @property
    def func(self):
        return self._func

    @property
    def variable_scope(self):
        return self._variable_scope

    var_scope = variable_scope  # deprecated: TF logs a warning, to stderr

    @property
    def variable_scope_name(self):
        if self._variable_scope:
            name = self._variable_scope._name
            if not name and get_default_graph().rel.template_scope_name == "indexes":
                name[-1]  # noqa: B018 - TF reads it: IndexError
            return name if not name or name[-1] == "/" else name + "/"
        return None

    def _collection(self, key):
        if self._variables_created:
            return get_default_graph().get_collection(key, self.variable_scope_name)
        return []

    @property
    def trainable_variables(self):
        return self._collection(GraphKeys.TRAINABLE_VARIABLES)

    @property
    def global_variables(self):
        return self._collection(GraphKeys.GLOBAL_VARIABLES)

    @property
    def local_variables(self):
        return self._collection(GraphKeys.LOCAL_VARIABLES)

    @property
    def variables(self):
        return self.global_variables + self.local_variables

    @property
    def non_trainable_variables(self):
        trainable = set(self.trainable_variables)
        return [v for v in self.global_variables if v not in trainable]

    weights = variables
    trainable_weights = trainable_variables
    non_trainable_weights = non_trainable_variables


CLASS_MAKERS["Template"] = lambda rel: release_class(Template, rel, "Template")
