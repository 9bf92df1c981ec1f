"""The service's settings: one frozen dataclass read from ``COBUILD_*`` variables.

Each setting is declared once, with its default and help text; the README's
table of settings is checked against this list by a test, and another test fails
when a module reads a ``COBUILD_*`` name that is not declared here. (The Neo4j
store itself reads ``NEO4J_USER`` and ``NEO4J_PASSWORD`` when its URL carries no
credentials: they belong to the store URL, see the README.)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields

from graphmodel.store import DEFAULT_STORE_URL


def _setting(default, help_text: str, parse=None):
    """A setting's default and help; ``parse`` reads its environment string (default:
    the default's type)."""
    return field(default=default, metadata={"help": help_text, "parse": parse})


@dataclass(frozen=True)
class Settings:
    """Settings of one app; build with :meth:`from_env` or directly in tests."""

    store: str = _setting(
        DEFAULT_STORE_URL, "Store URL: sqlite:///path.db or bolt://user:pass@host:7687"
    )
    secret_key: str = _setting(
        "", "Key that signs session cookies; when empty, one is made and kept in the accounts file"
    )
    language: str = _setting("zh", "Default interface language: zh or en")
    max_upload_mb: int = _setting(64, "Largest upload the import page accepts, in MB")
    accounts: str = _setting(
        "var/accounts.db", "SQLite file of user accounts, sessions and the audit log"
    )
    session_hours: int = _setting(8, "Hours a sign-in lasts before the user must sign in again")
    secure_cookies: bool = _setting(
        False, "Mark cookies Secure even when the request looks like plain HTTP (behind a proxy)"
    )
    proxy_hops: int = _setting(
        0, "Reverse proxies in front of the service whose X-Forwarded-For/-Proto to trust"
    )
    login_failures: int = _setting(5, "Failed sign-ins in a row that lock an account")
    lockout_minutes: int = _setting(15, "Minutes an account stays locked after too many failures")
    rules: str = _setting(
        "var/rules.toml",
        "TOML file of the assessment rules; the shipped rules apply until the admin page saves it",
    )
    background: bool = _setting(
        False,
        "Compute the default window's analysis in the background after each load"
        " (on in `cobuild serve` and gunicorn unless set to 0)",
    )
    results: str = _setting(
        "", "File where workers share computed results (default: beside the store file)"
    )
    wait_seconds: float = _setting(
        2.0, "Seconds a page waits for a computation before it shows its progress instead"
    )
    node_budget: int = _setting(
        1500, "Above this many units the network view shows streets as nodes, with drill-down"
    )
    today: dt.date | None = _setting(
        None,
        "The service's today (YYYY-MM-DD), for replays and demos; empty: the real date",
        parse=lambda raw: dt.date.fromisoformat(raw) if raw.strip() else None,
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read ``COBUILD_<NAME>`` for every setting, keeping defaults for the rest."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"COBUILD_{f.name.upper()}")
            if raw is not None:
                parse = f.metadata["parse"]
                values[f.name] = parse(raw) if parse else _parse(type(f.default), raw)
        values.setdefault("background", True)  # a served app computes ahead; tests opt in
        return cls(**values)


def _parse(kind: type, raw: str):
    """An environment string as the setting's type (``1/true/yes/on`` for booleans)."""
    if kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return kind(raw)


def documented() -> dict[str, str]:
    """Every setting's environment variable and its help text."""
    return {f"COBUILD_{f.name.upper()}": f.metadata["help"] for f in fields(Settings)}
