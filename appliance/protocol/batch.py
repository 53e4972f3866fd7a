"""Several sealed chunks in one upload request: the CHUNKS frame, its CHUNK_RESULTS answer, batch planning (sans-IO).

    request  CHUNKS frame        = 7 | length | CHUNK frame | CHUNK frame | ...      (1..MAX_BATCH_CHUNKS)
    answer   CHUNK_RESULTS frame = 8 | length | canonical {"results": ["", "<reason>", ...]}

Each CHUNK frame inside is exactly the frame a single upload carries: sealed with the per-transfer key,
authenticated in its own slot. The answer has one entry per chunk, in order: "" when the chunk is durable
and recorded (or was already held), otherwise the reason it was refused; a refused chunk does not stop the
others, and the sender sends it again after the next `query`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from appliance.protocol.codec import MalformedMessage, canonical_json, parse_object
from appliance.protocol.framing import FrameKind, encode_frame, frame_view, split_frames
from appliance.protocol.messages import Slot
from appliance.protocol.receiver import MAX_CHUNK_FRAME

MAX_BATCH_CHUNKS = 1024  # the receiver refuses more chunks in one request
MAX_BATCH_PAYLOAD = MAX_CHUNK_FRAME + 64 * 1024  # one chunk of the largest size always fits
MAX_BATCH_FRAME = MAX_BATCH_PAYLOAD + 5
MAX_REASON = 300
MAX_RESULTS_FRAME = MAX_BATCH_CHUNKS * (6 * MAX_REASON + 8) + 64  # each reason JSON-escaped at worst


def open_batch(body: bytes | bytearray | memoryview) -> list[memoryview]:
    """The CHUNK frames of one CHUNKS request body, each a view of `body` (no copy); MalformedMessage with the
    reason for a body that is not exactly one well-formed CHUNKS frame of at most MAX_BATCH_CHUNKS chunks."""
    kind, payload = frame_view(body, MAX_BATCH_PAYLOAD)
    if kind != FrameKind.CHUNKS:
        raise MalformedMessage(f"expected a CHUNKS frame, got {kind.name}")
    return split_frames(payload, FrameKind.CHUNK, MAX_BATCH_CHUNKS, MAX_CHUNK_FRAME)


def encode_batch(frames: Sequence[bytes | bytearray]) -> bytes:
    """A CHUNKS frame of already sealed CHUNK frames (the sender builds its batches in place instead)."""
    return encode_frame(FrameKind.CHUNKS, b"".join(frames))


def encode_results(reasons: Sequence[str]) -> bytes:
    """The CHUNK_RESULTS frame: '' for each chunk that is durable and recorded, else its (shortened) reason."""
    body = canonical_json({"results": [reason[:MAX_REASON] for reason in reasons]})
    return encode_frame(FrameKind.CHUNK_RESULTS, body)


def decode_results(data: bytes, count: int) -> tuple[str, ...]:
    """The verdicts of a CHUNK_RESULTS answer to a batch of `count` chunks; MalformedMessage otherwise."""
    kind, payload = frame_view(data, MAX_RESULTS_FRAME)
    if kind != FrameKind.CHUNK_RESULTS:
        raise MalformedMessage(f"expected a CHUNK_RESULTS frame, got {kind.name}")
    results = parse_object(payload.tobytes(), "chunk results").get("results")
    if not isinstance(results, list) or not all(isinstance(r, str) for r in results):
        raise MalformedMessage("chunk results must be a list of strings")
    if len(results) != count:
        raise MalformedMessage(f"{len(results)} chunk results for {count} chunks")
    return tuple(results)


def plan_batches(
    slots: Sequence[Slot], frame_bytes: Callable[[int, int], int], budget: int, max_chunks: int
) -> list[tuple[Slot, ...]]:
    """Cut `slots` (kept in their order) into batches of at most `budget` frame bytes and `max_chunks` chunks;
    a chunk larger than the budget travels alone."""
    batches: list[tuple[Slot, ...]] = []
    current: list[Slot] = []
    size = 0
    for slot in slots:
        length = frame_bytes(*slot)
        if current and (size + length > budget or len(current) == max_chunks):
            batches.append(tuple(current))
            current, size = [], 0
        current.append(slot)
        size += length
    if current:
        batches.append(tuple(current))
    return batches
