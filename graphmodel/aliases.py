"""Names a planner confirmed: which unit a name written in a ledger means.

An alias is remembered per street as the ledger gave it (``""``: any street),
so that next month's ledger resolves without asking again. An alias to no
unit (``unit == ""``) means "ignore this name" (e.g. 全体党员).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The ``unit`` of an alias that tells the loader to ignore the name.
IGNORED = ""


@dataclass(frozen=True, slots=True)
class Alias:
    """``name`` (as written, spaces tidied) in ``street`` (a zone id or "") means ``unit``."""

    name: str
    street: str
    unit: str

    @property
    def key(self) -> str:
        """What the alias is stored under: one alias per name and street."""
        return f"{self.street}\x1f{self.name}"

    @property
    def ignored(self) -> bool:
        return self.unit == IGNORED
