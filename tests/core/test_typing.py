"""The SDK as a typed user sees it: ``mypy --strict`` over user-style code.

``typecheck/user_code.py`` must pass with no error, and so must ``Cls()`` for every
model of every vendor (generated); every line of ``typecheck/wrong_usage.py``
marked ``# error: <code>`` must get that error and no other line may get one. The user
code also runs against the sandbox, so what mypy believes is what the calls return.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from real_estate_async import (
    BrokermintClient,
    LoftyClient,
    Model,
    OpenToCloseClient,
    OviproClient,
)
from real_estate_async.sandbox import Sandbox

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parents[1] / "typecheck"
USER_CODE = HERE / "user_code.py"
WRONG_USAGE = HERE / "wrong_usage.py"
VENDORS = ("lofty", "brokermint", "open_to_close", "ovipro")

_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")
_EXPECTED = re.compile(r"#\s*error:\s*(?P<code>[a-z-]+)\s*$")


def _every_model_without_arguments() -> str:
    """``Cls()`` for every model of every vendor: each field must have a visible default."""
    lines = ["from __future__ import annotations"]
    for vendor in VENDORS:
        module = importlib.import_module(f"real_estate_async.providers.{vendor}.models")
        lines.append(f"import {module.__name__} as {vendor}")
        lines += [
            f"{vendor}.{name}()"
            for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, Model) and cls.__module__ == module.__name__
        ]
    assert len(lines) > 100  # about a hundred models
    return "\n".join(lines) + "\n"


def _mypy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[dict[str, set[tuple[int, str]]], str]:
    every_model = tmp_path / "every_model.py"
    every_model.write_text(_every_model_without_arguments())
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MYPYPATH", str(ROOT))  # this checkout's package, not an installed one
    stdout, stderr, _ = mypy_api.run(
        ["--config-file", "pyproject.toml", "--strict", "--no-pretty", "--no-error-summary",
         "--hide-error-context", str(USER_CODE.relative_to(ROOT)),
         str(WRONG_USAGE.relative_to(ROOT)), str(every_model)]
    )  # fmt: skip
    found: dict[str, set[tuple[int, str]]] = {
        USER_CODE.name: set(),
        WRONG_USAGE.name: set(),
        every_model.name: set(),
    }
    for line in stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            name = Path(match["file"]).name
            key = name if name in found else match["file"]  # an error elsewhere: keep its path
            found.setdefault(key, set()).add((int(match["line"]), match["code"]))
    return found, stdout + stderr


def test_user_code_type_checks_and_wrong_usage_is_rejected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    found, output = _mypy(monkeypatch, tmp_path)
    assert found[USER_CODE.name] == set(), output
    assert found.pop("every_model.py") == set(), output
    assert set(found) == {USER_CODE.name, WRONG_USAGE.name}, output  # nothing elsewhere
    expected = {
        (number, match["code"])
        for number, text in enumerate(WRONG_USAGE.read_text().splitlines(), start=1)
        if (match := _EXPECTED.search(text))
    }
    assert len(expected) >= 10
    assert found[WRONG_USAGE.name] == expected, output


def test_user_code_has_no_type_ignore() -> None:
    text = USER_CODE.read_text()
    assert not re.search(r"#\s*type:\s*ignore|\bcast\(|\bAny\b = ", text)


@pytest.fixture
async def box() -> AsyncIterator[Sandbox]:
    async with Sandbox(60, seed=3) as sandbox:
        yield sandbox


async def test_user_code_runs_as_typed(box: Sandbox) -> None:
    from typecheck import user_code

    async with LoftyClient(**box.client_kwargs("lofty")) as lofty:
        await user_code.lofty_code(lofty)
    async with BrokermintClient(**box.client_kwargs("brokermint")) as bm:
        await user_code.brokermint_code(bm)
    async with OpenToCloseClient(**box.client_kwargs("open_to_close")) as otc:
        await user_code.open_to_close_code(otc)
    async with OviproClient(**box.client_kwargs("ovipro")) as ovipro:
        await user_code.ovipro_code(ovipro)
