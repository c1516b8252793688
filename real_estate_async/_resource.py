"""Resource: a group of endpoints on a client, and the helpers every vendor uses to read
a response body (``unwrap`` one record, ``items_in`` a list, ``model_parser`` for items)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import PaginationError, shape_error
from ._params import path_segment
from ._response import RawResponseView, _Recorder
from .models import Model, _wire_keys, converter
from .pagination import AsyncPager, PaginationStrategy

if TYPE_CHECKING:
    from ._client import ProviderClient

__all__ = ["Body", "Resource", "items_in", "model_parser", "unwrap"]

M = TypeVar("M", bound=Model)


class Resource:
    """A group of endpoints on a client (``client.leads``); holds no state but the client.

    The helpers below are the one way every vendor builds paths, unwraps one model and
    reads a list out of a response body.
    """

    def __init__(self, client: ProviderClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> RawResponseView:
        """This resource's methods returning :class:`APIResponse` (``.parse()`` for the
        result): ``await client.leads.with_raw_response.get(5)``."""
        return RawResponseView(self)

    def _id(self, value: Any, name: str) -> Any:
        """Check one path id before it is encoded; vendors with integer ids override this."""
        return value

    def _path(
        self,
        template: str,
        *ids: Any,
        names: tuple[str, ...] = (),
        named: Mapping[str, Any] | None = None,
    ) -> str:
        """``template`` with its ``{}`` placeholders (``ids``, called ``names`` in errors)
        and ``{name}`` ones (``named``) filled by checked, URL-encoded ids."""
        segments = []
        for i, value in enumerate(ids):
            name = names[i] if i < len(names) else "id"
            segments.append(path_segment(self._id(value, name), name))
        if not named:
            return template.format(*segments)
        keyed = {k: path_segment(self._id(v, k), k) for k, v in named.items()}
        return template.format(*segments, **keyed)

    @staticmethod
    def _one(
        cls: type[M], data: Any, *keys: str, bare: bool = False, raw: bool = False
    ) -> M | dict[str, Any]:
        """One ``cls`` from a response body, unwrapped from ``{key: {...}}`` for the first of
        ``keys`` that holds an object; with ``raw=True`` the (unwrapped) decoded JSON.

        ``bare=True`` where the vendor documents the record unwrapped too (an object holding
        one of ``cls``'s fields is the record); an object that is neither raises
        :class:`ResponseShapeError` (see :func:`unwrap`). Without ``keys`` the body is the
        record. A body that is not an object (an empty 204, a ``true``) is returned as is."""
        fields = _wire_keys(cls) if bare else None
        inner: dict[str, Any] = unwrap(data, *keys, fields=fields)  # the decoded JSON object
        if raw or type(inner) is not dict:
            return inner
        return cls.from_dict(inner)

    @staticmethod
    def _many(
        cls: type[M], data: Any, *keys: str, unwrap: str | None = None, raw: bool = False
    ) -> list[Any]:
        """The ``cls`` items of a list body (see :func:`items_in`), each unwrapped from
        ``{unwrap: {...}}`` when asked; dicts with ``raw=True``."""
        items = items_in(*keys)(data)
        parse = model_parser(cls, raw, unwrap)
        return list(items) if parse is None else [parse(item) for item in items]

    def _request(self, method: str, path: str, **kwargs: Any) -> Awaitable[Any]:
        # The client's coroutine itself, not an ``async def`` around it: one coroutine
        # frame less per call (``await self._request(...)`` reads the same).
        return self._client.request(method, path, **kwargs)

    def _pager(
        self,
        method: str,
        path: str,
        strategy: PaginationStrategy,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        page_in: str = "query",
        parse: Callable[[Any], Any] | None = None,
        resume_from: Mapping[str, Any] | None = None,
        concurrency: int = 1,
        **request_options: Any,
    ) -> AsyncPager[Any]:
        """An AsyncPager whose every page repeats the caller's filters (query or body)."""
        client = self._client
        # None is never sent (encode_query drops it): dropped once here, not on each page.
        base_params = {k: v for k, v in (params or {}).items() if v is not None}
        base_json = dict(json) if json is not None else None
        # One recorder for every page (pager.last_response builds its APIResponse on read).
        recorder = _Recorder()

        def fetch(page_args: Mapping[str, Any]) -> Awaitable[Any]:
            # The coroutine itself, not an ``async def`` around it (see ``request``).
            if page_in == "json":
                return client._call(
                    method,
                    path,
                    params=base_params,
                    json={**(base_json or {}), **page_args},
                    recorder=recorder,
                    **request_options,
                )
            return client._call(
                method,
                path,
                params={**base_params, **page_args},
                json=base_json,
                recorder=recorder,
                **request_options,
            )

        pager = AsyncPager(
            fetch, strategy, parse=parse, resume_from=resume_from, concurrency=concurrency
        )
        pager._recorder = recorder
        return pager


def model_parser(
    cls: type[M], raw: bool = False, unwrap: str | None = None
) -> Callable[[Any], Any] | None:
    """Item parser for pagers: unwrap ``{"lead": {...}}`` when asked, then build ``cls``
    (``raw=True`` keeps dicts). ``None`` means "items as they are", the fastest path.

    This runs once per item of every export, so it avoids ABC ``isinstance`` checks.
    """
    if unwrap is None:
        return None if raw else cls.from_dict
    structure = converter.get_structure_hook(cls)

    def unwrapped(item: Any) -> Any:
        inner = item.get(unwrap) if type(item) is dict else None
        return inner if type(inner) is dict else item

    def parse(item: Any) -> Any:
        inner = item.get(unwrap) if type(item) is dict else None
        return structure(inner if type(inner) is dict else item, cls)

    return unwrapped if raw else parse


#: A request body as users pass it: the vendor's JSON object, or a model of it.
Body = Mapping[str, Any] | Model


def unwrap(data: Any, *keys: str, fields: frozenset[str] | None = None) -> Any:
    """``{"lead": {...}}`` -> ``{...}`` for the first of ``keys`` holding an object.

    ``fields`` (the record's own keys) says the vendor documents the record bare too: an
    object holding one of them is the record itself, and with them an object with its own
    ``id`` is never taken for an envelope. An object that is neither raises
    :class:`ResponseShapeError` naming its keys, instead of becoming a model whose every
    field is ``None``. Without ``keys`` the record is bare: any object is returned. A body
    that is not an object (an empty 204, a vendor's ``true``) is returned as it is.
    """
    if type(data) is not dict or not keys:
        return data
    if fields is not None and "id" in data and "id" in fields:
        return data
    for key in keys:
        inner = data.get(key)
        if type(inner) is dict:
            return inner
    if fields is not None and not fields.isdisjoint(data):
        return data
    expected = " or ".join(repr(k) for k in keys)
    if fields is not None:
        expected += " or the record itself"
    raise shape_error(f"an object under {expected}", data, keys)


def items_in(*keys: str) -> Callable[[Any], Sequence[Any]]:
    """Items getter of a list body: a bare JSON array, or the array under the first of
    ``keys`` present in an object (``{"_metadata": ..., "leads": [...]}``).

    Only an empty body, ``null``, ``[]`` or one of ``keys`` holding ``[]``/``null`` is an
    empty page. An object with none of ``keys`` (a renamed wrapper) or anything else that
    is not a list is an unrecognised shape: a :class:`PaginationError` (its subclass
    :class:`ResponseShapeError` naming the keys the object held), never silent data
    loss, the same for every vendor and every paging style.
    """
    wanted = " or ".join(["a JSON array"] + [f"an object with {k!r}" for k in keys])

    def get(raw: Any) -> Sequence[Any]:
        if raw is None:
            return []
        if isinstance(raw, list):
            return raw
        if isinstance(raw, Mapping):
            for key in keys:
                if key in raw:
                    node = raw[key]
                    if node is None:
                        return []
                    if isinstance(node, list):
                        return node
                    raise PaginationError(
                        f"expected a list at {key!r} of the response, got {type(node).__name__}"
                    )
        raise shape_error(wanted, raw, keys)

    return get
