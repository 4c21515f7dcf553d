"""govie: targets and results of Chinese government work reports as structured records."""

from __future__ import annotations

from .about import __version__
from .api import extract, extract_many, load, to_frame
from .records import FIELD_NAMES, Record

__all__ = ["extract", "extract_many", "load", "to_frame", "Record", "FIELD_NAMES", "__version__"]
