"""Response headers and request limits that every route of the web app gets.

- ``Content-Security-Policy``: scripts, styles, images and requests from the app's own origin
  only; no inline script (``script-src 'self'``), no plugin, no framing, no ``<base>``.
  ``style-src`` allows inline style *attributes* because plotly.js sets them on the SVG it
  draws; scripts stay strict.
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
  ``X-Frame-Options: DENY``, ``Cross-Origin-Opener-Policy: same-origin``.
- No CORS: no ``Access-Control-Allow-*`` header is ever sent, so browsers keep other origins
  from reading the API.
- Request bodies over ``max_body`` bytes are refused with 413 before they are read (by the
  declared ``Content-Length``) or while they are read (chunked bodies).
- An unhandled error gives a 500 that carries these headers too.
"""

from __future__ import annotations

import json
import logging
from typing import Any

__all__ = ["CSP", "SECURITY_HEADERS", "SecurityMiddleware"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

Scope = dict[str, Any]
_log = logging.getLogger("detente.web")


class SecurityMiddleware:
    """ASGI middleware: security headers on every response, a cap on request bodies.

    The body is read here, whole, before the app sees it: a declared ``Content-Length`` over
    ``max_body`` is refused at once, and a chunked body is refused with 413 as soon as it passes
    ``max_body`` (the app would otherwise report a failed read as 400). An exception that
    escapes the app becomes a plain 500 *with* the security headers (logged, never shown).
    """

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_body:
            await _reply(send, 413, f"request body larger than {self.max_body:,} bytes")
            return
        messages = await _read_body(receive, self.max_body)
        if messages is None:
            await _reply(send, 413, f"request body larger than {self.max_body:,} bytes")
            return
        started = False

        async def replay() -> Any:
            return messages.pop(0) if messages else await receive()

        async def secured_send(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                raw = [(k, v) for k, v in message.get("headers", []) if not _is_cors(k)]
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        try:
            await self.app(scope, replay, secured_send)
        except Exception:
            _log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _reply(send, 500, "internal error")


async def _read_body(receive: Any, limit: int) -> list[Any] | None:
    """Every message of the request body, or None as soon as the body passes ``limit``."""
    messages, seen = [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        seen += len(message.get("body", b""))
        if seen > limit:
            return None
        if not message.get("more_body", False):
            return messages


def _is_cors(name: bytes) -> bool:
    return name.lower().startswith(b"access-control-")


async def _reply(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
