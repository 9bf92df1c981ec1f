"""The layers hold: blueprints never import each other; the bottom layers never import
Flask or the service (read from the source with ``ast``, nothing imported)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ROOT / "service" / "views"


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module ``path`` imports, anywhere in it, by absolute dotted name (for
    ``from P import x`` both ``P`` and ``P.x``, since ``x`` may be a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def is_blueprint(path: Path) -> bool:
    """A module of service/views that makes a Flask ``Blueprint``."""
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Blueprint"
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
    )


BLUEPRINTS = sorted(p for p in VIEWS.glob("*.py") if is_blueprint(p))


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.stem)
def test_a_blueprint_imports_no_other_blueprint(path):
    """A blueprint module imports no other blueprint module (shared code lives elsewhere)."""
    others = {f"service.views.{p.stem}" for p in BLUEPRINTS if p != path}
    assert sorted(imported_modules(path, "service.views") & others) == []


def test_the_views_hold_blueprints():
    """The walk above sees the app's blueprints (so it cannot pass by finding none)."""
    assert {"network", "api", "exchange", "assessment", "units"} <= {p.stem for p in BLUEPRINTS}


@pytest.mark.parametrize("package", ["graphmodel", "loaders", "visualizations"])
def test_a_bottom_layer_never_imports_flask_or_the_service(package):
    """graphmodel, loaders and visualizations import neither Flask (nor werkzeug) nor service."""
    banned = ("flask", "werkzeug", "service")
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        name = dotted.removesuffix(".__init__")
        own = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for module in imported_modules(path, own):
            if module.split(".")[0] in banned:
                wrong.append(f"{dotted}: {module}")
    assert wrong == []
