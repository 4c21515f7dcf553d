"""spaCy factories of govie's rule components; importing this module registers them."""

from .context import ContextComponent, make_context
from .linker import Linker, make_linker
from .ner import SentenceNER, make_sentence_ner
from .quantities import QuantityComponent, make_quantities
from .records import RecordAssembler, make_records

__all__ = ["ContextComponent", "Linker", "make_linker", "SentenceNER", "make_sentence_ner", "QuantityComponent", "RecordAssembler", "make_context", "make_quantities", "make_records"]
