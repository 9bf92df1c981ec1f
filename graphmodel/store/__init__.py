"""Where a district's records are kept: the store protocol and its two backends.

- :mod:`.protocol`: what every backend offers, its small result types, and
  :func:`open_store`, which picks a backend by the URL's scheme;
- :mod:`.sqlite`: the embedded SQLite file;
- :mod:`.neo4j`: Neo4j through the official driver (imported only when a
  ``bolt://`` or ``neo4j://`` URL is opened).
"""

from .protocol import (
    BACKENDS,
    DEFAULT_STORE_URL,
    Bundle,
    ImportLog,
    Store,
    TableCounts,
    open_store,
    read_bundle,
    redacted,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_STORE_URL",
    "Bundle",
    "ImportLog",
    "Store",
    "TableCounts",
    "open_store",
    "read_bundle",
    "redacted",
]
