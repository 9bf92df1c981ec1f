"""Every Cypher statement the Neo4j store runs, in one place.

Values always travel as parameters (``$rows``, ``$ids`` …). Labels and
relationship types cannot be parameters, so the statements that need one are
built here, once, at import time, from the fixed allow-lists below, never
from input. The graph follows DESIGN.md: record fields are node properties
(the record of truth, so that reads return exactly what was loaded) and every
reference is also a relationship, for graph queries.

Large loads are staged (see :mod:`graphmodel.store.neo4j.load`): what they create
carries ``staged_by: <load token>`` and stays hidden from every read below
while that token is listed in ``StoreInfo.hidden``. Cypher written elsewhere
against the same graph should apply the same filter (:data:`VISIBLE`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...records import RECORD_TYPES, Role
from ...took_part import ROLE_CODES
from ..shared import Kind, field_kinds

#: Node label of each table; participations are ``TOOK_PART`` relationships.
LABELS: dict[str, str] = {
    "zones": "Zone",
    "units": "Unit",
    "party_orgs": "PartyOrg",
    "members": "Member",
    "agreements": "Agreement",
    "activities": "Activity",
}
RESOURCE = "Resource"
#: Bookkeeping nodes, outside the domain: the content version and the import log.
STORE_INFO = "StoreInfo"
IMPORT_LOG = "ImportLog"
#: Planners' decisions on suggestions: ``(:Decision)-[:ABOUT]->(:Unit)`` for both units.
DECISION = "Decision"
ABOUT = "ABOUT"
#: Names planners confirmed in ledgers (graphmodel.aliases), ``-[:ALIAS_OF]->(:Unit)``.
ALIAS = "Alias"
ALIAS_OF = "ALIAS_OF"

#: The filter every read applies to a node ``n``: not written by a hidden (staged) load.
VISIBLE = "(n.staged_by IS NULL OR NOT n.staged_by IN $hidden)"

#: Who takes part in an activity, most specific first: (Participation field, label).
PARTICIPANTS: tuple[tuple[str, str], ...] = (
    ("member", "Member"),
    ("party_org", "PartyOrg"),
    ("unit", "Unit"),
)


@dataclass(frozen=True)
class Link:
    """References of one table turned into relationships of one type.

    ``fields`` of a record name the targets; ``incoming`` reverses the arrow
    (an agreement lists its units, but the edge is ``(Unit)-[:PARTY_TO]->``).
    """

    table: str
    fields: tuple[str, ...]
    type: str
    target: str
    incoming: bool = False

    @property
    def query(self) -> str:
        """Create the relationships for ``$rows`` of ``{id, targets}``.

        Only records that own none of them yet (new ones, or changed ones
        after :data:`UNLINK`) are passed, so CREATE cannot duplicate an edge.
        """
        source = LABELS[self.table]
        if self.target == RESOURCE:
            find = (
                f"MERGE (t:{RESOURCE} {{id: target}}) "
                "ON CREATE SET t.name = target, t.staged_by = $staged"
            )
        else:
            find = f"MATCH (t:{self.target} {{id: target}})"
        arrow = f"(t)-[:{self.type}]->(s)" if self.incoming else f"(s)-[:{self.type}]->(t)"
        return (
            f"UNWIND $rows AS row MATCH (s:{source} {{id: row.id}}) "
            f"UNWIND row.targets AS target {find} CREATE {arrow}"
        )


LINKS: tuple[Link, ...] = (
    Link("units", ("street", "zones"), "IN_ZONE", "Zone"),
    Link("units", ("offers",), "OFFERS", RESOURCE),
    Link("units", ("needs",), "NEEDS", RESOURCE),
    Link("party_orgs", ("units",), "IN_UNIT", "Unit"),
    Link("party_orgs", ("parent",), "UNDER", "PartyOrg"),
    Link("members", ("party_org",), "MEMBER_OF", "PartyOrg"),
    Link("members", ("registered_at",), "REGISTERED_AT", "Unit"),
    Link("agreements", ("units",), "PARTY_TO", "Unit", incoming=True),
    Link("activities", ("agreement",), "UNDER_AGREEMENT", "Agreement"),
)
TOOK_PART = "TOOK_PART"


def _unlink(table: str) -> str:
    """Delete the relationships a table's records own, before they are rebuilt."""
    links = [link for link in LINKS if link.table == table]
    outgoing = "|".join(link.type for link in links if not link.incoming)
    incoming = "|".join(link.type for link in links if link.incoming)
    if outgoing and incoming:
        raise ValueError(f"links of {table} must all point the same way")
    arrow = f"<-[r:{incoming}]-()" if incoming else f"-[r:{outgoing}]->()"
    return f"UNWIND $ids AS id MATCH (s:{LABELS[table]} {{id: id}}){arrow} DELETE r"


# -- schema (created once per store, before the first load) -------------------

SCHEMA: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in (*LABELS.values(), RESOURCE, STORE_INFO)
    ),
    f"CREATE CONSTRAINT took_part_key IF NOT EXISTS "
    f"FOR ()-[r:{TOOK_PART}]-() REQUIRE r.key IS UNIQUE",
    f"CREATE CONSTRAINT importlog_n IF NOT EXISTS FOR (i:{IMPORT_LOG}) REQUIRE i.n IS UNIQUE",
    f"CREATE CONSTRAINT decision_n IF NOT EXISTS FOR (d:{DECISION}) REQUIRE d.n IS UNIQUE",
    "CREATE CONSTRAINT listing_id IF NOT EXISTS FOR (l:Listing) REQUIRE l.id IS UNIQUE",
    f"CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (a:{ALIAS}) REQUIRE a.key IS UNIQUE",
    "CREATE INDEX activity_date IF NOT EXISTS FOR (a:Activity) ON (a.date)",
)
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

# -- writing -------------------------------------------------------------------

#: Takes the store's write lock (loads run one at a time), creates the
#: bookkeeping node on the first load, and says whether a staged load is running.
LOCK_STORE = (
    f"MERGE (m:{STORE_INFO} {{id: 'store'}}) "
    "ON CREATE SET m.epoch = $epoch, m.version = 0, m.imports = 0, m.hidden = [] "
    "SET m.loading_since = datetime() RETURN m.staging"
)
FINISH_LOAD = (
    f"MATCH (m:{STORE_INFO} {{id: 'store'}}) "
    "SET m.version = m.version + $bump, m.imports = m.imports + 1 "
    "REMOVE m.loading_since "
    f"CREATE (:{IMPORT_LOG} {{n: m.imports, at: $at, source: $source, "
    "counts: $counts, warnings: $warnings})"
)
#: New records: the load has just read that their ids do not exist.
CREATE_NODES: dict[str, str] = {
    table: f"UNWIND $rows AS row CREATE (n:{label}) SET n = row.props"
    for table, label in LABELS.items()
}
#: Changed records: every property replaced.
UPSERT_NODES: dict[str, str] = {
    table: f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"
    for table, label in LABELS.items()
}
#: Tables whose records own relationships (zones own none).
UNLINK: dict[str, str] = {t: _unlink(t) for t in dict.fromkeys(link.table for link in LINKS)}
#: New participations: the participant's TOOK_PART edge to the activity, keyed
#: by Participation.id. Returns how many rows found both ends.
CREATE_TOOK_PART: dict[str, str] = {
    label: (
        "UNWIND $rows AS row MATCH (a:Activity {id: row.activity}) "
        f"MATCH (s:{label} {{id: row.source}}) "
        f"CREATE (s)-[:{TOOK_PART} {{key: row.key, role: row.role, unit: row.unit, "
        "party_org: row.party_org, member: row.member, staged_by: $staged}]->(a) "
        "RETURN count(*)"
    )
    for _, label in PARTICIPANTS
}
#: Changed participations: only the role can change (the key holds the rest).
UPDATE_TOOK_PART = (
    f"UNWIND $rows AS row MATCH ()-[r:{TOOK_PART} {{key: row.key}}]->() SET r.role = row.role"
)
#: The keys of ``$rows`` whose activity or participant does not exist.
DANGLING_TOOK_PART: dict[str, str] = {
    label: (
        "UNWIND $rows AS row OPTIONAL MATCH (a:Activity {id: row.activity}) "
        f"OPTIONAL MATCH (s:{label} {{id: row.source}}) "
        "WITH row, a, s WHERE a IS NULL OR s IS NULL RETURN row.key LIMIT 5"
    )
    for _, label in PARTICIPANTS
}

# -- confirmed names -------------------------------------------------------------

#: Keep ``$rows`` of {key, name, street, unit}; the edge to the unit is rebuilt.
REMEMBER_ALIASES = (
    f"UNWIND $rows AS row MERGE (a:{ALIAS} {{key: row.key}}) "
    "SET a.name = row.name, a.street = row.street, a.unit = row.unit "
    f"WITH a, row OPTIONAL MATCH (a)-[old:{ALIAS_OF}]->() DELETE old "
    "WITH DISTINCT a, row OPTIONAL MATCH (u:Unit {id: row.unit}) "
    f"FOREACH (_ IN CASE WHEN u IS NULL THEN [] ELSE [1] END | CREATE (a)-[:{ALIAS_OF}]->(u))"
)
ALL_ALIASES = f"MATCH (a:{ALIAS}) RETURN a.name, a.street, a.unit ORDER BY a.street, a.name"

# -- decisions on suggestions ---------------------------------------------------

#: Those of ``$ids`` that are no (visible) unit.
MISSING_UNITS = (
    "UNWIND $ids AS id OPTIONAL MATCH (n:Unit {id: id}) "
    f"WITH id, n WHERE n IS NULL OR NOT {VISIBLE} RETURN id"
)
#: Numbered under the store's lock, so that decisions keep the order they were made in.
RECORD_DECISION = (
    "MATCH (a:Unit {id: $unit}), (b:Unit {id: $partner}) "
    f"MERGE (m:{STORE_INFO} {{id: 'store'}}) "
    "ON CREATE SET m.epoch = $epoch, m.version = 0, m.imports = 0, m.hidden = [] "
    "SET m.decisions = coalesce(m.decisions, 0) + 1 "
    f"CREATE (d:{DECISION} {{n: m.decisions, unit: $unit, partner: $partner, "
    "decision: $decision, at: $at, by_user: $by, note: $note, owner: $owner, due: $due}) "
    f"CREATE (d)-[:{ABOUT}]->(a), (d)-[:{ABOUT}]->(b)"
)
_DECISION = "d.unit, d.partner, d.decision, d.at, d.by_user, d.note, d.owner, d.due"
ALL_DECISIONS = f"MATCH (d:{DECISION}) RETURN {_DECISION} ORDER BY d.n"
DECISIONS_OF_UNIT = (
    f"MATCH (:Unit {{id: $unit}})<-[:{ABOUT}]-(d:{DECISION}) RETURN {_DECISION} ORDER BY d.n"
)

LISTING = "Listing"
SAVE_LISTING = (
    "MATCH (u:Unit {id: $unit}) "
    f"MERGE (l:{LISTING} {{id: $id}}) "
    "SET l.unit = $unit, l.side = $side, l.what = $what, l.detail = $detail, "
    "l.posted = $posted, l.status = $status, l.claimed_by = $claimed_by, "
    "l.claimed_at = $claimed_at, l.partner = $partner "
    "RETURN l.id"
)
_LISTING = (
    "l.id, l.unit, l.side, l.what, l.detail, l.posted, l.status, l.claimed_by, "
    "l.claimed_at, l.partner"
)
ALL_LISTINGS = f"MATCH (l:{LISTING}) RETURN {_LISTING} ORDER BY l.id"
LISTINGS_OF_UNIT = f"MATCH (l:{LISTING} {{unit: $unit}}) RETURN {_LISTING} ORDER BY l.id"

# -- staged loads ----------------------------------------------------------------

#: The staged load in progress, when its last batch was written, and whether
#: that is so long ago that the load must have died.
STAGING_STATE = (
    f"OPTIONAL MATCH (m:{STORE_INFO} {{id: 'store'}}) "
    "RETURN m.staging, toString(m.staging_at), "
    "m.staging_at < datetime() - duration({minutes: $stale_minutes})"
)
#: Registers load ``$staged`` (hidden from reads from now on); 0 rows if another
#: staged load holds the store.
CLAIM_STAGING = (
    f"MERGE (m:{STORE_INFO} {{id: 'store'}}) "
    "ON CREATE SET m.epoch = $epoch, m.version = 0, m.imports = 0, m.hidden = [] "
    "WITH m WHERE m.staging IS NULL "
    "SET m.staging = $staged, m.staging_at = datetime(), "
    "m.hidden = coalesce(m.hidden, []) + $staged RETURN count(m)"
)
#: Run in every staged batch: proves the load still owns the store (0 rows if not).
HEARTBEAT = (
    f"MATCH (m:{STORE_INFO} {{id: 'store'}}) WHERE m.staging = $staged "
    "SET m.staging_at = datetime() RETURN count(m)"
)
#: The commit point of a staged load: its records become visible at once.
PUBLISH = (
    f"MATCH (m:{STORE_INFO} {{id: 'store'}}) WHERE m.staging = $staged "
    "SET m.staging = null, m.hidden = [h IN m.hidden WHERE h <> $staged] "
    "RETURN count(m)"
)
ABANDON = (
    f"MATCH (m:{STORE_INFO} {{id: 'store'}}) "
    "SET m.hidden = [h IN coalesce(m.hidden, []) WHERE h <> $staged], "
    "m.staging = CASE WHEN m.staging = $staged THEN null ELSE m.staging END"
)
#: Removal of a failed staged load, in auto-commit batches (never visible anyway).
DELETE_STAGED: tuple[str, ...] = (
    f"MATCH ()-[r:{TOOK_PART}]->() WHERE r.staged_by = $staged "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    *(
        f"MATCH (n:{label}) WHERE n.staged_by = $staged "
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        for label in (*LABELS.values(), RESOURCE)
    ),
)

# -- reading -------------------------------------------------------------------

#: Loads whose records reads must not see yet (usually none).
HIDDEN = f"OPTIONAL MATCH (m:{STORE_INFO} {{id: 'store'}}) RETURN coalesce(m.hidden, [])"
_VISIBLE_R = VISIBLE.replace("n.", "r.")
_PARTICIPATION = "a.id, r.unit, r.party_org, r.member, r.role"

#: Counts from the count store (constant time), when nothing is hidden.
COUNT: dict[str, str] = {
    **{table: f"MATCH (n:{label}) RETURN count(n)" for table, label in LABELS.items()},
    "participations": f"MATCH ()-[r:{TOOK_PART}]->() RETURN count(r)",
}
COUNT_VISIBLE: dict[str, str] = {
    **{
        table: f"MATCH (n:{label}) WHERE {VISIBLE} RETURN count(n)"
        for table, label in LABELS.items()
    },
    "participations": f"MATCH ()-[r:{TOOK_PART}]->() WHERE {_VISIBLE_R} RETURN count(r)",
}
#: Stored versions of ``$ids`` (a load compares them with the new records).
EXISTING: dict[str, str] = {
    **{
        table: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN properties(n)"
        for table, label in LABELS.items()
    },
    "participations": (
        f"UNWIND $ids AS id MATCH ()-[r:{TOOK_PART} {{key: id}}]->(a:Activity) "
        f"RETURN {_PARTICIPATION}"
    ),
}
KNOWN_IDS: dict[str, str] = {
    **{
        table: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) WHERE {VISIBLE} RETURN n.id"
        for table, label in LABELS.items()
    },
    "participations": (
        f"UNWIND $ids AS id MATCH ()-[r:{TOOK_PART} {{key: id}}]->() WHERE {_VISIBLE_R} "
        "RETURN r.key"
    ),
}


def _field(name: str, kind: Kind) -> str:
    """A node property as a read returns it: dates as ISO text (``toString``), which Python
    parses faster than the driver builds its own date objects."""
    return f"toString(n.{name})" if kind is Kind.DATE else f"n.{name}"


#: Each record of a table as a list of its fields, in field order (names from the
#: record dataclasses, never from input).
_ROW: dict[str, str] = {
    table: "["
    + ", ".join(_field(name, kind) for name, kind in field_kinds(RECORD_TYPES[table]).items())
    + "]"
    for table in LABELS
}


@dataclass(frozen=True)
class Read:
    """A reading statement, with the visibility filter and without it: when no staged load
    is hidden (nearly always) the filter only costs a property read per node or edge."""

    filtered: str
    unfiltered: str

    def given(self, hidden: list[str]) -> str:
        """The statement for the loads ``hidden`` now."""
        return self.filtered if hidden else self.unfiltered


def _both(match: str, where: str, visible: str, tail: str) -> Read:
    """``match`` ``WHERE`` (``where`` and) ``visible`` ``tail``, and the same without ``visible``."""
    both = f"{where} AND {visible}" if where else visible
    return Read(
        f"{match} WHERE {both} {tail}", f"{match} {'WHERE ' + where if where else ''} {tail}"
    )


# Whole tables come back as ONE record holding one list (or one list per column): the
# driver decodes a record at a time, in Python, and one record per node cost several
# times the server's own work (bench/RESULTS.md, "Neo4j snapshot read").
#: Every record of a table, as one list of field lists.
ALL_ROWS: dict[str, Read] = {
    table: _both(f"MATCH (n:{label})", "", VISIBLE, f"RETURN collect({_ROW[table]})")
    for table, label in LABELS.items()
}
#: The activities dated ``$start`` to ``$end``, as one list of field lists.
ACTIVITY_ROWS_BETWEEN = _both(
    "MATCH (n:Activity)",
    "n.date >= $start AND n.date <= $end",
    VISIBLE,
    f"RETURN collect({_ROW['activities']})",
)
#: The date of the latest activity on or before ``$end`` (the store's data date).
LAST_ACTIVITY = f"MATCH (n:Activity) WHERE n.date <= $end AND {VISIBLE} RETURN max(n.date)"
_PARTICIPATION_ROW = "collect([a.id, r.unit, r.party_org, r.member, r.role])"
ALL_PARTICIPATIONS = _both(
    f"MATCH ()-[r:{TOOK_PART}]->(a:Activity)", "", _VISIBLE_R, f"RETURN {_PARTICIPATION_ROW}"
)
PARTICIPATIONS_BETWEEN = _both(
    f"MATCH (a:Activity) WHERE a.date >= $start AND a.date <= $end MATCH ()-[r:{TOOK_PART}]->(a)",
    "",
    _VISIBLE_R,
    f"RETURN {_PARTICIPATION_ROW}",
)
_ROLE_CODE = (
    "CASE r.role "
    + " ".join(f"WHEN '{name}' THEN {code}" for name, code in ROLE_CODES.items())
    + f" ELSE {ROLE_CODES[Role.GUEST.value]} END"
)
#: The participations in activities up to ``$end`` as five aligned lists: the activity's
#: id, the unit's, party organisation's and member's ('' when none is named) and the
#: role's code (graphmodel.took_part) — what the snapshot's columns are made of.
PARTICIPATION_COLUMNS = _both(
    f"MATCH (a:Activity) WHERE a.date <= $end MATCH ()-[r:{TOOK_PART}]->(a)",
    "",
    _VISIBLE_R,
    "RETURN collect(a.id), collect(coalesce(r.unit, '')), collect(coalesce(r.party_org, '')), "
    f"collect(coalesce(r.member, '')), collect({_ROLE_CODE})",
)
VERSION = f"OPTIONAL MATCH (m:{STORE_INFO} {{id: 'store'}}) RETURN m.epoch, m.version"
IMPORTS = (
    f"MATCH (i:{IMPORT_LOG}) RETURN i.at, i.source, i.counts, i.warnings "
    "ORDER BY i.n DESC LIMIT $limit"
)
PING = "RETURN 1"
