"""Uploads kept between two requests of the import page.

A ledger whose names need the planner's decision is kept here under a random
token until the planner confirms (the confirmation reads the same files
again), and so is any rejected upload's report, for its download as a
workbook. Entries older than :data:`KEEP_HOURS` are removed on the next save.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path

#: How long an upload waits for its confirmation.
KEEP_HOURS = 24
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class PendingImports:
    """A folder of waiting uploads, one sub-folder per token."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, files: list[tuple[str, bytes]], report: dict) -> str:
        """Keep ``files`` (name, bytes) and the report's dict; return the token."""
        self._forget_old()
        token = secrets.token_hex(16)
        folder = self.root / token
        folder.mkdir(parents=True)
        for index, (_, data) in enumerate(files):
            (folder / f"{index}.upload").write_bytes(data)
        meta = {"names": [name for name, _ in files], "report": report}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return token

    def files(self, token: str) -> list[tuple[str, bytes]] | None:
        """The files kept under ``token``, or None when there is no such upload."""
        meta = self._meta(token)
        if meta is None:
            return None
        folder = self.root / token
        return [(n, (folder / f"{i}.upload").read_bytes()) for i, n in enumerate(meta["names"])]

    def report(self, token: str) -> dict | None:
        meta = self._meta(token)
        return None if meta is None else meta["report"]

    def drop(self, token: str) -> None:
        if _TOKEN.match(token or ""):
            shutil.rmtree(self.root / token, ignore_errors=True)

    def _meta(self, token: str) -> dict | None:
        if not _TOKEN.match(token or ""):
            return None
        path = self.root / token / "meta.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _forget_old(self) -> None:
        if not self.root.is_dir():
            return
        limit = time.time() - KEEP_HOURS * 3600
        for folder in self.root.iterdir():
            if _TOKEN.match(folder.name) and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
