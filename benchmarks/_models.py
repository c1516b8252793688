"""Models with every field read vs msgspec ``Struct`` and pydantic v2 decoding the same pages.

No HTTP: the same encoded pages (100 Lofty leads, 100 Brokermint transactions each) go
through each side, best of interleaved rounds. Ours: ``orjson.loads`` and the pager's item
parser (``model_parser``), then every field read. msgspec and pydantic: one typed decode
of the page into classes derived from our models (same fields, same vendor keys, nested
models as nested classes), then every field read. Epoch-millisecond timestamps: pydantic
decodes them into datetimes itself (it reads numbers above 2e10 as milliseconds); msgspec
cannot, so they are numbers there and converted when read (``from_epoch_ms``), as ours
converts them. Every side ends with the same Python values.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import types
import typing
from collections.abc import Callable
from typing import Any

import orjson

from real_estate_async._timestamps import EpochMs, from_epoch_ms
from real_estate_async.models import Model, _fields_of
from real_estate_async.providers.base import model_parser
from real_estate_async.providers.brokermint.models import Transaction
from real_estate_async.providers.lofty.models import Lead

from ._common import Result, fmt, info, n_rounds, per_round, point, row, scaled
from ._servers import lead, transaction

Make = Callable[[type[Model]], Any]


def _ref_type(tp: Any, make: Make, epoch: Any = int | float) -> Any:
    """Our annotation with every model replaced by ``make(model)``, epoch ms by ``epoch``."""
    if tp is EpochMs:
        return epoch
    if isinstance(tp, type) and issubclass(tp, Model):
        return make(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        out = _ref_type(args[0], make, epoch)
        for arg in args[1:]:
            out = out | _ref_type(arg, make, epoch)
        return out
    if origin is list:
        return list[_ref_type(args[0], make, epoch)]  # type: ignore[misc]
    return tp


def _fields(cls: type[Model]) -> list[tuple[str, str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(name, wire, hints[name]) for name, wire, _ in _fields_of(cls)]


def _epoch_names(cls: type[Model]) -> list[str]:
    return [n for n, _, tp in _fields(cls) if EpochMs in (tp, *typing.get_args(tp))]


def msgspec_struct(cls: type[Model], _done: dict[type, Any] | None = None) -> Any:
    import msgspec

    done = {} if _done is None else _done
    if cls not in done:
        make: Make = lambda c: msgspec_struct(c, done)  # noqa: E731
        fields = [(n, _ref_type(tp, make) | None, None) for n, _, tp in _fields(cls)]
        done[cls] = msgspec.defstruct(
            cls.__name__, fields, rename={n: w for n, w, _ in _fields(cls)}
        )
    return done[cls]


def pydantic_model(cls: type[Model], _done: dict[type, Any] | None = None) -> Any:
    import pydantic

    done = {} if _done is None else _done
    if cls not in done:
        make: Make = lambda c: pydantic_model(c, done)  # noqa: E731
        fields: dict[str, Any] = {
            n: (_ref_type(tp, make, dt.datetime) | None, pydantic.Field(default=None, alias=w))
            for n, w, tp in _fields(cls)
        }
        done[cls] = pydantic.create_model(cls.__name__, **fields)
    return done[cls]


def _reader(cls: type[Model], convert: bool) -> Callable[[Any], None]:
    """Read every field of one record; ``convert``: epoch-ms numbers to datetimes."""
    names = [n for n, _, _ in _fields(cls)]
    epochs = _epoch_names(cls) if convert else []

    def read(x: Any) -> None:
        for name in names:
            getattr(x, name)
        for name in epochs:
            value = getattr(x, name)
            if value is not None:
                from_epoch_ms(value)

    return read


class _Case:
    """One model's pages and the three ways of decoding and reading them."""

    def __init__(self, cls: type[Model], pages: list[bytes], unwrap: str | None) -> None:
        import msgspec
        import pydantic

        self.cls, self.pages, self.unwrap = cls, pages, unwrap
        struct, pmodel = msgspec_struct(cls), pydantic_model(cls)
        if unwrap is None:
            self.ms = msgspec.json.Decoder(list[struct])  # type: ignore[valid-type]
            self.pd = pydantic.TypeAdapter(list[pmodel])  # type: ignore[valid-type]
        else:  # Lofty: {"_metadata": ..., "leads": [{"lead": {...}}]}
            wrap = msgspec.defstruct("Wrap", [(unwrap, struct)])
            page = msgspec.defstruct("Page", [("leads", list[wrap])])  # type: ignore[valid-type]
            self.ms = msgspec.json.Decoder(page)
            pwrap = pydantic.create_model("Wrap", **{unwrap: (pmodel, ...)})  # type: ignore[call-overload]
            self.pd = pydantic.TypeAdapter(
                pydantic.create_model("Page", leads=(list[pwrap], ...))  # type: ignore[valid-type]
            )
        self.read_ours, self.read_ms = _reader(cls, False), _reader(cls, True)
        self.parse = model_parser(cls, unwrap=unwrap)
        assert self.parse is not None

    def ours(self) -> float:
        parse, read, key = self.parse, self.read_ours, self.unwrap
        started = time.perf_counter()
        for body in self.pages:
            data = orjson.loads(body)
            for item in data["leads"] if key else data:
                read(parse(item))  # type: ignore[misc]
        return time.perf_counter() - started

    def _ref(self, decode: Callable[[bytes], Any], read: Callable[[Any], None]) -> float:
        key = self.unwrap
        started = time.perf_counter()
        for body in self.pages:
            data = decode(body)
            for item in (getattr(w, key) for w in data.leads) if key else data:
                read(item)
        return time.perf_counter() - started

    def msgspec(self) -> float:
        return self._ref(self.ms.decode, self.read_ms)

    def pydantic(self) -> float:
        return self._ref(self.pd.validate_json, self.read_ours)

    def check(self) -> None:
        """Both references end with the values ours reads (a wrong mapping fails here)."""
        body = self.pages[0]
        data = orjson.loads(body)
        mine = [self.parse(x) for x in (data["leads"] if self.unwrap else data)]  # type: ignore[misc]
        decoded_pages: list[Any] = [self.ms.decode(body), self.pd.validate_json(body)]
        for decoded in decoded_pages:
            items = [getattr(w, self.unwrap) for w in decoded.leads] if self.unwrap else decoded
            for m, r in zip(mine, items, strict=True):
                for name in ("lead_id", "first_name", "id", "city", "updated_at"):
                    if hasattr(m, name):
                        want, got = getattr(m, name), getattr(r, name)
                        if name == "updated_at" and not isinstance(got, dt.datetime):
                            got = from_epoch_ms(got)
                        assert want == got, (name, want, got)


def _pages(make: Callable[[int], dict[str, Any]], records: int, wrap: str | None) -> list[bytes]:
    out = []
    for o in range(0, records, 100):
        items: list[Any] = [make(i) for i in range(o + 1, min(o + 101, records + 1))]
        if wrap is not None:
            meta = {"offset": o, "limit": 100, "total": records}
            out.append(json.dumps({"_metadata": meta, "leads": [{wrap: x} for x in items]}))
        else:
            out.append(json.dumps(items))
    return [p.encode() for p in out]


async def models_vs_msgspec(records: int = 20_000, rounds: int = 3) -> Result:
    rounds = n_rounds(rounds)
    try:
        import msgspec  # noqa: F401
        import pydantic  # noqa: F401
    except ImportError:
        return row("models vs msgspec / pydantic", "skipped: pip install -e '.[bench]'",
                   ">= 0.5x of msgspec", True, skipped=True)  # fmt: skip
    records = scaled(records, 500)
    cases = {
        "Lead": _Case(Lead, _pages(lead, records, "lead"), "lead"),
        "Transaction": _Case(Transaction, _pages(transaction, records, None), None),
    }
    figures: dict[str, dict[str, list[float]]] = {}
    for name, case in cases.items():
        case.check()
        runs = {"ours": case.ours, "msgspec": case.msgspec, "pydantic": case.pydantic}
        for run in runs.values():
            run()  # warm up
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(rounds):
            for key, run in runs.items():
                times[key].append(run())
        figures[name] = {
            "msgspec": per_round(times["msgspec"], times["ours"]),
            "pydantic": per_round(times["pydantic"], times["ours"]),
            "us_per_record_ours": [t / records * 1e6 for t in times["ours"]],
        }
    measured = "; ".join(
        f"{n}: {fmt(f['msgspec'])} of msgspec's speed, {fmt(f['pydantic'])} of pydantic's"
        for n, f in figures.items()
    )
    points = []
    for n, f in figures.items():
        points.append(point(f"{n} models vs msgspec, speed", f["msgspec"], 0.5, ">="))
    for n, f in figures.items():
        points.append(info(f"{n} models vs pydantic v2, speed", f["pydantic"]))
    return row(
        f"models: every field read vs msgspec Struct decoding the same pages ({records:,} each)",
        measured,
        ">= 0.5x of msgspec (pydantic v2 for information)",
        points=points,
        reference="msgspec.json.Decoder / pydantic TypeAdapter.validate_json on the page"
        " bytes, classes derived from our models, every field read (msgspec converts"
        " epoch-ms dates on read, pydantic while decoding)",
        records=records,
        figures=figures,
    )
