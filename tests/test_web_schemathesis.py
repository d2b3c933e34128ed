"""Property-based requests generated from the app's own OpenAPI document: never a 5xx.

Three passes: valid requests (positive), requests that break the schema on purpose (negative:
wrong types, out-of-range numbers, missing fields, extra keys), and a stateful run that follows
the API's responses from one call to the next. Only the server-error check is asserted: a 4xx
is a fine answer to a hostile request, a 5xx never is.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from detente.presentation.web import create_app  # noqa: E402
from detente.presentation.web.app import LOOPBACK_HOSTS  # noqa: E402

# The ASGI test transport sends ``Host: testserver``; a served app accepts loopback names only.
APP = create_app(hosts=[*LOOPBACK_HOSTS, "testserver"])
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
negative = schemathesis.openapi.from_asgi("/openapi.json", APP)
negative.config.generation.update(modes=[GenerationMode.NEGATIVE])
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@schema.parametrize()
@SETTINGS
def test_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@negative.parametrize()
@SETTINGS
def test_no_server_error_on_invalid_requests(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


class Stateful(schema.as_state_machine()):  # type: ignore[misc]
    """Upload, then use the new id (OpenAPI links); only server errors are failures."""

    def validate_response(
        self, response: object, case: schemathesis.Case, **kwargs: object
    ) -> None:
        case.validate_response(response, checks=[not_a_server_error])


TestStateful = Stateful.TestCase
TestStateful.settings = settings(
    max_examples=15, stateful_step_count=4, deadline=None,
    suppress_health_check=list(HealthCheck), derandomize=True,
)  # fmt: skip
