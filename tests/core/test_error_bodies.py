"""Vendors' own error words reach the exception: Lofty's ``{"errorCode", "errorMsg"}``
Result body, Ovipro's ``errors[]`` rows (Ovipro Agency API 1.0
document), and the sync Open To Close SDK's ``OpenToCloseAPIError`` name (Open To Close
Agents API documentation) catching this SDK's status errors."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

import real_estate_async
from real_estate_async import (
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    OpenToCloseAPIError,
    ServerError,
    ValidationError,
)
from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.open_to_close import OpenToCloseClient
from real_estate_async.providers.open_to_close import exceptions as otc_exceptions
from real_estate_async.providers.ovipro import OviproClient

OFFICE = "edf9fb6b-00d6-4769-812e-d0c93a584c7b"


async def answering(serve: Any, status: int, body: Any) -> str:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response(body, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return str(await serve(app))


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"errorCode": 100400, "errorMsg": "limit must be <= 100", "errorData": None},
         100400, "limit must be <= 100"),
        ({"code": 100404, "message": "lead not found"}, 100404, "lead not found"),
    ],
    ids=["Result-errorMsg", "code-message"],
)  # fmt: skip
async def test_lofty_error_bodies_keep_code_and_message(
    serve: Any, body: Any, code: int, message: str
) -> None:
    """Was: "Bad Request" for the ``{"errorCode", "errorMsg"}`` body."""
    base = await answering(serve, 400, body)
    async with LoftyClient("key", vendor_key="vk", base_url=base, max_retries=0) as lofty:
        with pytest.raises(ValidationError) as info:
            await lofty.leads.get(1)
    assert info.value.code == code and info.value.message == message
    assert message in str(info.value) and str(code) in str(info.value)


async def test_lofty_vendor_code_in_error_code_still_maps_its_class(serve: Any) -> None:
    base = await answering(serve, 400, {"errorCode": 200058, "errorMsg": "token type error"})
    async with LoftyClient(access_token="tok", base_url=base, max_retries=0) as lofty:
        with pytest.raises(AuthenticationError) as info:
            await lofty.leads.get(1)
    assert info.value.message.startswith("token type error")


async def test_ovipro_error_rows_go_into_the_message(serve: Any) -> None:
    body = {
        "errorCode": "BAD_REQUEST_BODY",
        "message": "Invalid request body",
        "errors": [
            {"field": "latitude", "message": "must be a number"},
            {"field": "longitude", "message": "must be a number"},
        ],
    }
    base = await answering(serve, 400, body)
    async with OviproClient("jwt", base_url=base, max_retries=0) as ovipro:
        with pytest.raises(ValidationError) as info:
            await ovipro.agency_offices.update_coordinates(OFFICE, latitude=1.0, longitude=2.0)
    err = info.value
    assert err.code == "BAD_REQUEST_BODY"
    assert err.message == (
        "Invalid request body (latitude: must be a number, longitude: must be a number)"
    )
    assert err.body == body


async def test_ovipro_error_without_rows_is_unchanged(serve: Any) -> None:
    base = await answering(serve, 500, {"errorCode": "TECHNICAL_ERROR", "message": "boom"})
    async with OviproClient("jwt", base_url=base, max_retries=0) as ovipro:
        with pytest.raises(ServerError) as info:
            await ovipro.agency_offices.get(OFFICE)
    assert info.value.message == "boom"


@pytest.mark.parametrize(
    ("status", "cls"), [(404, NotFoundError), (400, ValidationError), (500, ServerError)]
)
async def test_open_to_close_status_errors_are_open_to_close_api_errors(
    serve: Any, status: int, cls: type[APIStatusError]
) -> None:
    base = await answering(serve, status, {"message": "nope"})
    async with OpenToCloseClient("otc-secret-key-123456", base_url=base, max_retries=0) as otc:
        try:
            await otc.agents.retrieve_agent(7)
        except OpenToCloseAPIError as exc:  # as code written for the sync SDK does
            caught: Exception = exc
        assert isinstance(caught, cls) and type(caught) is cls
    assert issubclass(otc_exceptions.NotFoundError, otc_exceptions.OpenToCloseAPIError)
    assert otc_exceptions.OpenToCloseAPIError is real_estate_async.OpenToCloseAPIError
