"""Static files under versioned URLs, cached by browsers until the file changes.

Every ``url_for('static', filename=…)`` gets ``?v=`` and a short hash of the file's
content, and a response to such a URL may be kept for a year: a page no longer asks
again for the 500 KB of vis-network it already has, and a new release (new content,
new hash) is fetched at once. Pages and API answers stay ``no-store`` (security.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request

#: A year: the longest lifetime browsers honour; ``immutable`` skips revalidation too.
LONG_CACHE = "public, max-age=31536000, immutable"


class Versions:
    """Short content hashes of the files under one static folder, cached by mtime."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).resolve()
        self.known: dict[str, tuple[float, str]] = {}

    def __call__(self, filename: str) -> str | None:
        path = (self.folder / filename).resolve()
        if not path.is_relative_to(self.folder):
            return None
        try:
            mtime = path.stat().st_mtime
        except OSError:  # a missing file: Flask answers 404 for it as before
            return None
        cached = self.known.get(filename)
        if cached is None or cached[0] != mtime:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            cached = self.known[filename] = (mtime, digest)
        return cached[1]


def init_app(app: Flask) -> None:
    """Version the static URLs of ``app`` and let browsers keep what such URLs answer."""
    versions = Versions(app.static_folder)

    @app.url_defaults
    def static_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values and "filename" in values:
            version = versions(values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def long_cache(response):
        # Only the current version is kept: an old ``?v=`` answered with new content
        # must not stick in a browser for a year.
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        wanted = request.args.get("v")
        if wanted and wanted == versions((request.view_args or {}).get("filename", "")):
            response.headers["Cache-Control"] = LONG_CACHE
        return response
