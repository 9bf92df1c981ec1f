"""graphmodel's public names: each one a caller is promised imports from the package."""

from __future__ import annotations

import importlib

import pytest

import graphmodel


@pytest.mark.parametrize("name", graphmodel.__all__)
def test_each_public_name_imports_from_the_package(name):
    """``from graphmodel import <name>`` works for every name in ``__all__``."""
    namespace: dict = {}
    exec(f"from graphmodel import {name}", namespace)
    assert namespace[name] is getattr(graphmodel, name)


@pytest.mark.parametrize(
    "name",
    ["open_store", "District", "snapshot", "report", "suggest", "assess", "CobuildError"],
)
def test_the_names_a_caller_needs_are_public(name):
    """The store, the district, the report, the suggestions and the errors are in ``__all__``."""
    assert name in graphmodel.__all__


def test_every_domain_error_is_public():
    """Each error class of graphmodel.errors is a public name of the package."""
    errors = importlib.import_module("graphmodel.errors")
    classes = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, graphmodel.CobuildError)
    }
    assert classes <= set(graphmodel.__all__)


@pytest.mark.parametrize("module", ["graphmodel.report", "graphmodel.suggest.answers"])
def test_the_rooms_stay_importable_by_name(module):
    """The functions ``report`` and ``suggest`` do not hide their modules from imports."""
    assert importlib.import_module(module).__name__ == module
