"""The package's layers: the core never imports a vendor, and its modules import each
other without a circle, so each one can be imported first and alone.

"Core" is every module of the package but the vendors (``providers/``) and the
consumers that assemble vendors into tools (the CLI, the sandbox, the workers, the dlt
integration, the vendor registry and the package root, which loads clients lazily).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import real_estate_async

PACKAGE = "real_estate_async"
ROOT = Path(real_estate_async.__file__).parent
VENDORS = f"{PACKAGE}.providers"

#: Modules (or packages, with everything below them) allowed to import a vendor.
CONSUMERS = (
    f"{PACKAGE}",  # the package root: ``LoftyClient`` & co., loaded on first use
    f"{PACKAGE}.providers",
    f"{PACKAGE}.sandbox",
    f"{PACKAGE}.integrations",
    f"{PACKAGE}.workers",
    f"{PACKAGE}.cli",
    f"{PACKAGE}._cli_fleet",
    f"{PACKAGE}._cli_sync",
    f"{PACKAGE}._registry",
    f"{PACKAGE}.testing",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path for path in sorted(ROOT.rglob("*.py")) if path.name != "__main__.py"
}


def _is_consumer(module: str) -> bool:
    if module == PACKAGE:
        return True
    return any(module == c or module.startswith(c + ".") for c in CONSUMERS if c != PACKAGE)


CORE = sorted(m for m in MODULES if not _is_consumer(m))


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _imports(module: str) -> list[tuple[str, bool]]:
    """``(imported module, at run time)`` for every import in ``module``, relative ones
    resolved; ``from x import y`` names ``x.y`` when that is a module of the package.
    Imports under ``if TYPE_CHECKING:`` are not run (annotations only)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        runtime = not _in_type_checking(node, parents)
        found += [(name, runtime) for name in names if name]
    return found


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle in ``graph`` (as the path that closes it), or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_module_list_is_the_package() -> None:
    # The checks below mean something only if they see the modules that matter.
    for module in ("_client", "_pipeline", "_error_mapping", "_resource", "hooks", "models"):
        assert f"{PACKAGE}.{module}" in CORE
    assert f"{PACKAGE}.providers.lofty.client" in MODULES
    assert f"{PACKAGE}.providers.lofty.client" not in CORE


def test_no_core_module_imports_a_vendor() -> None:
    offenders = {
        module: sorted({name for name, _ in _imports(module) if name.startswith(VENDORS)})
        for module in CORE
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def test_the_core_imports_form_no_circle() -> None:
    graph = {
        module: {
            name
            for name, runtime in _imports(module)
            if runtime and name in CORE and name != module
        }
        for module in CORE
    }
    assert sum(len(targets) for targets in graph.values()) > len(CORE)  # edges were found
    assert _find_cycle(graph) is None


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


# Each module imported first, in a process where nothing of the package is loaded yet: a
# circle hidden by the usual import order (the package root first) fails here. The
# parent loads the third-party libraries (and the installed extras) once, then forks one child per module, so the
# check costs a fraction of a second per module rather than an interpreter start.
_IMPORT_EACH = textwrap.dedent(
    """
    import importlib, os, sys, traceback
    import aiohttp, attrs, cattrs, multidict, yarl  # third-party only: not the package
    for extra in ("dlt", "taskiq", "redis.asyncio", "opentelemetry.trace", "click"):
        try:
            importlib.import_module(extra)
        except ImportError:
            pass
    assert not any(m.startswith("real_estate_async") for m in sys.modules)
    failed, running, names = [], {}, list(sys.argv[1:])
    while names or running:
        if names and len(running) < 4:  # a few at a time
            name = names.pop()
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                code = 0
                try:
                    importlib.import_module(name)
                except ModuleNotFoundError as exc:  # an optional extra that is not installed
                    code = 0 if exc.name and not exc.name.startswith("real_estate_async") else 1
                    os.write(write, traceback.format_exc()[-4000:].encode())
                except BaseException:
                    code = 1
                    os.write(write, traceback.format_exc()[-4000:].encode())
                os._exit(code)
            os.close(write)
            running[pid] = (name, read)
            continue
        pid, status = os.wait()
        name, read = running.pop(pid)
        with os.fdopen(read, "rb") as pipe:
            detail = pipe.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(name + "\\n" + detail)
    print("\\n".join(failed))
    sys.exit(1 if failed else 0)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="uses os.fork")
def test_each_module_imports_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *MODULES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
