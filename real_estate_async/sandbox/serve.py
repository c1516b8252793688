"""``python -m real_estate_async.sandbox serve``: run the fake vendors until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import Sandbox
from ._faults import FaultConfig, RateLimits

__all__ = ["build_parser", "describe", "main", "serve_forever"]


def describe(sb: Sandbox) -> str:
    """The URLs and fake credentials of a running sandbox, one vendor per block."""
    lines = [f"real_estate_async sandbox (records={sb.config.records}, seed={sb.config.seed})"]
    for vendor, url in sb.urls.items():
        lines.append(f"  {vendor}: {url}")
        for name, value in sb.credentials[vendor].items():
            lines.append(f"      {name} = {value}")
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines)


async def serve_forever(
    records: int = 1000,
    *,
    port_base: int | None = None,
    seed: int = 1,
    latency: float = 0.0,
    faults: FaultConfig | None = None,
    rate_limits: RateLimits | None = None,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Sandbox], None] | None = None,
    out: TextIO | None = None,
) -> None:
    """Start a :class:`Sandbox`, print its URLs and keys (or call ``on_ready``), and serve
    until ``stop`` is set or the task is cancelled (Ctrl-C)."""
    sandbox = Sandbox(
        records,
        seed=seed,
        latency=latency,
        faults=faults,
        rate_limits=rate_limits,
        port_base=port_base,
    )
    async with sandbox as sb:
        if on_ready is not None:
            on_ready(sb)
        else:
            print(describe(sb), file=out or sys.stdout, flush=True)
        await (stop or asyncio.Event()).wait()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m real_estate_async.sandbox",
        description="Fake Lofty, Brokermint, Open To Close and Ovipro servers on localhost.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the fake vendors until Ctrl-C")
    serve.add_argument("--records", type=int, default=1000, help="records per main collection")
    serve.add_argument(
        "--port-base", type=int, default=None, help="first port (default: free ports)"
    )
    serve.add_argument("--seed", type=int, default=1)
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    serve.add_argument("--error-rate", type=float, default=0.0, help="probability of a 5xx")
    serve.add_argument("--reset-rate", type=float, default=0.0, help="probability of a reset")
    serve.add_argument(
        "--strict-limits",
        action="store_true",
        help="enforce the vendors' documented rate limits (default: relaxed)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 after Ctrl-C, 2 on bad arguments)."""
    args = build_parser().parse_args(argv)
    if args.records < 0:
        print("error: --records must be >= 0", file=sys.stderr)
        return 2
    faults = FaultConfig(error_rate=args.error_rate, reset_rate=args.reset_rate)
    limits = RateLimits() if args.strict_limits else RateLimits.relaxed()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            serve_forever(
                args.records,
                port_base=args.port_base,
                seed=args.seed,
                latency=args.latency,
                faults=faults,
                rate_limits=limits,
            )
        )
    return 0
