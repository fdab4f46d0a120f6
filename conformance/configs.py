"""Configurations a program runs under: TensorFlow release x Keras flavour x mode.

What each release, mode and flavour is lives in ``conformance.releases``; a ``Config`` names
one combination by the exact version installed ("2.21.0", "1.15.5").
"""
from dataclasses import dataclass

from .releases import FLAVOURS, MODES, SLIM_VERSION, VERSIONS, PINNED, release

PINNED_TF = VERSIONS[PINNED]
PINNED_SLIM = SLIM_VERSION


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

    @property
    def release(self):
        return release(self.tf)

    def not_available(self):
        """Why this mode or flavour does not exist in its release, or None."""
        return self.release.not_available(self.mode, self.flavour)


def pinned_configs():
    return [Config(PINNED_TF, flavour, mode) for flavour in FLAVOURS for mode in MODES]
