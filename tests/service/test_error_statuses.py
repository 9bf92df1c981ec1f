"""The domain's errors carry no HTTP status; the service's one table gives each its status."""

from __future__ import annotations

import inspect

import pytest

from graphmodel import errors as domain
from service import errors as service_errors
from service.errors import STATUSES, status_of

ERROR_CLASSES = [
    cls
    for module in (domain, service_errors)
    for cls in vars(module).values()
    if inspect.isclass(cls)
    and issubclass(cls, domain.CobuildError)
    and cls.__module__ == module.__name__
]


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_class_is_in_the_status_table(cls):
    """Each error class of the domain and of the service has its own row in STATUSES."""
    assert cls in STATUSES


@pytest.mark.parametrize(
    "cls", [c for c in ERROR_CLASSES if c.__module__ == domain.__name__], ids=lambda c: c.__name__
)
def test_domain_errors_know_no_http_status(cls):
    """No error of the domain says how the web answers it."""
    assert not any("http_status" in vars(base) for base in cls.__mro__)


def test_a_subclass_outside_the_table_answers_with_its_base_status():
    """An error class the table does not list takes its nearest listed base's status."""

    class Gone(domain.NotFound):
        pass

    assert status_of(Gone("gone")) == 404
