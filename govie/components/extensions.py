"""Custom attributes that govie's components set on a Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Record

RECORDS_KEY = "govie.records"
LINKS_KEY = "govie.links"
QUANTITIES_KEY = "govie.quantities"
SECTIONS_KEY = "govie.sections"


def _records(doc: Doc) -> list[Record]:
    return [Record.from_dict(item) for item in doc.user_data.get(RECORDS_KEY, [])]


def register_extensions() -> None:
    if not Doc.has_extension("records"):
        Doc.set_extension("records", getter=_records)
    if not Doc.has_extension("report_year"):
        Doc.set_extension("report_year", default=None)
    if not Doc.has_extension("sections"):
        Doc.set_extension("sections", getter=lambda doc: doc.user_data.get(SECTIONS_KEY, []))
    if not Doc.has_extension("quantities"):
        Doc.set_extension("quantities", getter=lambda doc: doc.user_data.get(QUANTITIES_KEY, []))


register_extensions()
