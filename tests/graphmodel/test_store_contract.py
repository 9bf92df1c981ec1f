"""The store contract: every backend must pass these same tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graphmodel.records import TABLES, Unit, Zone
from graphmodel.store import Bundle, Store, TableCounts


def test_a_new_store_is_empty(store: Store):
    """A new store holds no records in any table."""
    assert store.counts() == dict.fromkeys(TABLES, 0)


def test_load_adds_every_record(store: Store, small_bundle: Bundle):
    """A first load adds every record and the counts show them."""
    counts = store.load(small_bundle)
    assert {t: c.added for t, c in counts.items()} == small_bundle.sizes()
    assert store.counts() == small_bundle.sizes()


@pytest.mark.parametrize("table", TABLES)
def test_records_round_trip_unchanged(store: Store, small_bundle: Bundle, table: str):
    """What a load writes reads back equal, field by field."""
    store.load(small_bundle)

    def by_id(record):
        return record.id

    assert sorted(getattr(store, table)(), key=by_id) == sorted(
        small_bundle.table(table), key=by_id
    )


def test_loading_twice_changes_nothing(store: Store, small_bundle: Bundle):
    """A second load of the same data reports every record unchanged."""
    store.load(small_bundle)
    version = store.version()
    counts = store.load(small_bundle)
    assert all(c.added == c.updated == 0 for c in counts.values())
    assert store.counts() == small_bundle.sizes()
    assert store.version() == version


def test_a_changed_record_is_updated_in_place(store: Store, small_bundle: Bundle):
    """A record with a known id and new values is updated, not added."""
    store.load(small_bundle)
    renamed = dataclasses.replace(small_bundle.units[0], name="桂花社区（新）", headcount=13)
    counts = store.load(Bundle(units=[renamed]))
    assert counts["units"] == TableCounts(added=0, updated=1, unchanged=0)
    assert next(u for u in store.units() if u.id == "U1") == renamed


def test_version_changes_when_content_changes(store: Store, small_bundle: Bundle):
    """The content version moves on with a load that changes something."""
    before = store.version()
    store.load(small_bundle)
    assert store.version() != before


def test_known_ids_lists_only_existing(store: Store, small_bundle: Bundle):
    """known_ids answers which of the asked ids exist in a table."""
    store.load(small_bundle)
    assert store.known_ids("units", ["U1", "U9", "U4"]) == {"U1", "U4"}
    assert store.known_ids("activities", []) == set()


def test_activities_are_read_by_window(store: Store, small_bundle: Bundle):
    """Activities and participations can be read for a date window."""
    store.load(small_bundle)
    march = store.activities(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert [a.id for a in march] == ["A1"]
    assert {p.activity for p in store.participations(dt.date(2026, 6, 1), None)} == {"A2"}
    assert len(store.participations()) == len(small_bundle.participations)


def test_each_load_is_logged(store: Store, small_bundle: Bundle):
    """Imports are logged newest first with what they did."""
    store.load(small_bundle, source="first.xlsx")
    store.load(Bundle(zones=small_bundle.zones), source="second.csv", warnings=["w1"])
    latest, first = store.imports(limit=2)
    assert (latest.source, latest.warnings, first.source) == ("second.csv", ("w1",), "first.xlsx")
    assert first.added == len(small_bundle)


def test_a_failing_load_changes_nothing(store: Store, small_bundle: Bundle):
    """A load that fails part-way leaves the store exactly as it was."""
    store.load(Bundle(zones=small_bundle.zones[:1]))
    broken = Bundle(
        zones=small_bundle.zones,
        units=[dataclasses.replace(small_bundle.units[0], lat=object())],  # cannot be stored
    )
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own kind
        store.load(broken)
    assert store.counts() == {**dict.fromkeys(TABLES, 0), "zones": 1}
    assert len(store.imports()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "引号'单\"双",
        "back\\slash\\",
        "表情🎉党建",
        "x'}) DETACH DELETE n //",
        "'; DROP TABLE units; --",
    ],
)
def test_awkward_text_survives_a_round_trip(store: Store, text: str):
    """Ids and names with quotes, backslashes, emoji or injection attempts are just text."""
    store.load(Bundle(zones=[Zone("S1", "街道", "street")]))
    unit = Unit(id=text, name=text, kind="other", street="S1", offers=(text,))
    store.load(Bundle(units=[unit]))
    assert store.units() == [unit]
    assert store.counts()["zones"] == 1


def test_last_activity_is_the_data_date(store: Store, small_bundle: Bundle):
    """The latest activity on or before a day: the store's data date (None when empty)."""
    assert store.last_activity(dt.date(2026, 12, 31)) is None
    store.load(small_bundle)
    assert store.last_activity(dt.date(2026, 12, 31)) == dt.date(2026, 7, 1)
    assert store.last_activity(dt.date(2026, 6, 30)) == dt.date(2026, 3, 5)
    assert store.last_activity(dt.date(2026, 1, 1)) is None
