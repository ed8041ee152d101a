"""Netstrings (`<length>:<payload>,`) decoded from a byte stream that arrives in pieces.

baresip's control interface (`ctrl_tcp`) frames every JSON message as a netstring. TCP gives no
message boundaries: one `recv` may hold half a message, or three and the start of a fourth. The
decoder keeps what it has not used yet and hands back each complete payload once.

A stream that breaks the framing (a non-digit in the length, a length over the limit, a missing
trailing comma) cannot be resynchronised, so `feed` raises `NetstringError` (carrying the good
messages that came before the garbage) and the caller drops the connection. The length is
checked as it arrives, so garbage is reported at once rather than after waiting for a length
that will never come.
"""

from __future__ import annotations

MAX_PAYLOAD = 1 << 20  # baresip's events are a few hundred bytes; this only bounds memory


class NetstringError(ValueError):
    """The stream is not netstring-framed; the message says what was wrong.

    `payloads` holds the complete messages that arrived before the garbage in the same `feed`,
    so nothing the sender framed correctly is lost."""

    def __init__(self, reason: str, payloads: list[bytes] | None = None) -> None:
        super().__init__(reason)
        self.payloads = payloads or []


class NetstringDecoder:
    """Feed it bytes as they arrive; get back the complete payloads, in order."""

    def __init__(self, max_payload: int = MAX_PAYLOAD) -> None:
        self.max_payload = max_payload
        self._max_digits = len(str(max_payload))
        self._buffer = bytearray()

    @property
    def pending(self) -> int:
        """Bytes received but not yet part of a complete netstring."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        payloads: list[bytes] = []
        while self._buffer:
            try:
                payload = self._take_one()
            except NetstringError as exc:
                raise NetstringError(str(exc), payloads) from None
            if payload is None:
                break
            payloads.append(payload)
        return payloads

    def _take_one(self) -> bytes | None:
        buf = self._buffer
        colon = buf.find(b":", 0, self._max_digits + 1)
        head = bytes(buf[: colon if colon >= 0 else self._max_digits + 1])
        if not head.isdigit() and head:
            raise NetstringError(f"bad length {_show(head)}")
        if colon < 0:
            if len(buf) > self._max_digits:
                raise NetstringError(f"length {_show(head)} is too long")
            return None
        if not head:
            raise NetstringError("empty length before ':'")
        size = int(head)
        if size > self.max_payload:
            raise NetstringError(f"length {size} is over the {self.max_payload}-byte limit")
        end = colon + 1 + size
        if len(buf) <= end:
            return None
        if buf[end : end + 1] != b",":
            raise NetstringError(
                f"no ',' after a {size}-byte payload (got {_show(buf[end : end + 1])})"
            )
        payload = bytes(buf[colon + 1 : end])
        del buf[: end + 1]
        return payload


def encode(payload: bytes) -> bytes:
    """One netstring (used to send commands and by tests)."""
    return str(len(payload)).encode("ascii") + b":" + payload + b","


def _show(raw: bytes | bytearray) -> str:
    return repr(bytes(raw[:24]))


__all__ = ["MAX_PAYLOAD", "NetstringDecoder", "NetstringError", "encode"]
