"""The service's settings: one frozen dataclass read from ``COBUILD_*`` variables.

Each setting is declared once, with its default and help text; the README's
table of settings is checked against this list by a test.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields

from graphmodel.store import DEFAULT_STORE_URL


def _setting(default, help_text: str):
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    """Settings of one app; build with :meth:`from_env` or directly in tests."""

    store: str = _setting(
        DEFAULT_STORE_URL, "Store URL: sqlite:///path.db or bolt://user:pass@host:7687"
    )
    secret_key: str = _setting("", "Key that signs session cookies; random per start when empty")
    language: str = _setting("zh", "Default interface language: zh or en")
    max_upload_mb: int = _setting(64, "Largest upload the import page accepts, in MB")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read ``COBUILD_<NAME>`` for every setting, keeping defaults for the rest."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"COBUILD_{f.name.upper()}")
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        return cls(**values)

    def signing_key(self) -> str:
        return self.secret_key or secrets.token_hex(32)


def documented() -> dict[str, str]:
    """Every setting's environment variable and its help text."""
    return {f"COBUILD_{f.name.upper()}": f.metadata["help"] for f in fields(Settings)}
