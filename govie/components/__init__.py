"""spaCy factories of govie's rule components; importing this module registers them."""

from .context import ContextComponent, make_context
from .quantities import QuantityComponent, make_quantities
from .records import RecordAssembler, make_records

__all__ = ["ContextComponent", "QuantityComponent", "RecordAssembler", "make_context", "make_quantities", "make_records"]
