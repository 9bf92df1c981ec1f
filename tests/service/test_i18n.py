"""Every Chinese text a template shows has an English translation."""

from __future__ import annotations

import re
from pathlib import Path

from translations import EN

TEMPLATES = Path(__file__).resolve().parents[2] / "service" / "templates"
CALL = re.compile(r"""_\(\s*["']([^"']+)["']\s*\)""")
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_template_text_has_an_english_translation():
    """No _("…") in a template lacks its English entry."""
    texts = {t for f in TEMPLATES.rglob("*.html") for t in CALL.findall(f.read_text("utf-8"))}
    missing = sorted(t for t in texts if HAN.search(t) and t not in EN)
    assert missing == []
