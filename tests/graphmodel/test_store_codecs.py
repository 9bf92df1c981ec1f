"""Both stores' codecs read a record's field types from its resolved type hints."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from neo4j.time import Date, DateTime

from graphmodel.store.neo4j.codec import NodeCodec
from graphmodel.store.shared import Kind, field_kinds
from graphmodel.store.sqlite import RowCodec


@dataclass(frozen=True)
class Visit:
    """A record whose date is typed ``datetime.date``, not ``dt.date``."""

    id: str
    day: datetime.date
    until: datetime.date | None = None
    guests: tuple[str, ...] = ()
    seen_at: datetime.datetime | None = None


VISIT = Visit(
    "V1",
    datetime.date(2024, 3, 5),
    datetime.date(2024, 3, 6),
    ("U1",),
    datetime.datetime(2024, 3, 5, 9, 30),
)


def test_field_kinds_come_from_resolved_types():
    """A field typed datetime.date (optional or not) is a date, whatever its annotation text."""
    assert field_kinds(Visit) == {
        "id": Kind.PLAIN,
        "day": Kind.DATE,
        "until": Kind.DATE,
        "guests": Kind.TUPLE,
        "seen_at": Kind.DATETIME,
    }


def test_sqlite_codec_converts_a_datetime_date_field():
    """The SQLite codec writes a datetime.date field as ISO text and reads back a date."""
    codec = RowCodec(Visit)
    row = codec.to_row(VISIT)
    assert row[1:3] == ("2024-03-05", "2024-03-06")
    assert codec.from_row(row) == VISIT


def test_neo4j_codec_converts_a_datetime_date_field():
    """The Neo4j codec turns a stored Neo4j date of a datetime.date field back into a date."""
    codec = NodeCodec(Visit)
    # What a read returns: the driver's own date and time types.
    stored = {"day": Date(2024, 3, 5), "until": Date(2024, 3, 6)}
    props = codec.props(VISIT) | stored | {"seen_at": DateTime(2024, 3, 5, 9, 30)}
    assert codec.record(props) == VISIT
