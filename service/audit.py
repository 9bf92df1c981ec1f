"""The audit log: what is kept of each action, and how a view records one.

The log lives in the accounts file (:meth:`service.accounts.Accounts.record`);
its fields are cut to the lengths below, so that no request can grow it without
bound. ``detail`` names records by id, never by a person's name, phone or ID number.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, request

#: The longest user name and client address kept in an entry.
USER_MAX = 64
REMOTE_MAX = 64
#: The longest detail kept in an entry.
DETAIL_MAX = 500
#: The longest request line (method, path, arguments) an audited export or decision keeps.
REQUEST_MAX = 300
#: The longest reason for revealing a member's numbers that is kept.
REASON_MAX = 300
#: Entries the audit page shows, newest first.
PAGE_ENTRIES = 500


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: who did what, when, from where."""

    at: str
    user: str
    action: str
    detail: str
    remote: str


def audit(action: str, detail: str = "", user: str | None = None) -> None:
    """Record ``action`` by the signed-in user (or ``user``) from the request's address.

    Views call this for imports, exports, suggestion decisions and the like;
    ``detail`` names records by id, never by a person's name, phone or ID number.
    """
    who = user or (g.user.name if g.get("user") else "-")
    current_app.extensions["cobuild.accounts"].record(
        who, action, detail, request.remote_addr or ""
    )
