"""Admission of heavy requests: a bounded number run at once, a bounded number wait, the rest 503.

A heavy request (building a document, a what-if, validating an upload) runs in a worker thread
(:func:`anyio.to_thread.run_sync` with a :class:`anyio.CapacityLimiter` of ``workers``
tokens), so the event loop keeps answering light requests while it runs. At most ``queue``
heavy requests wait for a token; one more gets :class:`BusyError`, which the app answers with
``503 Service Unavailable`` and ``Retry-After``. Memory is then bounded by ``workers`` times
the largest request (the interactive outcome cap), whatever the number of clients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

__all__ = ["BusyError", "Gate"]

T = TypeVar("T")


class BusyError(Exception):
    """Too many heavy requests are waiting; ``retry_after`` is a hint in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the server is busy; retry in {retry_after} s")
        self.retry_after = retry_after


class Gate:
    """``workers`` heavy calls at once in worker threads, ``queue`` more waiting, then BusyError.

    Used from the event loop only (its counter needs no lock).
    """

    def __init__(self, workers: int = 2, queue: int = 64, retry_after: int = 2) -> None:
        self.workers = workers
        self.queue = queue
        self.retry_after = retry_after
        self._limiter: anyio.CapacityLimiter | None = None
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Heavy calls admitted and not yet finished (running or waiting)."""
        return self._waiting

    async def run(self, function: Callable[[], T]) -> T:
        """``function()`` in a worker thread once a token is free; BusyError if queue is full."""
        if self._limiter is None:  # created inside the running event loop
            self._limiter = anyio.CapacityLimiter(self.workers)
        if self._waiting >= self.workers + self.queue:
            raise BusyError(self.retry_after)
        self._waiting += 1
        try:
            return await anyio.to_thread.run_sync(function, limiter=self._limiter)
        finally:
            self._waiting -= 1
