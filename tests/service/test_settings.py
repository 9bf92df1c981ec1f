"""Settings: declared once, read from COBUILD_* variables, all documented."""

from __future__ import annotations

from pathlib import Path

from service.settings import Settings, documented

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme():
    """Each COBUILD_* variable appears in the README's settings table."""
    text = README.read_text(encoding="utf-8")
    assert [name for name in documented() if f"`{name}`" not in text] == []


def test_settings_are_read_from_the_environment():
    """COBUILD_STORE and COBUILD_MAX_UPLOAD_MB override the defaults, typed."""
    settings = Settings.from_env({"COBUILD_STORE": "sqlite:///x.db", "COBUILD_MAX_UPLOAD_MB": "8"})
    assert (settings.store, settings.max_upload_mb) == ("sqlite:///x.db", 8)
