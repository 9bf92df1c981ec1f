"""Fuzzing the JSON API from its own OpenAPI document (schemathesis), signed in.

Every operation of /api/v1/openapi.json gets ``EXAMPLES`` generated requests from
an admin and from a street planner: none may answer 5xx, and every answer must
match the document (status, content type, body schema).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from service.views.openapi import openapi_document

EXAMPLES = 40
#: Left out: whether the API rejects every schema-violating value (it is lenient with,
#: e.g., an empty ``end``) and accepts every schema-valid one (an unknown street id is
#: rightly a 400, which the schema cannot say). What is checked: no 5xx; status codes,
#: content types, headers and bodies as documented.
EXCLUDED = [
    schemathesis.checks.negative_data_rejection,
    schemathesis.checks.positive_data_acceptance,
]


# The document is a pure function of the code; a test below checks the app serves it.
# (schemathesis' lazy ``from_fixture`` loader does not run under pytest 9.)
schema = schemathesis.openapi.from_dict(openapi_document())


def credentials(client) -> dict:
    """The session cookie and CSRF token of a signed-in test client, as call arguments."""
    return {
        "cookies": {"cobuild_session": client.get_cookie("cobuild_session").value},
        "headers": {"X-CSRF-Token": client.environ_base["HTTP_X_CSRF_TOKEN"]},
    }


@pytest.fixture
def admin(client):
    return credentials(client)


@pytest.fixture
def street_planner(client_as):
    return credentials(client_as("street"))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_request_as_documented(case, app, admin):
    """Generated requests as the admin: no 5xx, responses match the schema."""
    response = case.call_and_validate(app=app, excluded_checks=EXCLUDED, **admin)
    assert response.status_code not in (401, 403), "the fuzzer must be signed in"


@schema.parametrize()
@settings(
    max_examples=EXAMPLES // 2,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_a_street_planner_as_documented(case, app, street_planner):
    """The same for a street planner, whose answers are cut to their territory."""
    response = case.call_and_validate(app=app, excluded_checks=EXCLUDED, **street_planner)
    assert response.status_code not in (401, 403), "the fuzzer must be signed in"


def test_the_fuzzed_document_is_the_one_served(client):
    """What the fuzzer reads is what /api/v1/openapi.json serves."""
    assert client.get("/api/v1/openapi.json").json == openapi_document()
