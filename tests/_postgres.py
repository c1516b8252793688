"""A real PostgreSQL server for tests: ``initdb`` + ``pg_ctl`` in a temporary directory on
a free localhost port, password-protected (scram), stopped and removed afterwards.

PostgreSQL refuses to run as root, so as root the binaries run as the ``postgres`` user
(Debian's package creates it). :data:`SKIP_REASON` says why no server can be started.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

__all__ = ["SKIP_REASON", "PostgresServer", "postgres_server"]


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version, reverse=True)
    return Path(versions[0]).parent if versions else None


def _version(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name.split(".")[0])
    except ValueError:
        return 0


def _run_as() -> str | None:
    """The user to run the server as (None: the current user)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return ""
    return "postgres"


BINDIR = _bindir()
_USER = _run_as()
SKIP_REASON: str | None = None
if BINDIR is None:
    SKIP_REASON = "PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql"
elif _USER == "":
    SKIP_REASON = "running as root and there is no 'postgres' user to run PostgreSQL as"


@attrs.frozen
class PostgresServer:
    host: str
    port: int
    user: str
    password: str
    database: str

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{self.database}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cmd(args: list[str]) -> list[str]:
    if _USER:
        return ["runuser", "-u", _USER, "--", *args]
    return args


@contextlib.contextmanager
def postgres_server(password: str = "pg-secret-7f3a9c") -> Iterator[PostgresServer]:
    """Start a server (user ``loader`` with ``password``, database ``postgres``)."""
    if SKIP_REASON is not None or BINDIR is None:
        raise RuntimeError(SKIP_REASON)
    root = Path(tempfile.mkdtemp(prefix="real-estate-pg-"))
    data = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if _USER:
        info = pwd.getpwnam(_USER)
        os.chown(root, info.pw_uid, info.pw_gid)
        os.chown(pwfile, info.pw_uid, info.pw_gid)
    port = _free_port()
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    try:
        subprocess.run(
            _cmd(
                [
                    str(BINDIR / "initdb"), "-D", str(data), "-U", "loader", "--pwfile",
                    str(pwfile), "--auth=scram-sha-256", "--no-sync", "-E", "UTF8",
                ]
            ),
            **quiet,
        )  # fmt: skip
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            _cmd([str(BINDIR / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                  str(root / "log"), "start"]),
            **quiet,
        )  # fmt: skip
        try:
            yield PostgresServer("127.0.0.1", port, "loader", password, "postgres")
        finally:
            subprocess.run(
                _cmd([str(BINDIR / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
