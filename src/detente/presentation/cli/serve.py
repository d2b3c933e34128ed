"""``detente serve``: the web app (FastAPI + uvicorn), bound to loopback unless told otherwise."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer

from detente.presentation.cli.common import console, fail, load_or_exit, require_or_exit

__all__ = ["register"]


def _check_port(host: str, port: int) -> None:
    """Exit 1 naming the port when it cannot be bound (busy, or not ours), before any URL."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = "is already in use" if error.errno == errno.EADDRINUSE else "cannot be used"
            fail(f"port {port} on {host} {reason} ({error.strerror}); choose another with --port")


def serve(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(help="Scenario YAML files (or embedded ids) to serve besides the embedded."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to bind (default: loopback only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the scenarios in the browser: views, what-if, upload and a JSON API."""
    require_or_exit("web", ("fastapi", "uvicorn", "jinja2", "plotly"), "the web app")
    loaded = [load_or_exit(reference) for reference in scenarios or []]
    import uvicorn

    from detente.presentation.web import create_app
    from detente.presentation.web.app import LOOPBACK_HOSTS

    _check_port(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"warning: listening on {host}, reachable from other machines", style="yellow"
        )
    console.print(f"detente: http://{host}:{port}/", markup=False, highlight=False)
    hosts = [*LOOPBACK_HOSTS, host] if host not in ("0.0.0.0", "::") else ["*"]
    uvicorn.run(
        create_app(loaded, hosts=hosts),
        host=host,
        port=port,
        log_level="warning",
        # Slow or idle connections are closed: 5 s between requests, bounded header size,
        # and at most 256 connections at once (503 beyond).
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=64 * 1024,
        limit_concurrency=256,
        timeout_graceful_shutdown=5,
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)
