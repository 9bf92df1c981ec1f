"""What only the Neo4j store does: schema, relationships, credentials, its errors."""

from __future__ import annotations

import dataclasses
import socket
from urllib.parse import unquote, urlsplit

import pytest

from graphmodel.errors import DanglingReference, StoreUnavailable, StoreURLError
from graphmodel.records import TABLES, Activity, Participation, Unit, Zone
from graphmodel.store import Bundle, open_store
from graphmodel.store.neo4j import Neo4jStore


def graph(store: Neo4jStore, query: str, **params) -> list[list]:
    """Run a read-only Cypher check through the store's own driver."""
    records, _, _ = store.driver.execute_query(query, params, database_=store.database)
    return [list(r.values()) for r in records]


def relationship_counts(store: Neo4jStore) -> dict[str, int]:
    rows = graph(store, "MATCH ()-[r]->() RETURN type(r), count(*)")
    return dict((t, n) for t, n in rows)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_bolt_urls_open_the_neo4j_store():
    """open_store picks Neo4jStore for bolt:// without connecting."""
    store = open_store(f"bolt://neo4j:secret@127.0.0.1:{closed_port()}?database=cobuild")
    try:
        assert isinstance(store, Neo4jStore)
        assert (store.uri, store.user, store.database)[1:] == ("neo4j", "cobuild")
        assert "secret" not in store.uri
    finally:
        store.close()


@pytest.mark.parametrize(
    "url",
    [
        "bolt://neo4j:pw@127.0.0.1:notaport",
        "bolt://neo4j:pw@127.0.0.1:7687?db=neo4j",
        "bolt://neo4j:pw@127.0.0.1:7687/neo4j",
        "bolt://",
    ],
)
def test_a_malformed_url_is_a_store_url_error(url: str):
    """A malformed Neo4j URL fails with StoreURLError saying how to write it."""
    with pytest.raises(StoreURLError, match="bolt://user:password@host:7687"):
        Neo4jStore(url)


def test_an_unreachable_server_is_unavailable_with_where_and_what(monkeypatch):
    """Nothing listening: ping raises StoreUnavailable naming the address, at once."""
    store = Neo4jStore(f"bolt://neo4j:pw@127.0.0.1:{closed_port()}")
    try:
        with pytest.raises(StoreUnavailable, match="cannot reach Neo4j at bolt://127.0.0.1"):
            store.ping()
    finally:
        store.close()


def test_constraints_exist_after_the_first_load(neo4j_store: Neo4jStore):
    """The first load creates a uniqueness constraint per label and on TOOK_PART keys."""
    neo4j_store.load(Bundle())
    rows = graph(neo4j_store, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {(labels[0], props[0]) for labels, props, kind in rows if "UNIQUENESS" in kind}
    expected = {(label, "id") for label in ("Zone", "Unit", "PartyOrg", "Member", "Activity")}
    assert unique >= expected | {("Agreement", "id"), ("Resource", "id"), ("TOOK_PART", "key")}


def test_the_loaded_graph_has_the_relationships(neo4j_store: Neo4jStore, small_bundle: Bundle):
    """References become the design's relationships, participations TOOK_PART edges."""
    neo4j_store.load(small_bundle)
    assert relationship_counts(neo4j_store) == {
        "IN_ZONE": 6,  # streets and zones
        "OFFERS": 3,
        "NEEDS": 2,
        "IN_UNIT": 4,
        "UNDER": 1,
        "MEMBER_OF": 2,
        "REGISTERED_AT": 1,
        "PARTY_TO": 2,
        "UNDER_AGREEMENT": 1,
        "TOOK_PART": 5,
    }
    took_part = graph(
        neo4j_store,
        "MATCH (s)-[r:TOOK_PART]->(a:Activity) RETURN labels(s)[0], s.id, r.role, a.id"
        " ORDER BY r.key",
    )
    assert ["Member", "M1", "guest", "A1"] in took_part
    assert ["PartyOrg", "P2", "guest", "A2"] in took_part
    assert ["Unit", "U1", "host", "A1"] in took_part


def test_an_updated_record_gets_its_relationships_rebuilt(
    neo4j_store: Neo4jStore, small_bundle: Bundle
):
    """A unit that moves street and leaves its zone has only the new IN_ZONE edge."""
    neo4j_store.load(small_bundle)
    moved = dataclasses.replace(small_bundle.units[1], street="S2", zones=(), needs=())
    neo4j_store.load(Bundle(units=[moved]))
    rows = graph(
        neo4j_store, "MATCH (:Unit {id: 'U2'})-[r:IN_ZONE|OFFERS|NEEDS]->(t) RETURN type(r), t.id"
    )
    assert sorted(rows) == [["IN_ZONE", "S2"]]
    assert graph(neo4j_store, "MATCH (:PartyOrg)-[r:IN_UNIT]->(:Unit {id: 'U2'}) RETURN count(r)")
    assert neo4j_store.units()[1] == moved


def test_an_injection_attempt_is_stored_as_text(neo4j_store: Neo4jStore, small_bundle: Bundle):
    """A title like x'}) DETACH DELETE n // deletes nothing: values are parameters."""
    neo4j_store.load(small_bundle)
    nodes = "MATCH (n) WHERE NOT n:ImportLog RETURN count(n)"
    before = graph(neo4j_store, nodes)
    evil = "x'}) DETACH DELETE n //"
    neo4j_store.load(
        Bundle(activities=[Activity(evil, evil, "other", small_bundle.activities[0].date)])
    )
    assert graph(neo4j_store, nodes)[0][0] == before[0][0] + 1
    assert neo4j_store.counts() == {**small_bundle.sizes(), "activities": 3}


def test_a_participation_of_a_missing_activity_writes_nothing(
    neo4j_store: Neo4jStore, small_bundle: Bundle
):
    """A participation whose activity exists nowhere fails the whole load."""
    with pytest.raises(DanglingReference, match="A9"):
        neo4j_store.load(
            Bundle(
                zones=small_bundle.zones,
                units=small_bundle.units,
                participations=[Participation("A9", "U1")],
            )
        )
    assert neo4j_store.counts() == dict.fromkeys(TABLES, 0)
    assert neo4j_store.imports() == []


def test_a_url_without_password_uses_neo4j_password(neo4j_server, monkeypatch):
    """bolt://host:port with NEO4J_PASSWORD (and NEO4J_USER) in the environment logs in."""
    parts = urlsplit(neo4j_server.store_url)
    if parts.password is not None:
        monkeypatch.setenv("NEO4J_USER", unquote(parts.username))
        monkeypatch.setenv("NEO4J_PASSWORD", unquote(parts.password))
    store = Neo4jStore(neo4j_server.uri)
    try:
        store.ping()
        assert store.counts().keys() == set(TABLES)
    finally:
        store.close()


def test_a_refused_login_names_the_variables_to_check(neo4j_server, monkeypatch):
    """Wrong credentials: StoreUnavailable saying to check NEO4J_USER / NEO4J_PASSWORD."""
    # An unknown user, so that the real user is not locked out by failed attempts.
    monkeypatch.setenv("NEO4J_USER", "cobuild_nobody")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    store = Neo4jStore(neo4j_server.uri)
    try:
        with pytest.raises(StoreUnavailable, match="NEO4J_USER / NEO4J_PASSWORD"):
            store.ping()
    finally:
        store.close()


def test_the_database_is_named_by_the_url(neo4j_server):
    """?database=name picks the database; one that does not exist is unavailable."""
    store = Neo4jStore(f"{neo4j_server.store_url}?database=nosuchdb")
    try:
        assert store.database == "nosuchdb"
        with pytest.raises(StoreUnavailable, match=r"\?database="):
            store.counts()
    finally:
        store.close()


def test_reads_return_plain_records(neo4j_store: Neo4jStore):
    """Dates, tuples and None come back as Python values, not driver types."""
    neo4j_store.load(Bundle(zones=[Zone("S1", "街道", "street")]))
    unit = Unit("U1", "单位", "other", "S1", zones=("S1",), offers=("场地", "场地2"))
    neo4j_store.load(Bundle(units=[unit]))
    [stored] = neo4j_store.units()
    assert stored == unit and type(stored.zones) is tuple and stored.lat is None
    [log, _] = neo4j_store.imports()
    assert type(log.at).__module__ == "datetime"
