"""Reading a snapshot with its participations as columns (graphmodel.snapshot_read)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from graphmodel.district import District
from graphmodel.records import Activity, Participation, Unit
from graphmodel.snapshot_read import _tuple, read
from graphmodel.store import Bundle, Store, open_store
from graphmodel.took_part import UNKNOWN, TookPart
from graphmodel.window import LAST_END, Window
from loaders.demo import generate

WINDOW = Window(dt.date(2026, 6, 30), 12)


def test_participations_read_as_columns_are_the_stored_ones(store: Store, small_bundle: Bundle):
    """Every stored participation comes back from the columns, on both stores."""
    store.load(small_bundle)
    found = read(store, None, LAST_END)
    b = found.bundle
    again = found.took_part.records(b.activities, b.units, b.party_orgs, b.members)
    assert sorted(again, key=lambda p: p.id) == sorted(store.participations(), key=lambda p: p.id)


def test_a_read_up_to_a_day_leaves_later_activities_out(store: Store, small_bundle: Bundle):
    """Activities after ``until``, and their participations, are not read."""
    store.load(small_bundle)
    first = min(a.date for a in small_bundle.activities)
    found = read(store, first, LAST_END)
    assert {a.date for a in found.bundle.activities} == {first}
    assert set(found.took_part.activity.tolist()) == {0}


def test_a_snapshot_read_from_sqlite_equals_one_from_its_records(sqlite_url):
    """The demo district read from SQLite has the incidence built from its records in memory."""
    bundle = generate(seed=3, scale="district", end=WINDOW.end)
    store = open_store(sqlite_url)
    store.load(bundle)
    read_back = District.from_store(store, WINDOW)
    in_memory = District.from_bundle(bundle, WINDOW)
    one, other = read_back.incidence, in_memory.incidence
    assert one.units == other.units and one.activities == other.activities
    assert (one.roles != other.roles).nnz == 0
    assert read_back.members_taking_part == in_memory.members_taking_part


def test_a_snapshot_read_from_neo4j_equals_one_from_sqlite(neo4j_store, sqlite_url):
    """The demo district read from Neo4j has the records, participations and unit graph of
    the same district read from SQLite."""
    bundle = generate(seed=3, scale="district", end=WINDOW.end)
    sqlite = open_store(sqlite_url)
    for one in (sqlite, neo4j_store):
        one.load(bundle)
    lite, graph = (District.from_store(one, WINDOW) for one in (sqlite, neo4j_store))
    for table in ("zones", "units", "party_orgs", "members", "agreements", "activities"):
        assert getattr(lite, table) == getattr(graph, table)
    assert rows(lite.took_part) == rows(graph.took_part)
    assert lite.data_end == graph.data_end
    one, other = lite.collaboration_graph(), graph.collaboration_graph()
    assert one.nodes == other.nodes and one.number_of_edges > 0
    assert (one.weight != other.weight).nnz == 0


def rows(took: TookPart) -> list[tuple[int, ...]]:
    """The participations' positions and role codes, one tuple each, in a fixed order."""
    columns = (took.activity, took.unit, took.party_org, took.member, took.role)
    return sorted(zip(*(column.tolist() for column in columns), strict=True))


def test_a_unit_named_but_unknown_does_not_roll_up():
    """A participation naming a unit the snapshot lacks counts for nobody, not its org's units."""
    acts = [Activity("A1", "x", "other", dt.date(2026, 1, 1))]
    took = TookPart.from_records([Participation("A1", "U9")], acts, [Unit("U1", "一", "s")], [], [])
    assert took.unit.tolist() == [UNKNOWN]


def test_units_out_of_id_order_keep_their_participations():
    """A bundle whose units are not in id order still credits each participation to its unit."""
    acts = [Activity("A1", "x", "other", dt.date(2026, 1, 1))]
    units = [Unit("U2", "二", "school"), Unit("U1", "一", "school")]
    bundle = Bundle(units=units, activities=acts, participations=[Participation("A1", "U2")])
    district = District.from_bundle(bundle, WINDOW)
    assert district.incidence.roles.toarray().tolist() == [[0], [1]]


def test_stored_lists_with_quotes_and_commas_read_back():
    """The fast reading of stored lists gives what the JSON parser gives, escapes included."""
    cases = [(), ("a",), ("",), ('说"好"', "b"), ("a, b", 'c", "d'), ("x\\y",)]
    for case in cases:
        text = json.dumps(list(case), ensure_ascii=False) if case else "[]"
        assert _tuple(text) == case


def test_a_district_cut_to_an_earlier_end_keeps_only_its_activities(small_bundle: Bundle):
    """Participations in activities after the window's end are dropped with them."""
    early = dataclasses.replace(WINDOW, end=min(a.date for a in small_bundle.activities))
    district = District.from_bundle(small_bundle, early)
    assert len(district.activities) == 1
    assert set(district.took_part.activity.tolist()) == {0}


def test_a_district_gives_its_participations_back_as_records(small_bundle: Bundle):
    """The records of a snapshot's participations are those of its activities, unchanged."""
    district = District.from_bundle(small_bundle, WINDOW)
    kept = {a.id for a in district.activities}
    expected = [p for p in small_bundle.participations if p.activity in kept]
    assert sorted(district.participations, key=lambda p: p.id) == sorted(
        expected, key=lambda p: p.id
    )
