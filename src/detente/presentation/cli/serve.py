"""``detente serve``: the web app (FastAPI + uvicorn), bound to loopback unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.presentation.cli.common import console, fail, load_or_exit

__all__ = ["register"]


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
    loaded = [load_or_exit(reference) for reference in scenarios or []]
    try:
        import uvicorn

        from detente.presentation.web import create_app
        from detente.presentation.web.app import LOOPBACK_HOSTS
    except ImportError as error:
        fail(f"the web app needs the 'web' extra (pip install 'detente[web]'): {error}")
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
