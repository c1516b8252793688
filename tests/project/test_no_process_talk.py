"""What users read cites the vendors' documents by name and section, never our own history.

The package, docs, tests, benchmarks, examples, tools, CONTRIBUTING.md, README.md and
CHANGELOG.md are scanned for three kinds of process talk: a vendor document called a "seed"
(``seed 002``, ``the seed's error table``, ``(seed 003)``, ``seed section 5.4``, identifiers
such as ``_seed_list``), our own tracker numbers (``issue 12``, ``issue-14``, "in the
issue") and mentions of a design file the repository does not ship. The random-data meaning
of "seed" (``Sandbox(seed=1)``, ``--seed``, ``WindowRateLimiter.seed(...)``, "same seed,
same data") is a different word and passes. An issue number of another project passes when
that project is named right before it (``aioresponses issue #289``).

Cite instead: the Open To Close Agents API / Property Contacts API documentation; the
Lofty API v1.0 reference (section 2.1, 5.3, 6.45 ...) or Lofty's published OpenAPI
document; the Brokermint API v1 reference; the Ovipro Agency API 1.0 document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("real_estate_async", "docs", "tests", "benchmarks", "examples", "tools")
SCANNED_FILES = ("CONTRIBUTING.md", "README.md", "CHANGELOG.md")
SUFFIXES = frozenset({".py", ".pyi", ".md", ".rst", ".txt", ".toml", ".ini", ".cfg", ".yml",
                      ".yaml", ".json"})  # fmt: skip
#: The vendors' own documents: their words are theirs.
SKIPPED_DIRS = (ROOT / "tests" / "fixtures",)
SKIPPED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})
THIS_FILE = Path(__file__).resolve()

_I = re.IGNORECASE

#: "seed" used as the name of a vendor document (not the random-data seed).
SEED_AS_DOCUMENT = [
    re.compile(r"\bseeds?\s+0\d\d\b", _I),  # seed 002, seeds 000/001
    re.compile(r"\bseed's\b|\bseeds'", _I),  # the seed's error table
    re.compile(r"\b(?:the|per the|as the)\s+seeds?\b", _I),  # the seed gives no URL paths
    re.compile(r"\(seeds?(?:\s|\)|:\s*\")", _I),  # (seed 003), (seed), (seed: "max value")
    re.compile(r"\bseeds?\s*:\s*\"", _I),  # seed: "a unique id ..."
    re.compile(
        r"\bseeds?\s+(?:section|sections|document|documents|operation|operations|name|names"
        r"|row|rows|says?|gives|shows|prints|groups|pattern|error|table|reference)\b",
        _I,
    ),
    re.compile(r"\bseed[- ]style\b", _I),
    re.compile(
        r"_seed_list\b|\bseed_(?:names?|ops|operations?|list|quick_start|covers)\b"
        r"|_and_seed\b|\bSEED_OPERATIONS\b",
        _I,
    ),
]

#: Projects whose public trackers may be cited by number ("aioresponses issue #289").
OTHER_PROJECTS = frozenset(
    {"aiobotocore", "aiohttp", "aiolimiter", "aioresponses", "arq", "attrs", "botocore",
     "cattrs", "celery", "cpython", "dlt", "httpx", "multidict", "mypy", "openai",
     "openai-python", "opentelemetry", "orjson", "pip", "pytest", "pytest-asyncio", "python",
     "redis", "redis-py", "ruff", "setuptools", "stripe", "stripe-python", "taskiq", "uvloop",
     "yarl"}
)  # fmt: skip
_ISSUE_NUMBER = re.compile(r"\bissues?[ -]#?\d+", _I)
_WORD_BEFORE = re.compile(r"([\w.\-/]+)\W*$")
OUR_ISSUE = [
    re.compile(r"\bin the issue\b", _I),
    re.compile(r"\bthe issue (?:says|describes|asks|lists)\b", _I),
]

DESIGN_FILE = [re.compile(r"\bDESIGN\.md\b", _I)]


def _scanned_files() -> Iterator[Path]:
    for name in SCANNED:
        for path in sorted((ROOT / name).rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            if SKIPPED_PARTS & set(path.parts) or path.resolve() == THIS_FILE:
                continue
            if any(path.is_relative_to(skipped) for skipped in SKIPPED_DIRS):
                continue
            yield path
    for name in SCANNED_FILES:
        if (ROOT / name).is_file():
            yield ROOT / name


def _names_another_project(before: str) -> bool:
    """True when the word right before "issue N" names another project (or a GitHub
    ``owner/repo``)."""
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in OTHER_PROJECTS or "/" in token


def is_seed_talk(line: str) -> bool:
    return any(p.search(line) for p in SEED_AS_DOCUMENT)


def is_issue_talk(line: str) -> bool:
    if any(p.search(line) for p in OUR_ISSUE):
        return True
    return any(not _names_another_project(line[: m.start()]) for m in _ISSUE_NUMBER.finditer(line))


def is_design_file_talk(line: str) -> bool:
    return any(p.search(line) for p in DESIGN_FILE)


def _offending_lines(check: Callable[[str], bool]) -> list[str]:
    found = []
    for path in _scanned_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if check(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:160]}")
    return found


KINDS: dict[str, tuple[Callable[[str], bool], str]] = {
    "seed": (is_seed_talk, "a vendor document called a seed: cite it by name and section"),
    "issue": (is_issue_talk, "our own issue numbers: say what the code does and why"),
    "design-file": (is_design_file_talk, "a design file users do not have: cite the vendor"),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_process_talk(kind: str) -> None:
    check, advice = KINDS[kind]
    found = _offending_lines(check)
    assert not found, f"{len(found)} line(s) with {advice}:\n" + "\n".join(found)


def test_the_scan_covers_the_package_docs_and_tests() -> None:
    files = {p.relative_to(ROOT).as_posix() for p in _scanned_files()}
    assert "real_estate_async/providers/ovipro/client.py" in files
    assert "docs/VENDORS.md" in files
    assert "tests/lofty/test_lofty_operations.py" in files
    assert not any(f.startswith("tests/fixtures/") for f in files)


@pytest.mark.parametrize(
    "line",
    [
        '"""Fake Lofty API v1.0 (seed 002), served under ``/v1.0``.',
        "``OpenToCloseAPIError`` name (seeds 000/001) catching",
        "#: The seed's error table, row by row.",
        "The seed gives neither a host nor URL paths.",
        "(100 a page, per the seed)",
        '(seed: "max value 1000")',
        "Routing type of the ``routing/...`` endpoints (seed section 5.4).",
        "| # | Seed operation | Endpoint |",
        "#: Keys of a seed-style ``params`` dict.",
        "        return await self._seed_list(self.collection, params)",
        "def test_list_uniform_and_seed(fake: Any) -> None:",
    ],
)
def test_document_called_a_seed_is_found(line: str) -> None:
    assert is_seed_talk(line)


@pytest.mark.parametrize(
    "line",
    [
        "async with Sandbox(records=1000, seed=1) as sb:",
        "``seed``: same seed, same data. ``latency``: seconds added to every answer.",
        "Data is generated record by record from ``(seed, vendor, resource, index)``.",
        "def rng_for(seed: int, vendor: str, resource: str, index: int) -> random.Random:",
        'serve.add_argument("--seed", type=int, default=1)',
        "self._fallback.seed([done for _, done in self._history], len(flying))",
        "HTTP methods. ``seed`` defaults to the sandbox seed.",
        "By default 100 records per collection, seed 1, relaxed rate limits;",
        "def test_fault_draws_are_seeded() -> None:",
        "self.reseeds += 1",
    ],
)
def test_random_seed_passes(line: str) -> None:
    assert not is_seed_talk(line)


@pytest.mark.parametrize(
    "line",
    [
        '"""Models built from a payload convert a field on its first read (issue 12, "Faster").',
        "misbehave exactly as issue 14 describes",
        "see issue-13 for the numbers",
        "| 8 export models | 0.93x (about 0.12x in the issue) |",
    ],
)
def test_our_issue_numbers_are_found(line: str) -> None:
    assert is_issue_talk(line)


@pytest.mark.parametrize(
    "line",
    [
        "aioresponses does not pass it yet (aioresponses issue #289). Inside this context",
        "a known bug (aio-libs/aiohttp issue 1234)",
        "``link`` expires 30 minutes after it was issued.",
        "def issue_token(self, ttl: float = 900.0) -> str:",
    ],
)
def test_other_projects_issues_pass(line: str) -> None:
    assert not is_issue_talk(line)


def test_design_file_is_found() -> None:
    assert is_design_file_talk('"""Fake Brokermint API v1 (seed 003 + the facts of DESIGN.md).')
    assert not is_design_file_talk("The lock file itself stays, by design.")
