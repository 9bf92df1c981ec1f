"""Settings: declared once, read from COBUILD_* variables, all documented."""

from __future__ import annotations

import datetime as dt
import re
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


def test_no_module_reads_an_undeclared_setting():
    """Every COBUILD_* name in the product's code, templates and benchmarks is a declared setting."""
    root = README.parent
    declared = set(documented())
    found = {
        (name, str(path.relative_to(root)))
        for folder in ("service", "graphmodel", "loaders", "visualizations", "bench", "tools")
        for path in (root / folder).rglob("*")
        if path.suffix in (".py", ".html", ".js", ".toml") and "vendor" not in path.parts
        for name in re.findall(r"COBUILD_[A-Z0-9_]*[A-Z0-9]", path.read_text(encoding="utf-8"))
    }
    assert sorted((name, where) for name, where in found if name not in declared) == []


def test_a_replayed_today_is_read_from_the_environment():
    """COBUILD_TODAY is read as a date."""
    assert Settings.from_env({"COBUILD_TODAY": "2026-07-31"}).today == dt.date(2026, 7, 31)


def test_an_empty_today_means_the_real_date():
    """An empty COBUILD_TODAY leaves the service on the real date."""
    assert Settings.from_env({"COBUILD_TODAY": ""}).today is None
