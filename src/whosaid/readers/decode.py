"""Bytes to text for the readers: byte-order marks, per-line decoding, and streaming line splitting.

Inputs are read as bytes, in chunks. The encoding is UTF-8 unless the input starts with a byte-order mark
(UTF-8, UTF-16 or UTF-32, little or big endian), which is honoured and removed. Multi-article inputs (JSON
Lines) are split into lines **on the encoded ``\\n`` only** (a raw U+2028 inside a JSON string is legal JSON
and no line break), and each line is decoded on its own, so one undecodable line is one error naming its
line while the lines around it are read. Single-article inputs (text, HTML) are decoded as a whole and an
error names the line of the first bad byte.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from ..errors import InputError

__all__ = [
    "Encoding",
    "ByteInput",
    "detect_encoding",
    "split_lines",
    "decode_line",
    "decode_all",
    "html_charset",
    "CHUNK",
]

CHUNK = 1 << 20
"""Bytes read at a time."""

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF8, "utf-8", 1),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
)
_LABELS = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}


@dataclass(frozen=True)
class Encoding:
    """How an input is encoded: the codec, its code unit (1, 2 or 4 bytes) and the byte-order mark length."""

    name: str = "utf-8"
    unit: int = 1
    bom: int = 0

    @property
    def newline(self) -> bytes:
        return "\n".encode(self.name)

    @property
    def label(self) -> str:
        return _LABELS.get(self.name, self.name)


def detect_encoding(head: bytes, *, source: str, per_line: bool = False) -> Encoding:
    """The encoding announced by a byte-order mark, else UTF-8; an InputError for binary data.

    Any NUL byte in the first bytes makes a single-article input binary; a ``per_line`` input (JSON Lines)
    is binary only when NULs are more than 1% of them (else the lines that hold one fail on their own).
    """
    for mark, name, unit in _BOMS:
        if head.startswith(mark):
            return Encoding(name, unit, len(mark))
    zeros = head.count(0)
    if zeros and (not per_line or zeros > len(head) / 100):
        sample = head[:4096]
        zeros_odd = sample[1::2].count(0)
        zeros_even = sample[0::2].count(0)
        if len(sample) >= 4 and max(zeros_odd, zeros_even) >= 0.4 * (len(sample) // 2):
            guess = "UTF-16LE" if zeros_odd > zeros_even else "UTF-16BE"
            raise InputError(
                f"this looks like {guess} text without a byte-order mark; re-encode it as UTF-8 "
                f"(e.g. iconv -f {guess} -t UTF-8)",
                source=source,
            )
        raise InputError(
            "this looks like a binary file, not text; give a .txt, .jsonl or .html article "
            "(UTF-8, or UTF-16/32 with a byte-order mark)",
            source=source,
        )
    return Encoding()


class ByteInput:
    """A binary stream read in chunks, with its first bytes kept aside to sniff the encoding and the format.

    A text stream (``io.StringIO``, or a ``sys.stdin`` without ``.buffer``) is accepted too: it is encoded
    back to UTF-8 chunk by chunk (surrogates pass through, so undecodable input still fails on its line).
    """

    def __init__(
        self, stream: IO[bytes] | IO[str], *, source: str, head_bytes: int = 8192, per_line: bool = False
    ) -> None:
        self.source = source
        self._stream = stream
        self._head = b""
        while len(self._head) < head_bytes:
            chunk = self._read(head_bytes - len(self._head))
            if not chunk:
                break
            self._head += chunk
        self.encoding = detect_encoding(self._head, source=source, per_line=per_line) if self._head else Encoding()

    def _read(self, n: int) -> bytes:
        data = self._stream.read(n)
        if isinstance(data, str):
            return data.encode("utf-8", "surrogatepass")
        return data or b""

    @property
    def head(self) -> bytes:
        """The first bytes (byte-order mark removed)."""
        return self._head[self.encoding.bom :]

    def head_text(self) -> str:
        """The first bytes decoded as far as they go (for sniffing the format)."""
        head = self.head
        cut = len(head) - len(head) % self.encoding.unit
        return codecs.getincrementaldecoder(self.encoding.name)(errors="replace").decode(head[:cut])

    def chunks(self) -> Iterator[bytes]:
        """Every byte after the byte-order mark, in chunks of about :data:`CHUNK` bytes."""
        if self.head:
            yield self.head
        while chunk := self._read(CHUNK):
            yield chunk


def split_lines(chunks: Iterable[bytes], encoding: Encoding) -> Iterator[bytes]:
    """The lines of a byte stream without their ``\\n``, splitting only on a newline code unit that starts at
    a code-unit boundary (so UTF-16/32 bytes that merely contain 0x0A do not split). The last line is yielded
    even without a final newline. Memory: one line plus one chunk."""
    nl = encoding.newline
    unit = encoding.unit
    buf = bytearray()
    for chunk in chunks:
        search = max(0, len(buf) - len(nl) + 1)
        search -= search % unit
        buf += chunk
        start = 0
        while True:
            i = buf.find(nl, search)
            if i < 0:
                break
            if (i - start) % unit:
                search = i + 1
                continue
            yield bytes(buf[start:i])
            start = search = i + len(nl)
        if start:
            del buf[:start]
    if buf:
        yield bytes(buf)


def _bad_bytes(exc: UnicodeDecodeError, encoding: Encoding) -> str:
    bad = exc.object[exc.start : exc.start + 4].hex(" ")
    hint = (
        "re-encode the file as UTF-8 (e.g. iconv -f latin1 -t UTF-8 if it is Latin-1)"
        if encoding.name == "utf-8"
        else "fix or re-encode the file"
    )
    return f"not valid {encoding.label} (bytes {bad} at byte {exc.start + 1} of the line); {hint}"


def decode_line(raw: bytes, encoding: Encoding, *, source: str, line: int) -> str:
    """One line as text (a trailing ``\\r`` removed), or an InputError naming the file and line."""
    try:
        text = raw.decode(encoding.name)
    except UnicodeDecodeError as exc:
        raise InputError(_bad_bytes(exc, encoding), source=source, line=line) from None
    return text[:-1] if text.endswith("\r") else text


def decode_all(data: bytes, encoding: Encoding, *, source: str) -> str:
    """A whole single-article input as text, or an InputError naming the line of the first bad byte."""
    try:
        return data.decode(encoding.name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding.name, "replace").count("\n") + 1
        msg = _bad_bytes(exc, encoding).replace(" of the line", " of the file")
        raise InputError(msg, source=source, line=line) from None


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The codec named by an HTML page's ``<meta charset>`` (or http-equiv content type), if Python knows it."""
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
