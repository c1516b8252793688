"""Extract the facts table of Lofty's published OpenAPI document.

For every operation of the document: its method, its path (with the ``/v1.0`` or
``/v2.0`` prefix), its path and query parameters (query ones with ``required``), the
schema of its request body, and the shape of its response: a bare array, an object that
wraps a list (``list_key``, a dotted path such as ``calls`` or ``data.items``), an object
that wraps one object (``wrapper_key``), a plain object, or a scalar.

The table is committed as ``tests/lofty/published_operations.json`` so the tests never
need the document itself; ``tests/lofty/test_lofty_contract.py`` checks that the committed
table still matches the document when the document is present.

Usage::

    python tools/lofty_facts.py                # write the table
    python tools/lofty_facts.py --check        # exit 1 if the committed table is stale
    python tools/lofty_facts.py --spec PATH --out PATH
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Where the document is looked for: ``$LOFTY_OPENAPI``, else the copy committed beside the
#: tests (tests/fixtures/lofty/README.md says where it comes from).
SPEC_CANDIDATES = (ROOT / "tests" / "fixtures" / "lofty" / "openapi.json",)
DEFAULT_OUT = ROOT / "tests" / "lofty" / "published_operations.json"
METHODS = ("get", "put", "post", "delete", "patch")
#: Keys that only describe a page, never the payload.
PAGE_META = {
    "total",
    "totalCount",
    "page",
    "pageNum",
    "pageSize",
    "limit",
    "offset",
    "count",
    "hasMore",
    "nextCursor",
    "code",
    "message",
    "msg",
}


class _Spec:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})

    def resolve(self, schema: Any) -> Any:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 20:
            schema = self.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
            seen += 1
        return schema

    @staticmethod
    def name(schema: Any) -> str | None:
        if not isinstance(schema, dict):
            return None
        if "$ref" in schema:
            return str(schema["$ref"].rsplit("/", 1)[-1])
        kind = schema.get("type")
        if kind == "array":
            inner = _Spec.name(schema.get("items"))
            return f"array[{inner}]" if inner else "array"
        return str(kind) if kind else None

    def is_object(self, schema: Any) -> bool:
        target = self.resolve(schema)
        return isinstance(target, dict) and (
            target.get("type") == "object" or "properties" in target
        )

    def is_object_array(self, schema: Any) -> bool:
        target = self.resolve(schema)
        return (
            isinstance(target, dict)
            and target.get("type") == "array"
            and (self.is_object(target.get("items")) or not target.get("items"))
        )

    @staticmethod
    def is_metadata(key: str) -> bool:
        """A page's bookkeeping (totals, cursors, ``_metadata``), not its payload."""
        return key in PAGE_META or "metadata" in key.lower()

    def fields(self, schema: Any) -> list[str]:
        """Property names of an object schema (an array's items), in the document's order."""
        target = self.resolve(schema)
        if isinstance(target, dict) and target.get("type") == "array":
            target = self.resolve(target.get("items"))
        props = target.get("properties") if isinstance(target, dict) else None
        return list(props or {})

    def shape(self, schema: Any, prefix: str = "") -> dict[str, Any]:
        """``{"shape": ..., "list_key"/"wrapper_key": ..., "fields": [...]}`` of a response
        schema; ``fields`` are those of one record (a list's item, the wrapped object)."""
        target = self.resolve(schema)
        if not isinstance(target, dict) or not target:
            return {"shape": "none"}
        if target.get("type") == "array":
            return {"shape": "array", "fields": self.fields(target)}
        props: dict[str, Any] = target.get("properties") or {}
        if not self.is_object(target):
            return {"shape": "scalar"}
        arrays = [k for k, v in props.items() if self.is_object_array(v)]
        rest = [k for k in props if k not in arrays]
        if len(arrays) == 1 and all(self.is_metadata(k) for k in rest):
            key = arrays[0]
            return {"shape": "list", "list_key": prefix + key, "fields": self.fields(props[key])}
        # ``status`` beside ``data`` is the envelope's own (CallSummaryResponse).
        wrapped = [
            k for k, v in props.items() if "$ref" in v and self.is_object(v) and k != "status"
        ]
        others = [k for k in props if k not in wrapped]
        if len(wrapped) == 1 and len(props) <= 2 and all(k == "status" for k in others):
            key = wrapped[0]
            inner = self.shape(props[key], prefix=f"{prefix}{key}.")
            if inner["shape"] == "list":
                return inner
            return {
                "shape": "wrapped",
                "wrapper_key": prefix + key,
                "fields": self.fields(props[key]),
            }
        return {"shape": "object", "fields": list(props)}


def _response_schema(operation: dict[str, Any]) -> Any:
    responses = operation.get("responses") or {}
    for status in ("200", "201", "default"):
        content = (responses.get(status) or {}).get("content") or {}
        for media in content.values():
            if "schema" in media:
                return media["schema"]
    return None


def _body_schema(operation: dict[str, Any]) -> Any:
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media in content.values():
        if "schema" in media:
            return media["schema"]
    return None


def facts(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts table: one row per operation, sorted by path then method."""
    spec = _Spec(document)
    rows: list[dict[str, Any]] = []
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters") or []
        for method, operation in item.items():
            if method not in METHODS:
                continue
            params = [spec.resolve(p) for p in (*shared, *(operation.get("parameters") or []))]
            response = _response_schema(operation)
            body = _body_schema(operation)
            row: dict[str, Any] = {
                "method": method.upper(),
                "path": path,
                "path_params": [p["name"] for p in params if p.get("in") == "path"],
                "query": [
                    {"name": p["name"], "required": bool(p.get("required", False))}
                    for p in params
                    if p.get("in") == "query"
                ],
                "request_body": spec.name(body) if body is not None else None,
                "response": spec.name(response) if response is not None else None,
                **spec.shape(response),
            }
            rows.append(row)
    rows.sort(key=lambda r: (r["path"], METHODS.index(r["method"].lower())))
    return rows


def find_spec() -> Path | None:
    """The published document on this machine, if any."""
    env = os.environ.get("LOFTY_OPENAPI")
    if env:
        return Path(env)
    return next((p for p in SPEC_CANDIDATES if p.exists()), None)


def render(document: dict[str, Any]) -> str:
    table = {
        "source": "Lofty OpenAPI document (developer.lofty.com/openapi/openapi.json)",
        "title": document.get("info", {}).get("title"),
        "version": document.get("info", {}).get("version"),
        "operations": facts(document),
    }
    return json.dumps(table, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    spec = args.spec or find_spec()
    if spec is None:
        print(
            "Lofty's OpenAPI document not found: pass --spec or set LOFTY_OPENAPI", file=sys.stderr
        )
        return 2
    document = json.loads(spec.read_text(encoding="utf-8"))
    text = render(document)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run python tools/lofty_facts.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(json.loads(text)['operations'])} operations -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
