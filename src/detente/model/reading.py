"""Bounded reading of user files: the one place where a loader takes bytes from a path.

Every loader (scenario YAML, GENIUS XML, GeniusWeb JSON, articles, gold annotations, actor
tables, standard input) reads through :func:`read_limited` or :func:`read_stream`, so that:

- only a *regular file* is opened for reading: a directory, a named pipe (FIFO, which would
  block forever without a writer), a socket or a device such as ``/dev/zero`` or
  ``/dev/urandom`` (which never ends) is refused before a byte is read;
- the size limit is applied *while reading*, not after: at most ``limit + 1`` bytes are ever
  held, whatever the file or the stream does (a file growing while it is read, endless stdin);
- text in UTF-16 or UTF-32 with a byte-order mark is decoded (:func:`decode_utf`), and text
  that is not Unicode is named for what it is, with the offset of the first bad byte.

The file is opened with ``O_NONBLOCK``, so that opening a FIFO returns at once (and is then
refused by its type) instead of waiting for a writer.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import BinaryIO

from detente.errors import DetenteError

__all__ = ["ReadError", "decode_utf", "read_limited", "read_stream"]

_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class ReadError(DetenteError):
    """A file that cannot be read as input; ``message`` says why, without the file name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _kind(mode: int) -> str | None:
    """What a non-regular file is (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _too_large(size: int, limit: int) -> ReadError:
    return ReadError(f"the input has more than {limit:,} bytes (the limit); split or shorten it")


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises
    ------
    ReadError
        The file is missing or unreadable, is not a regular file, or has more than ``limit``
        bytes (checked from its size first, then again while reading).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise ReadError(f"is {kind}, not a regular file")
        if info.st_size > limit:
            raise ReadError(
                f"the file has {info.st_size:,} bytes; the limit is {limit:,}; split or shorten it"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return read_stream(stream, limit)
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """Read ``stream`` to its end, refusing it as soon as it passes ``limit`` bytes.

    Examples
    --------
    >>> import io
    >>> read_stream(io.BytesIO(b"abc"), 3)
    b'abc'
    >>> read_stream(io.BytesIO(b"abcd"), 3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    detente.model.reading.ReadError: the input has more than 3 bytes (the limit); ...
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(total, limit)


def decode_utf(raw: bytes) -> str:
    """Unicode text from ``raw``: UTF-8 (optionally with a BOM), or UTF-16/32 with a BOM.

    Raises
    ------
    ReadError
        NUL bytes without a UTF-16/32 BOM (binary data), or bytes that are not valid in the
        encoding; the message gives the encoding, the line and the byte offset.

    Examples
    --------
    >>> decode_utf("\\ufeffhi".encode("utf-16-le"))
    'hi'
    >>> decode_utf(b"a\\x00b")
    Traceback (most recent call last):
    ...
    detente.model.reading.ReadError: binary data (it contains NUL bytes), not a text file
    """
    encoding, name, start = "utf-8", "UTF-8", 0
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            encoding, name, start = codec, label, len(bom)
            break
    if name == "UTF-8" and b"\x00" in raw:
        raise ReadError("binary data (it contains NUL bytes), not a text file")
    try:
        text = raw[start:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = raw[:offset].count(b"\n" if name == "UTF-8" else "\n".encode(encoding)) + 1
        raise ReadError(
            f"not {name} text (byte 0x{raw[offset : offset + 1].hex()} at offset "
            f"{offset}, line {line}); convert it to UTF-8 first"
        ) from None
    if "\x00" in text:
        raise ReadError("binary data (it contains NUL characters), not a text file")
    return text
