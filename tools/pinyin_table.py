"""Write the table of pinyin initials that the network view's search uses.

The search matches "ghsq" to 桂花社区 in the browser, from a 20 KB static table rather
than a pinyin library on the server (a 4 MB package, a second to import, ~50 MB per
worker). Each line is a letter and the characters whose reading starts with it; a
character with readings of different initials (行 xíng / háng) is on each of their
lines, so that both spellings find it. The characters: GB 2312's 6,763 (the common
ones in unit names) and every character of the demo generator's names.

Run by hand when the table should change, with pypinyin installed in the environment
(it is not a dependency of the project)::

    .venv/bin/pip install pypinyin && .venv/bin/python tools/pinyin_table.py
"""

from __future__ import annotations

import string
from collections import defaultdict
from pathlib import Path

from pypinyin import Style, pinyin

TABLE = Path(__file__).resolve().parents[1] / "service" / "static" / "data" / "pinyin-initials.txt"
DEMO_NAMES = Path(__file__).resolve().parents[1] / "loaders" / "demo_names.py"


def gb2312() -> list[str]:
    """The 6,763 characters of GB 2312 (levels 1 and 2: rows 0xB0–0xF7)."""
    found = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def characters() -> list[str]:
    demo = {c for c in DEMO_NAMES.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"}
    return sorted(set(gb2312()) | demo)


def table() -> str:
    letters: dict[str, list[str]] = defaultdict(list)
    for char in characters():
        readings = pinyin(char, style=Style.FIRST_LETTER, heteronym=True)[0]
        for letter in dict.fromkeys(r[:1].lower() for r in readings):
            if letter in string.ascii_lowercase:
                letters[letter].append(char)
    return "".join(f"{letter} {''.join(letters[letter])}\n" for letter in sorted(letters))


if __name__ == "__main__":
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_text(table(), encoding="utf-8")
    print(f"{TABLE}: {TABLE.stat().st_size:,} bytes")
