"""Worker processes that die with their parent: no sweep worker outlives a killed command.

A process-pool worker blocks waiting for work; if its parent is killed with ``SIGKILL`` the
pool never tells it to stop, and it would wait forever. Two guards, installed in the worker's
initializer by :func:`die_with_parent`:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker as soon as its
  parent exits (set through ``ctypes``; the parent is checked again right after, in case it
  died before the call);
- everywhere, a daemon watchdog thread that polls the parent pid once a second and ends the
  worker with ``os._exit`` when the parent is gone (the worker is re-parented, so its parent
  pid changes).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent: int, interval: float) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(interval)


def die_with_parent(parent: int, interval: float = 1.0) -> None:
    """Make this process exit when the process ``parent`` (its parent pid) exits."""
    _set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the guard was set
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, interval), daemon=True).start()
