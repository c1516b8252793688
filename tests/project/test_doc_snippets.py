"""Every Python snippet in README.md and docs/*.md marked ``<!-- runnable -->`` runs as
written, in a fresh interpreter, against the sandbox.

The snippets read their credentials and base URLs from the environment, as users' code
does (``LOFTY_API_KEY``, ``BROKERMINT_BASE_URL``, ...); this test points those variables
at a sandbox on localhost. A snippet that needs Redis reads ``REDIS_URL``, which the test
sets to a ``redis-server`` it starts (that snippet skips when the binary is absent).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from real_estate_async.sandbox import Sandbox, SandboxThread

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- runnable -->"
FENCE = re.compile(r"<!-- runnable -->\s*\n```python\n(.*?)\n```", re.S)


def snippets() -> list[tuple[str, str]]:
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        blocks = FENCE.findall(text)
        # a marker not followed by a python fence is a mistake in the docs, not a skip
        assert len(blocks) == text.count(MARKER), f"{doc.name}: a runnable marker without code"
        line_of = {b: text[: text.index(b)].count("\n") + 1 for b in blocks}
        found += [(f"{doc.name}:{line_of[b]}", b) for b in blocks]
    return found


SNIPPETS = snippets()


def test_the_readme_has_runnable_snippets() -> None:
    assert sum(name.startswith("README.md") for name, _ in SNIPPETS) >= 6


@pytest.fixture(scope="module")
def sandbox_env() -> Iterator[dict[str, str]]:
    with SandboxThread(Sandbox(records=300, demo=True)) as running:
        sb = running.sandbox
        creds = sb.credentials
        env = {
            "LOFTY_API_KEY": creds["lofty"]["api_key"],
            "LOFTY_VENDOR_KEY": creds["lofty"]["vendor_key"],
            "LOFTY_BASE_URL": sb.url("lofty"),
            "BROKERMINT_API_KEY": creds["brokermint"]["api_key"],
            "BROKERMINT_BASE_URL": sb.url("brokermint"),
            "OPEN_TO_CLOSE_API_KEY": creds["open_to_close"]["api_key"],
            "OPEN_TO_CLOSE_BASE_URL": sb.url("open_to_close"),
            "OVIPRO_ACCESS_TOKEN": creds["ovipro"]["access_token"],
            "OVIPRO_BASE_URL": sb.url("ovipro"),
        }
        yield env


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    if shutil.which("redis-server") is None:
        yield None
        return
    from _fleet import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.mark.parametrize("name,code", SNIPPETS, ids=[name for name, _ in SNIPPETS])
def test_snippet_runs(
    name: str, code: str, sandbox_env: dict[str, str], redis_url: str | None, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_BASE_URL"))}
    env.update(sandbox_env)
    if "REDIS_URL" in code:
        if redis_url is None:
            pytest.skip("redis-server binary not found")
        env["REDIS_URL"] = redis_url
    script = tmp_path / "snippet.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"


PYTEST_FENCE = re.compile(r"<!-- runnable: pytest -->\s*\n```python\n(.*?)\n```", re.S)


def test_readme_testing_your_own_code_runs_under_pytest(tmp_path: Path) -> None:
    """The README's "Testing your own code" files, written out as a user would, pass."""
    (block,) = PYTEST_FENCE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    conftest, test_file = block.split("# test_mine.py\n")
    (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    (tmp_path / "test_mine.py").write_text(test_file, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_mode = auto\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
