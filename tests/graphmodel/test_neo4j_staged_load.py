"""Staged loads (the way Neo4j loads a city): hidden until published, removed on failure."""

from __future__ import annotations

import dataclasses

import pytest

from graphmodel.errors import DanglingReference, StoreBusy
from graphmodel.records import TABLES, Participation, Unit
from graphmodel.snapshot_read import read
from graphmodel.store import Bundle, TableCounts
from graphmodel.store.neo4j import Neo4jStore
from graphmodel.store.neo4j import load as neo4j_load
from graphmodel.window import LAST_END


@pytest.fixture
def staged_store(neo4j_store: Neo4jStore) -> Neo4jStore:
    """The Neo4j store, staging every load however small."""
    neo4j_store.stage_above = 0
    return neo4j_store


def raw_count(store: Neo4jStore, query: str, **params) -> int:
    """A count straight from the graph, ignoring what reads hide."""
    records, _, _ = store.driver.execute_query(query, params, database_=store.database)
    return records[0][0]


def test_a_staged_load_round_trips(staged_store: Neo4jStore, small_bundle: Bundle):
    """Every table reads back equal after a staged load, and the load is logged."""
    counts = staged_store.load(small_bundle, source="city.xlsx")
    assert {t: c.added for t, c in counts.items()} == small_bundle.sizes()
    for table in TABLES:
        assert sorted(getattr(staged_store, table)(), key=lambda r: r.id) == sorted(
            small_bundle.table(table), key=lambda r: r.id
        )
    assert staged_store.imports()[0].source == "city.xlsx"


def test_staged_records_are_hidden_until_published(
    staged_store: Neo4jStore, small_bundle: Bundle, neo4j_server, monkeypatch
):
    """While the batches are written, another reader sees none of them."""
    seen = {}
    publish = neo4j_load._publish

    def look_then_publish(tx, *args):
        reader = Neo4jStore(neo4j_server.store_url)
        try:
            seen.update(counts=reader.counts(), units=reader.units(), parts=reader.participations())
            seen["known"] = reader.known_ids("units", ["U1"])
        finally:
            reader.close()
        return publish(tx, *args)

    monkeypatch.setattr(neo4j_load, "_publish", look_then_publish)
    staged_store.load(small_bundle)
    assert seen == {"counts": dict.fromkeys(TABLES, 0), "units": [], "parts": [], "known": set()}
    assert raw_count(staged_store, "MATCH (n:Unit) RETURN count(n)") == 4
    assert staged_store.counts() == small_bundle.sizes()


def test_a_snapshot_read_during_a_staged_load_sees_only_what_was_published(
    staged_store: Neo4jStore, small_bundle: Bundle, neo4j_server, monkeypatch
):
    """The snapshot read while a second load is staged has the first load's records only."""
    staged_store.load(small_bundle)
    first = read(staged_store, None, LAST_END)
    more = dataclasses.replace(
        small_bundle,
        units=[*small_bundle.units, Unit("U5", "新单位", "enterprise", "S1")],
        participations=[*small_bundle.participations, Participation("A2", "U5")],
    )
    seen = []
    publish = neo4j_load._publish

    def look_then_publish(tx, *args):
        reader = Neo4jStore(neo4j_server.store_url)
        try:
            seen.append(read(reader, None, LAST_END))
        finally:
            reader.close()
        return publish(tx, *args)

    monkeypatch.setattr(neo4j_load, "_publish", look_then_publish)
    staged_store.load(more)
    [during] = seen
    assert [u.id for u in during.bundle.units] == ["U1", "U2", "U3", "U4"]
    assert during.took_part.unit.tolist() == first.took_part.unit.tolist()
    assert len(read(staged_store, None, LAST_END).took_part) == len(small_bundle.participations) + 1


def test_a_failing_staged_load_removes_what_it_wrote(
    staged_store: Neo4jStore, small_bundle: Bundle
):
    """A staged load failing after some batches leaves no trace, not even hidden."""
    staged_store.load(Bundle(zones=small_bundle.zones[:1]))
    broken = Bundle(
        zones=small_bundle.zones,
        units=[dataclasses.replace(small_bundle.units[0], lat=object())],
    )
    with pytest.raises(ValueError, match="not supported"):
        staged_store.load(broken)
    assert staged_store.counts() == {**dict.fromkeys(TABLES, 0), "zones": 1}
    assert raw_count(staged_store, "MATCH (n:Zone) RETURN count(n)") == 1
    assert raw_count(staged_store, "MATCH (m:StoreInfo) RETURN size(m.hidden)") == 0
    assert len(staged_store.imports()) == 1


def test_a_dangling_participation_fails_the_staged_load(
    staged_store: Neo4jStore, small_bundle: Bundle
):
    """A participation of an unknown activity rolls back everything staged before it."""
    with pytest.raises(DanglingReference):
        staged_store.load(
            Bundle(units=small_bundle.units, participations=[Participation("A9", "U1")])
        )
    assert raw_count(staged_store, "MATCH (n:Unit) RETURN count(n)") == 0


def test_a_staged_load_updates_and_adds(staged_store: Neo4jStore, small_bundle: Bundle):
    """Changed records are replaced when the load publishes, new ones added."""
    staged_store.load(small_bundle)
    renamed = dataclasses.replace(small_bundle.units[1], name="区统计局（新）", zones=())
    new = Unit("U5", "新单位", "other", "S1")
    role = dataclasses.replace(small_bundle.participations[1], role="host")
    counts = staged_store.load(Bundle(units=[renamed, new], participations=[role]))
    assert counts["units"] == TableCounts(added=1, updated=1)
    assert counts["participations"] == TableCounts(updated=1)
    assert {u.id: u for u in staged_store.units()}["U2"] == renamed
    assert role in staged_store.participations()
    in_zone = "MATCH (:Unit {id: 'U2'})-[r:IN_ZONE]->() RETURN count(r)"
    assert raw_count(staged_store, in_zone) == 1


def claim(store: Neo4jStore, token: str, minutes_ago: int) -> None:
    """Pretend another process staged a load (one Unit) and was last seen minutes ago."""
    store.driver.execute_query(
        "MERGE (m:StoreInfo {id: 'store'}) ON CREATE SET m.epoch = 'e', m.version = 0,"
        " m.imports = 0 SET m.staging = $token, m.hidden = [$token],"
        " m.staging_at = datetime() - duration({minutes: $ago})"
        " CREATE (:Unit {id: 'ghost', name: 'ghost', kind: 'other', staged_by: $token})",
        token=token,
        ago=minutes_ago,
        database_=store.database,
    )


def test_a_running_staged_load_makes_others_wait(neo4j_store: Neo4jStore, small_bundle: Bundle):
    """While another load is staging, a load fails with StoreBusy and its ghost stays hidden."""
    claim(neo4j_store, "other", minutes_ago=1)
    assert neo4j_store.units() == []
    with pytest.raises(StoreBusy, match="still being written"):
        neo4j_store.load(Bundle(zones=small_bundle.zones))


def test_a_dead_staged_load_is_cleared_by_the_next(neo4j_store: Neo4jStore, small_bundle: Bundle):
    """A staged load silent for long is removed before the next load writes."""
    claim(neo4j_store, "dead", minutes_ago=neo4j_load.STALE_MINUTES + 1)
    neo4j_store.load(Bundle(zones=small_bundle.zones))
    assert raw_count(neo4j_store, "MATCH (n:Unit) RETURN count(n)") == 0
    assert neo4j_store.counts()["zones"] == len(small_bundle.zones)
