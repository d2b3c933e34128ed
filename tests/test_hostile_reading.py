"""Properties of the bounded reader and of the decoder every loader uses (hardening #19)."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.model.reading import ReadError, decode_utf, read_limited, read_stream

# No NUL (binary) and no leading U+FEFF (a BOM is dropped when read, by design).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"))


class Trickle(io.RawIOBase):
    """A stream that returns at most ``step`` bytes per read, forever if ``endless``."""

    def __init__(self, data: bytes, step: int, endless: bool = False) -> None:
        self.data, self.step, self.endless, self.position = data, step, endless, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.endless:
            return b"x" * min(self.step, size if size >= 0 else self.step)
        chunk = self.data[self.position : self.position + min(self.step, max(size, 0))]
        self.position += len(chunk)
        return chunk


@given(st.binary(max_size=3000), st.integers(0, 3000), st.integers(1, 700))
def test_read_stream_returns_everything_or_refuses(data: bytes, limit: int, step: int) -> None:
    stream = Trickle(data, step)
    if len(data) <= limit:
        assert read_stream(stream, limit) == data  # type: ignore[arg-type]
    else:
        with pytest.raises(ReadError, match=f"more than {limit:,} bytes"):
            read_stream(stream, limit)  # type: ignore[arg-type]
        assert stream.position <= limit + 1  # never read far past the limit


def test_an_endless_stream_stops_at_the_limit() -> None:
    stream = Trickle(b"", 1 << 16, endless=True)
    with pytest.raises(ReadError):
        read_stream(stream, 5_000_000)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_decode_gives_text_or_a_read_error(data: bytes) -> None:
    try:
        text = decode_utf(data)
    except ReadError as error:
        assert error.message
    else:
        assert "\x00" not in text


@given(TEXT, st.sampled_from(["utf-8-sig", "utf-16", "utf-32", "utf-8"]))
def test_unicode_with_a_bom_round_trips(text: str, encoding: str) -> None:
    assert decode_utf(text.encode(encoding)) == text


def test_utf16_without_bom_is_named_binary_not_a_crash() -> None:
    with pytest.raises(ReadError, match="binary data"):
        decode_utf("metadata: x".encode("utf-16-le"))
    assert decode_utf(codecs.BOM_UTF16_BE + "é".encode("utf-16-be")) == "é"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_special_files_are_refused_by_kind(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    cases = {fifo: "named pipe", tmp_path: "directory", Path("/dev/zero"): "character device"}
    for path, kind in cases.items():
        with pytest.raises(ReadError, match=kind):
            read_limited(path, 100)
    with pytest.raises(ReadError, match="cannot read"):
        read_limited(tmp_path / "missing", 100)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as stream:
        stream.truncate(10**9)  # sparse: costs nothing on disk
    with pytest.raises(ReadError, match="1,000,000,000 bytes; the limit is 1,000"):
        read_limited(big, 1000)
    (tmp_path / "ok").write_bytes(b"x" * 1000)
    assert read_limited(tmp_path / "ok", 1000) == b"x" * 1000
