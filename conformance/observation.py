"""What a program did, and the one judge of it.

``Observation`` is the only type for "what a program did" in the suite: what TensorFlow did
(from a worker), what a case expects TF to do, what a source claims, what the reference model
predicts, and what a snapshot or baseline recorded.  Besides a normal run (``status="ran"``:
printed lines and the exception raised, if any) a program can have crashed its worker, timed
out, or not have run because its mode does not exist in the release (``not-available``).

``judge(claim, config, observed)`` is the only comparison of an observation with what a case
says: it returns a ``Judgement``, whether TF did what the case expects for that configuration
and the outcome judged against the source's claim.  Tests, reports, the gate, the matrix and
the history all call it.
"""
import re
from dataclasses import dataclass, field

RAN, CRASHED, TIMED_OUT, NOT_AVAILABLE = "ran", "crashed", "timed-out", "not-available"
STATUSES = (RAN, CRASHED, TIMED_OUT, NOT_AVAILABLE)

# Verdicts a case can give a configuration, and the outcomes a run can be judged to have.
HOLDS, DIFFERS, REFUTED = "holds", "holds-with-difference", "refuted"
NOT_TESTABLE, NOT_APPLICABLE = "not-testable", "not-applicable"
VERDICTS = (HOLDS, DIFFERS, REFUTED, NOT_APPLICABLE, NOT_TESTABLE)
UNEXPLAINED = "unexplained"     # TF did something no case or expectation entry accounts for
OUTCOMES = (HOLDS, DIFFERS, REFUTED, NOT_APPLICABLE, NOT_AVAILABLE, CRASHED, TIMED_OUT, UNEXPLAINED)
SHORT = {HOLDS: "holds", DIFFERS: "differs", REFUTED: "refuted", NOT_APPLICABLE: "n/a",
         NOT_AVAILABLE: "absent", CRASHED: "crashed", TIMED_OUT: "timed out", UNEXPLAINED: "unexplained",
         NOT_TESTABLE: "n/t"}


@dataclass(frozen=True)
class Observation:
    """What a program did.

    ``out``: the printed lines (``None`` only in a source's claim that states no output);
    ``error``: ``"Type: message"`` of the exception the program raised, normalised;
    ``status``: ran | crashed | timed-out | not-available, with ``detail`` ("exit 3",
    "signal 11 (SIGSEGV)", "5 s", or why a mode does not exist); ``log`` (the worker's last
    stderr lines), ``notes`` (e.g. a process-wide state change) and ``traceback`` are kept for
    people and never compared.
    """
    out: tuple = ()
    error: str = None
    status: str = RAN
    detail: str = None
    log: str = field(default=None, compare=False)
    notes: tuple = field(default=(), compare=False)
    traceback: str = field(default=None, compare=False)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; expected one of {STATUSES}")
        if self.out is not None and not isinstance(self.out, tuple):
            object.__setattr__(self, "out", tuple(self.out))

    @property
    def ran(self):
        return self.status == RAN

    def lines(self):
        """What the program did, as lines: printed lines, then how it ended if not normally."""
        lines = list(self.out or ())
        if self.error:
            lines.append(f"raises {self.error}")
        if self.status == CRASHED:
            lines.append(f"crashed ({self.detail})")
        elif self.status == TIMED_OUT:
            lines.append(f"timed out after {self.detail}")
        elif self.status == NOT_AVAILABLE:
            lines.append(f"not available: {self.detail}")
        return lines

    def render(self, limit=None):
        """The lines joined; with ``limit``, at most that many lines and characters per line."""
        lines = self.lines()
        if limit:
            lines = [clip(line, 200) for line in lines]
            if len(lines) > limit:
                lines = lines[:limit - 1] + [f"... ({len(lines) - limit + 1} more lines; the report has them all)"]
        return "\n".join(lines) or "(nothing printed)"

    def one_line(self, width=None):
        text = " | ".join(self.lines()) or "(nothing printed)"
        return clip(text, width) if width else text

    def as_dict(self):
        """The JSON form (snapshots, baselines, reports); a normal run is just out and error."""
        d = {"out": None if self.out is None else list(self.out), "error": self.error}
        if self.status != RAN:
            d["status"], d["detail"] = self.status, self.detail
        if self.log:
            d["log"] = self.log
        if self.notes:
            d["notes"] = list(self.notes)
        return d

    @classmethod
    def from_dict(cls, d):
        out = d.get("out")
        return cls(out=None if out is None else tuple(out), error=d.get("error"), status=d.get("status", RAN),
                   detail=d.get("detail"), log=d.get("log"), notes=tuple(d.get("notes", ())))

    @classmethod
    def not_available(cls, why):
        return cls(status=NOT_AVAILABLE, detail=why)


def clip(text, width):
    return text if len(text) <= width else text[:width - 1] + "…"


_ORIGIN = re.compile(r"\s*Originally defined at:.*", re.S)
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def normalise_error(error):
    """``Type: message`` cut where TF appends the creation traceback, addresses masked.

    In v1 mode TF adds "Originally defined at:" and the stack that created the clashing
    variable to reuse errors; that part names our files and line numbers.
    """
    error = _ORIGIN.sub("", error)
    error = _ADDRESS.sub("0x…", error)
    return error.strip()


def normalise_output(lines):
    """Printed lines with object addresses masked (a repr of a TF object names its address)."""
    return tuple(_ADDRESS.sub("0x…", line) if "0x" in line else line for line in lines)


def bears_out(claimed, observed):
    """Does what TF did bear out what the source claimed?  A claim may leave its output unstated
    (``out=None``) and quotes error messages as a prefix (sources cut them short)."""
    if not observed.ran:
        return False
    if claimed.out is not None and tuple(claimed.out) != tuple(observed.out or ()):
        return False
    if claimed.error is None:
        return observed.error is None
    return observed.error is not None and observed.error.startswith(claimed.error)


@dataclass(frozen=True)
class Judgement:
    outcome: str            # one of OUTCOMES
    as_expected: bool       # TF did exactly what the case (or an expectation entry) says for this configuration
    reason: str = None      # the difference, why not applicable / available, or the expectation entry's reason
    entry: str = None       # the expectation entry that accounts for the observation, if any

    @property
    def short(self):
        return SHORT[self.outcome]


def judge(claim, config, observed, entries=()):
    """Judge what TF did for ``claim`` under ``config`` (release, flavour, mode).

    - A mode or flavour the release lacks: ``not-available`` (as expected: the release says so).
    - The observation the case expects for the configuration: the case's verdict, except that a
      crash or time-out expected by a case is reported as such.
    - Otherwise, on a release other than the pinned one, an expectation entry covering it
      that accepts the observation gives its verdict; failing that, a program stopped by an API
      the release does not have yet (or no longer has), e.g. ``module 'tensorflow' has no
      attribute 'AUTO_REUSE'`` on 1.3, is ``not-available`` there, with that reason.
    - Otherwise the outcome is judged against the source alone: ``holds`` if it bears out the
      claim, ``crashed``/``timed-out`` for those, else ``unexplained``; never as expected.
    """
    if observed.status == NOT_AVAILABLE:
        return Judgement(NOT_AVAILABLE, True, observed.detail)
    expected = claim.outcome(config.mode, config.flavour)
    if observed == expected.expect:
        return Judgement(_run_outcome(observed, expected.verdict), True, expected.reason or expected.difference)
    if not config.pinned:
        for entry in entries:
            if entry.covers(claim.id, config.tf, config.flavour, config.mode) and \
                    entry.accepts(observed, expected.expect, claim):
                verdict = entry.verdict_for(claim, observed, expected.verdict)
                return Judgement(_run_outcome(observed, verdict), True, entry.reason, entry.id)
        missing = missing_api(observed)
        if missing:
            return Judgement(NOT_AVAILABLE, True, f"{missing} does not exist in TF {config.tf}")
    if observed.status in (CRASHED, TIMED_OUT):
        return Judgement(observed.status, False, observed.detail)
    if bears_out(claim.claimed, observed):
        return Judgement(HOLDS, False)
    return Judgement(UNEXPLAINED, False)


_MISSING_API = (
    re.compile(r"^AttributeError: module '((?:tensorflow|tf_slim)[\w.]*)' has no attribute '(\w+)'$"),
    re.compile(r"^(?:ModuleNotFoundError|ImportError): No module named '((?:tensorflow|tf_slim|tf_keras)[\w.]*)'$"),
    re.compile(r"^ImportError: cannot import name '(\w+)' from '((?:tensorflow|tf_slim)[\w.]*)'"),
)


def missing_api(observed):
    """The TF / tf-slim name a program failed to find ("tf.AUTO_REUSE"), or None."""
    if not observed.ran or not observed.error:
        return None
    m = _MISSING_API[0].match(observed.error)
    if m:
        module = re.sub(r"^tensorflow(\._api\.v\d)?(\.compat\.v1)?", "tf", m.group(1))
        return f"{module}.{m.group(2)}"
    m = _MISSING_API[1].match(observed.error)
    if m:
        return m.group(1)
    m = _MISSING_API[2].match(observed.error)
    if m:
        return f"{m.group(2)}.{m.group(1)}"
    return None


def _run_outcome(observed, verdict):
    return observed.status if observed.status in (CRASHED, TIMED_OUT) else verdict
