"""English of the domain's error messages (graphmodel and service), keyed by the Chinese."""

from __future__ import annotations

EN: dict[str, str] = {}
