"""The WSGI entry point for gunicorn: ``gunicorn service.wsgi:app``.

Settings come from ``COBUILD_*`` variables. Each gunicorn worker imports this
module after forking and so builds its own app and Neo4j driver (a driver must
not be shared across processes): do not run gunicorn with ``--preload``.
"""

from __future__ import annotations

from . import create_app

app = create_app()
