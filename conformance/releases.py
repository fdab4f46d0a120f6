"""What the suite knows about each TensorFlow release: the one place for it.

Every minor release 1.0 ... 2.21 runs at its newest patch (``VERSIONS``), in an interpreter it
supports (``PYTHONS``), with the pins it needs (``PINS``), each with its reason.  A release also
says where tf-slim comes from, which module programs see as ``tf``, which modes exist and how
each is switched on, and which Keras flavours exist.  Versions are parsed and compared here
(``version_tuple``, ``TFSelector``) and nowhere else.

Modes (what a program runs under):

- ``v1``: TF1 behaviour, graph building with ref variables: the release's own default on 1.x,
  ``tf.compat.v1.disable_v2_behavior()`` on 2.x.
- ``graph``: TF2 behaviour (resource variables) inside ``tf.Graph().as_default()``; it exists
  from 1.13, where ``enable_v2_behavior()`` appeared.
- ``eager``: eager execution, no graph.  2.x: the default.  1.13-1.15: ``enable_v2_behavior()``.
  1.7-1.12: ``tf.enable_eager_execution()``.  1.5-1.6: ``tf.contrib.eager.enable_eager_execution()``
  (a preview: tf.Variable raises there).  Before 1.5 there is no eager execution.

Flavours: ``keras3`` is the default install (Keras 3 from 2.16; Keras 2 bundled or as the
``keras`` package before); ``legacy`` adds ``tf-keras`` of the same release and sets
``TF_USE_LEGACY_KERAS=1``; tf-keras exists from 2.14.

This module imports nothing but the standard library.
"""
import re
from dataclasses import dataclass

MODES = ("v1", "graph", "eager")
FLAVOURS = ("keras3", "legacy")
PINNED = "2.21"          # the minor release the project's own venv has (requirements.txt)
SLIM_VERSION = "1.1.0"

# The newest patch of every minor release that installs from the registry for its Python
# (measured: `uv pip install tensorflow[-cpu]==X.Y.*`).  2.11.1 has no cp37 wheel.
VERSIONS = {
    "1.0": "1.0.1", "1.1": "1.1.0", "1.2": "1.2.1", "1.3": "1.3.0", "1.4": "1.4.1", "1.5": "1.5.1",
    "1.6": "1.6.0", "1.7": "1.7.1", "1.8": "1.8.0", "1.9": "1.9.0", "1.10": "1.10.1", "1.11": "1.11.0",
    "1.12": "1.12.3", "1.13": "1.13.2", "1.14": "1.14.0", "1.15": "1.15.5",
    "2.0": "2.0.4", "2.1": "2.1.4", "2.2": "2.2.3", "2.3": "2.3.4", "2.4": "2.4.4", "2.5": "2.5.3",
    "2.6": "2.6.5", "2.7": "2.7.4", "2.8": "2.8.4", "2.9": "2.9.3", "2.10": "2.10.1", "2.11": "2.11.0",
    "2.12": "2.12.1", "2.13": "2.13.1", "2.14": "2.14.1", "2.15": "2.15.1", "2.16": "2.16.2",
    "2.17": "2.17.1", "2.18": "2.18.1", "2.19": "2.19.1", "2.20": "2.20.0", "2.21": "2.21.0",
}
MINORS = tuple(VERSIONS)


def version_tuple(version):
    """(1, 15, 5) from "1.15.5"; (2, 16) from "2.16"; pre-release tails are dropped."""
    parts = []
    for piece in str(version).strip().split("."):
        digits = re.match(r"\d+", piece)
        if not digits:
            break
        parts.append(int(digits.group()))
    if not parts:
        raise ValueError(f"not a TensorFlow version: {version!r}")
    return tuple(parts)


def minor_of(version):
    """"2.16" from "2.16.2" or "2.16"."""
    t = version_tuple(version)
    return f"{t[0]}.{t[1] if len(t) > 1 else 0}"


@dataclass(frozen=True)
class Span:
    """A fact that holds for the minor releases first..last (inclusive)."""
    first: str
    last: str
    value: object
    reason: str

    def covers(self, minor):
        return version_tuple(self.first) <= version_tuple(minor)[:2] <= version_tuple(self.last)


PYTHONS = (
    Span("1.0", "1.12", "3.6", "the newest Python with wheels of TF 1.0-1.12 (cp36); none exist for 3.7"),
    Span("1.13", "2.11", "3.7", "TF 1.13 is the first release with cp37 wheels and 2.11 the last; one "
                                "interpreter covers the whole span"),
    Span("2.12", "2.21", "3.11", "TF 2.12 is the first release with cp311 wheels; the project's own Python"),
)

PACKAGES = (
    Span("1.0", "2.0", "tensorflow", "tensorflow-cpu exists from 2.1; before, the `tensorflow` wheel is the "
                                     "CPU build"),
    Span("2.1", "2.21", "tensorflow-cpu", "from 2.1 the `tensorflow` wheel carries GPU support; the CPU build "
                                          "is smaller and behaves the same for naming"),
)

# Extra requirements beside tensorflow itself, each with why (measured by building without it).
PINS = (
    Span("1.0", "1.12", "numpy<1.17", "with numpy 1.17+ (1.19.5 resolves) these releases still import, but "
                                      "dtypes.py prints six FutureWarnings ('Passing (type, 1) ... is deprecated') "
                                      "at import: a numpy of their own time"),
    Span("1.0", "1.12", "protobuf==3.19.6", "the newest protobuf for Python 3.6 (resolves anyway); pinned so "
                                            "every build is the same"),
    Span("1.13", "1.14", "numpy==1.16.6", "unpinned, numpy 1.21 resolves and TF warns at import; 1.16.6 is "
                                          "the last numpy before the deprecations TF 1.x trips over"),
    Span("1.15", "1.15", "numpy==1.18.5", "TF 1.15 declares numpy<1.19 itself (1.18.5 resolves); pinned so "
                                          "every build is the same"),
    Span("1.13", "2.0", "protobuf==3.20.3", "unpinned, protobuf 4.24 resolves and `import tensorflow` fails "
                                            "('Descriptors cannot be created directly'); 3.20.3 is the last 3.x"),
    Span("2.0", "2.3", "numpy<1.19", "TF 2.0-2.3 declare numpy<1.19 themselves (1.18.5 resolves); explicit "
                                     "so that no build pulls a numpy they were not built for"),
    Span("2.1", "2.11", "protobuf<3.20", "2.1-2.7 do not cap protobuf: unpinned, 4.24 resolves and `import "
                                         "tensorflow` fails ('Descriptors cannot be created directly'); "
                                         "2.8-2.11 declare <3.20 themselves"),
    Span("2.20", "2.20", "protobuf<7", "TF 2.20.0 declares protobuf>=5.28.0 with no upper bound: unpinned, "
                                       "protobuf 7 resolves, whose text_format.MessageToString no longer takes the "
                                       "float_format argument TF passes when it writes a graph (tf.train.write_graph, "
                                       "slim.learning.train): TypeError. 2.21 declares <8 and works with 7"),
)

SLIM = (
    Span("1.0", "1.13", "tf.contrib.slim", "tf_slim 1.1.0 does not import before TF 1.14; slim is tf.contrib.slim"),
    Span("1.14", "2.21", "tf_slim", "the tf-slim package (1.1.0), which imports from TF 1.14 on"),
)

API = (
    Span("1.0", "1.12", "tf", "tf.compat.v1 does not exist before 1.13: the top-level module is the v1 API"),
    Span("1.13", "2.21", "tf.compat.v1", "tf.compat.v1"),
)

# How each mode is switched on in the worker, before any program runs; a mode no span covers
# does not exist in that release (its outcome is "not available").
MODE_SWITCHES = {
    "v1": (Span("1.0", "1.15", "default", "TF1 behaviour is the default on 1.x"),
           Span("2.0", "2.21", "disable_v2_behavior", "tf.compat.v1.disable_v2_behavior()")),
    "graph": (Span("1.13", "2.21", "enable_v2_behavior", "TF2 behaviour (tf.enable_v2_behavior() on 1.x, the "
                                                          "default on 2.x) inside tf.Graph().as_default()"),),
    "eager": (Span("1.5", "1.6", "contrib_eager", "tf.contrib.eager.enable_eager_execution() (a preview)"),
              Span("1.7", "1.12", "enable_eager_execution", "tf.enable_eager_execution()"),
              Span("1.13", "1.15", "enable_v2_behavior", "tf.enable_v2_behavior()"),
              Span("2.0", "2.21", "default", "eager execution is the TF2 default")),
}
MODE_MISSING = {
    "graph": "TF2 behaviour in a graph needs enable_v2_behavior(), which appeared in TF 1.13",
    "eager": "eager execution appeared in TF 1.5 (tf.contrib.eager)",
}

LEGACY_FLAVOUR = Span("2.14", "2.21", "tf-keras", "tf-keras (Keras 2 for TF) is published from 2.14")


class UnknownRelease(ValueError):
    """A version the suite does not know; the message lists what it does know."""


def _pick(spans, minor):
    for span in spans:
        if span.covers(minor):
            return span
    return None


@dataclass(frozen=True)
class Release:
    """One minor release at its newest patch, or at an exact patch asked for."""
    version: str             # what is installed: "1.15.5"

    @property
    def minor(self):
        return minor_of(self.version)

    @property
    def python(self):
        return _pick(PYTHONS, self.minor).value

    @property
    def package(self):
        return _pick(PACKAGES, self.minor).value

    @property
    def slim(self):
        return _pick(SLIM, self.minor).value

    @property
    def api(self):
        return _pick(API, self.minor).value

    def pins(self):
        return [span for span in PINS if span.covers(self.minor)]

    def flavours(self):
        return FLAVOURS if LEGACY_FLAVOUR.covers(self.minor) else ("keras3",)

    def has_flavour(self, flavour):
        return flavour in self.flavours()

    def switch(self, mode):
        """How ``mode`` is switched on (a worker recipe name), or None where it does not exist."""
        span = _pick(MODE_SWITCHES[mode], self.minor)
        return span.value if span else None

    def modes(self):
        return tuple(m for m in MODES if self.switch(m))

    def not_available(self, mode=None, flavour=None):
        """Why a mode or flavour does not exist here (None if it does)."""
        if mode is not None and not self.switch(mode):
            return f"no mode {mode} in this release: {MODE_MISSING[mode]}"
        if flavour is not None and not self.has_flavour(flavour):
            return f"no flavour {flavour} for this release: {LEGACY_FLAVOUR.reason}"
        return None

    def requirements(self, flavour="keras3"):
        """The pip requirements of this release's environment."""
        reqs = [f"{self.package}=={self.version}"] + [span.value for span in self.pins()]
        if self.slim == "tf_slim":
            reqs.append(f"tf-slim=={SLIM_VERSION}")
        if flavour == "legacy":
            if not self.has_flavour("legacy"):
                raise UnknownRelease(self.not_available(flavour="legacy"))
            reqs.append(f"tf-keras=={self.minor}.*")
        return reqs

    @property
    def pinned(self):
        return self.version == VERSIONS[PINNED]

    def __str__(self):
        return self.version


def release(version):
    """The Release for "1.15" (newest patch), "1.15.5" or "2.21.0"; UnknownRelease otherwise."""
    text = str(version).strip()
    try:
        parts = version_tuple(text)
    except ValueError:
        raise UnknownRelease(f"{text!r} is not a TensorFlow version; known releases: {known()}") from None
    minor = minor_of(text)
    if minor not in VERSIONS or len(parts) > 3:
        raise UnknownRelease(f"TensorFlow {text} is not a release the suite runs; known: {known()}")
    return Release(VERSIONS[minor] if len(parts) <= 2 else text)


def known():
    return f"{MINORS[0]} ... {MINORS[15]} and {MINORS[16]} ... {MINORS[-1]} (newest patch each, or an exact X.Y.Z)"


def all_releases():
    return [Release(VERSIONS[m]) for m in MINORS]


def pinned():
    return Release(VERSIONS[PINNED])


_COMPARISON = re.compile(r"^\s*(==|!=|>=|<=|>|<)?\s*(\d+(?:\.\d+){1,2})\s*$")


class TFSelector:
    """A set of releases, as expectation entries write it: a comma-separated list of comparisons
    (">=2.16", ">=1.4,<2.16", "==2.15") or a list of releases (["2.12", "2.13"]); None is every
    release.  A release written with two components stands for all its patches ("2.16" matches
    2.16.2, "<=2.15" includes 2.15.1, "<2.16" excludes 2.16.0)."""

    def __init__(self, spec):
        self.spec = spec
        self.tests = []  # (op, version tuple)
        if spec is None:
            return
        if isinstance(spec, list):
            if not spec or not all(isinstance(s, str) and _COMPARISON.match(s) and not re.match(r"\s*[<>=!]", s)
                                   for s in spec):
                raise ValueError(f"`tf` list must name releases such as \"2.15\" or \"2.15.1\", got {spec!r}")
            self.releases = [version_tuple(s) for s in spec]
            return
        if not isinstance(spec, str) or not spec.strip():
            raise ValueError(f"`tf` must be a string such as \">=2.16\" or a list of releases, got {spec!r}")
        for part in spec.split(","):
            m = _COMPARISON.match(part)
            if not m:
                raise ValueError(f"`tf` {spec!r}: cannot read {part.strip()!r} (write e.g. \">=2.14,<2.16\")")
            self.tests.append((m.group(1) or "==", version_tuple(m.group(2))))

    def matches(self, version):
        if self.spec is None:
            return True
        v = version_tuple(version)
        if isinstance(self.spec, list):
            return any(v[:len(r)] == r for r in self.releases)
        for op, bound in self.tests:
            if op in ("==", "!="):
                if (v[:len(bound)] == bound) != (op == "=="):
                    return False
                continue
            vv = (v + (0, 0, 0))[:len(bound)]  # "2.15" in a bound stands for every 2.15.x
            if not {"<": vv < bound, "<=": vv <= bound, ">": vv > bound, ">=": vv >= bound}[op]:
                return False
        return True

    def __str__(self):
        if self.spec is None:
            return "every release"
        return ", ".join(self.spec) if isinstance(self.spec, list) else self.spec
