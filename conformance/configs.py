"""Configurations a program runs under: TensorFlow release x Keras flavour x mode.

- mode ``v1``: ``tf.compat.v1.disable_v2_behavior()`` (graph building, ref variables);
  ``graph``: TF2 behaviour inside ``tf.Graph().as_default()`` (resource variables);
  ``eager``: TF2 default, no graph.
- flavour ``keras3``: the default install (no tf-keras); ``legacy``: tf-keras of the
  matching release installed and ``TF_USE_LEGACY_KERAS=1``.
"""
from dataclasses import dataclass

MODES = ("v1", "graph", "eager")
FLAVOURS = ("keras3", "legacy")
PINNED_TF = "2.21.0"
PINNED_SLIM = "1.1.0"


@dataclass(frozen=True, order=True)
class Config:
    tf: str = PINNED_TF
    flavour: str = "keras3"
    mode: str = "v1"

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; expected one of {MODES}")
        if self.flavour not in FLAVOURS:
            raise ValueError(f"unknown Keras flavour {self.flavour!r}; expected one of {FLAVOURS}")

    @property
    def name(self):
        return f"tf{self.tf}-{self.flavour}-{self.mode}"

    @property
    def pinned(self):
        return self.tf == PINNED_TF


def pinned_configs():
    return [Config(PINNED_TF, flavour, mode) for flavour in FLAVOURS for mode in MODES]
