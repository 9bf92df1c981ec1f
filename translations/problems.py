"""English of the problems a load reports (loaders), keyed by the Chinese."""

from __future__ import annotations

EN: dict[str, str] = {}
