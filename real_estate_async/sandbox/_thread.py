"""Run a :class:`Sandbox` on its own event loop in a background thread.

For synchronous callers that need the fake vendors while something else owns the
thread: a dlt pipeline (which runs async resources in a loop of its own), a subprocess
test of the CLI, a benchmark.

```python
with SandboxThread(Sandbox(records=500, demo=True)) as box:
    run_sync(base_url=box.sandbox.url("brokermint"), ...)
    box.call(box.sandbox.mutate, "brokermint", "transactions", 10)
```
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from . import Sandbox

__all__ = ["SandboxThread"]

T = TypeVar("T")


class SandboxThread:
    """Starts ``sandbox`` in a daemon thread on entry, stops it and the loop on exit."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="real-estate-async-sandbox", daemon=True
        )

    def __enter__(self) -> SandboxThread:
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.sandbox.start(), self._loop).result()
        except BaseException:
            self._shutdown()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self.sandbox.stop(), self._loop).result()
        finally:
            self._shutdown()

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the sandbox's loop (its data is not thread-safe)."""

        async def run() -> T:
            return fn(*args, **kwargs)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result()

    def mutate(self, vendor: str, resource: str, n: int = 1) -> list[Any]:
        """:meth:`Sandbox.mutate` on the sandbox's loop."""
        return self.call(self.sandbox.mutate, vendor, resource, n)

    def _shutdown(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
