"""Credentials from the environment: read once, in the client base, as each client's
``credential_env`` (alternatives) and ``option_env`` (other settings) declare."""

from __future__ import annotations

from typing import Any

import pytest

from real_estate_async import BrokermintClient, LoftyClient, OpenToCloseClient, OviproClient
from real_estate_async._client import ProviderClient


class TwoWays(ProviderClient):
    vendor_name = "two_ways"
    credential_env = {"api_key": "TWO_WAYS_API_KEY", "token": "TWO_WAYS_TOKEN"}
    option_env = {"region": "TWO_WAYS_REGION"}


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TWO_WAYS_API_KEY", "TWO_WAYS_TOKEN", "TWO_WAYS_REGION"):
        monkeypatch.delenv(name, raising=False)


def test_the_first_credential_set_in_the_environment_fills_its_argument(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TWO_WAYS_TOKEN", "env-token")
    found = TwoWays._from_env(api_key=None, token=None)
    assert found == {"api_key": None, "token": "env-token", "region": None}
    monkeypatch.setenv("TWO_WAYS_API_KEY", "env-key")  # declared first: it wins
    found = TwoWays._from_env(api_key=None, token=None)
    assert found == {"api_key": "env-key", "token": None, "region": None}


def test_a_given_credential_stops_the_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWO_WAYS_API_KEY", "env-key")
    monkeypatch.setenv("TWO_WAYS_TOKEN", "env-token")
    # One alternative given: the others are not read (the client would refuse two).
    found = TwoWays._from_env(api_key=None, token="mine")
    assert (found["api_key"], found["token"]) == (None, "mine")
    # An empty argument is given too (the client then says it is missing).
    found = TwoWays._from_env(api_key="", token=None)
    assert (found["api_key"], found["token"]) == ("", None)


def test_an_empty_variable_is_unset_and_options_are_read_on_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TWO_WAYS_API_KEY", "")
    monkeypatch.setenv("TWO_WAYS_REGION", "eu")
    found = TwoWays._from_env(api_key=None, token="mine", region=None)
    assert found == {"api_key": None, "token": "mine", "region": "eu"}
    assert TwoWays._from_env(api_key="k", region="us")["region"] == "us"  # given wins
    monkeypatch.setenv("TWO_WAYS_REGION", "")
    assert TwoWays._from_env(region=None)["region"] is None


@pytest.mark.parametrize(
    ("cls", "argument"),
    [
        (LoftyClient, "api_key"),
        (LoftyClient, "access_token"),
        (BrokermintClient, "api_key"),
        (OpenToCloseClient, "api_key"),
        (OviproClient, "access_token"),
    ],
)
def test_every_vendor_reads_each_declared_variable(
    cls: Any, argument: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in [*cls.credential_env.values(), *cls.option_env.values()]:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv(cls.credential_env[argument], "from-env")
    client = cls()
    assert client._credential == "from-env"
    assert client._from_env(**{argument: "given"})[argument] == "given"


def test_lofty_reads_its_vendor_key_as_an_option(monkeypatch: pytest.MonkeyPatch) -> None:
    assert LoftyClient.option_env == {"vendor_key": "LOFTY_VENDOR_KEY"}
    monkeypatch.setenv("LOFTY_VENDOR_KEY", "env-vendor")
    assert LoftyClient("key").vendor_key == "env-vendor"
    assert LoftyClient("key", vendor_key="mine").vendor_key == "mine"
    monkeypatch.delenv("LOFTY_VENDOR_KEY")
    assert LoftyClient("key").vendor_key is None
