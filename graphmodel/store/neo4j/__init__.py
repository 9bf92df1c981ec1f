"""The Neo4j backend: the store (:mod:`.store`), how a load is written
(:mod:`.load`), records as node properties (:mod:`.codec`) and every Cypher
statement (:mod:`.cypher`)."""

from .store import Neo4jStore

__all__ = ["Neo4jStore"]
