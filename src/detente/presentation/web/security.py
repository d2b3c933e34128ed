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
"""

from __future__ import annotations

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


class SecurityMiddleware:
    """ASGI middleware: security headers on every response, a cap on request bodies."""

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
            await _too_large(send, self.max_body)
            return
        seen = 0

        async def limited_receive() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _BodyTooLargeError
            return message

        async def secured_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                raw = [(k, v) for k, v in message.get("headers", []) if not _is_cors(k)]
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _BodyTooLargeError:
            await _too_large(send, self.max_body)


class _BodyTooLargeError(Exception):
    pass


def _is_cors(name: bytes) -> bool:
    return name.lower().startswith(b"access-control-")


async def _too_large(send: Any, limit: int) -> None:
    body = f'{{"detail":"request body larger than {limit:,} bytes"}}'.encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
