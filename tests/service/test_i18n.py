"""Every Chinese text the product shows, from templates and Python, has an English translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from string import Formatter

import pytest

import translations
from translations import EN

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "service" / "templates"
CALL = re.compile(r"""_\(\s*["']([^"']+)["']\s*\)""")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: the packages whose words people see
PACKAGES = ("graphmodel", "loaders", "visualizations", "service")
#: the catalogue's entry points: a Chinese text as their first argument
CATALOGUE_CALLS = {"text", "words", "_", "translate"}
#: a literal pair chosen by language in a template: "…" if zh else "…"
TEMPLATE_PAIR = re.compile(
    r"""["'][^"'{}]*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][^"'{}]*["']\s+if\s+"""
    r"""(?:zh|language\(\)\s*==\s*["']zh["'])\s+else\s+["']"""
)


def _sources() -> list[tuple[Path, ast.Module]]:
    files = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))
    return [(p, ast.parse(p.read_text("utf-8"), str(p))) for p in files]


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _error_classes(sources) -> set[str]:
    """Names of the classes derived from CobuildError, read from the code."""
    bases = {}
    for _, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
    found = {"CobuildError"}
    while grown := {c for c, b in bases.items() if c not in found and b & found}:
        found |= grown
    return found


def _catalogue_texts(sources) -> dict[str, str]:
    """Every string literal passed to the catalogue (or to a domain error) → where."""
    errors = _error_classes(sources)
    texts = {}
    for path, tree in sources:
        in_error = {
            id(n)
            for c in ast.walk(tree)
            if isinstance(c, ast.ClassDef) and c.name in errors
            for n in ast.walk(c)
        }
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            name = _name(call)
            wanted = name in CATALOGUE_CALLS or name in errors
            wanted |= name == "__init__" and id(call) in in_error  # super().__init__("…")
            first = call.args[0]
            if wanted and isinstance(first, ast.Constant) and isinstance(first.value, str):
                texts[first.value] = f"{path.relative_to(ROOT)}:{call.lineno}"
                given = {k.arg for k in call.keywords}
                if None not in given:  # no **params: the call names every parameter
                    PARAMETERS.setdefault(first.value, []).append((texts[first.value], given))
    return texts


#: Chinese text → (where, parameter names given) of each call that names its parameters
PARAMETERS: dict[str, list[tuple[str, set]]] = {}


@pytest.fixture(scope="module")
def sources():
    return _sources()


def test_every_template_text_has_an_english_translation():
    """No _("…") in a template lacks its English entry."""
    texts = {t for f in TEMPLATES.rglob("*.html") for t in CALL.findall(f.read_text("utf-8"))}
    missing = sorted(t for t in texts if HAN.search(t) and t not in EN)
    assert missing == []


def test_every_chinese_text_given_to_the_catalogue_in_python_has_english(sources):
    """Each Chinese literal passed to text(), words() or a domain error has its English entry."""
    texts = _catalogue_texts(sources)
    missing = sorted(f"{where}: {t}" for t, where in texts.items() if HAN.search(t) and t not in EN)
    assert missing == []


def test_every_call_gives_the_parameters_both_languages_use(sources):
    """A parameter the Chinese or the English names is given where the text is used."""
    _catalogue_texts(sources)

    def fields(template: str) -> set[str]:
        return {f.split(".")[0].split("[")[0] for _, f, _, _ in Formatter().parse(template) if f}

    lacking = [
        f"{where}: {sorted(needed - given)}"
        for zh, calls in PARAMETERS.items()
        if zh in EN
        for needed in [fields(zh) | fields(EN[zh])]
        for where, given in calls
        if needed - given
    ]
    assert lacking == []


def test_python_sees_the_error_messages(sources):
    """The walk finds the raise sites (a guard against a walk that finds nothing)."""
    texts = _catalogue_texts(sources)
    assert "存储中没有单位 {unit!r}" in texts and "文件不存在" in texts


def test_no_domain_error_is_raised_with_an_english_and_a_chinese_text(sources):
    """A domain error takes its Chinese text (and parameters); the English is the catalogue's."""
    errors = _error_classes(sources)
    pairs = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, tree in sources
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and _name(call) in errors
        and sum(isinstance(a, (ast.Constant, ast.JoinedStr)) for a in call.args) > 1
    ]
    assert pairs == []


def test_no_python_chooses_between_a_chinese_and_an_english_literal(sources):
    """No `"…" if zh else "…"` in Python: the catalogue holds the English."""

    def literal(node) -> bool:
        return isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        )

    def han(node) -> bool:
        return any(
            isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
            for n in ast.walk(node)
        )

    def by_language(test) -> bool:
        names = {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(test)}
        codes = {getattr(n, "value", None) for n in ast.walk(test) if isinstance(n, ast.Constant)}
        return bool({"zh", "en"} & codes) or any("zh" in n or "lang" in n for n in names)

    pairs = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in sources
        for node in ast.walk(tree)
        if isinstance(node, ast.IfExp)
        and by_language(node.test)
        and literal(node.body)
        and literal(node.orelse)
        and han(node.body) != han(node.orelse)
    ]
    assert pairs == []


def test_no_template_chooses_between_two_literals_by_language():
    """No `"…" if zh else "…"` in a template: _("…") gives the English."""
    found = [
        f"{f.relative_to(ROOT)}: {m.group(0)}"
        for f in sorted(TEMPLATES.rglob("*.html"))
        for m in TEMPLATE_PAIR.finditer(f.read_text("utf-8"))
    ]
    assert found == []


def test_each_chinese_text_has_one_english_across_the_topics():
    """Two topics of the catalogue never give one Chinese text two different Englishes."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for topic in translations.TOPICS:
        for zh, en in topic.EN.items():
            other = seen.setdefault(zh, (topic.__name__, en))
            if other[1] != en:
                clashes.append(f"{zh}: {other[0]} {other[1]!r} vs {topic.__name__} {en!r}")
    assert clashes == []


def test_the_catalogue_imports_nothing_from_the_project():
    """translations/ is the bottom layer: every layer may import it, it imports none."""
    project = {"graphmodel", "loaders", "visualizations", "service", "tests", "bench", "tools"}
    imported = set()
    for path in (ROOT / "translations").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add((node.module or "").split(".")[0])
    assert imported & project == set()
