"""Handshake machines and sessions: happy path, misuse, and garbage input as refusals, never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.identity.keys import SiteKeys
from appliance.protocol.framing import FrameKind, encode_frame
from appliance.protocol.handshake import (
    Established,
    HandshakeState,
    InitiatorHandshake,
    Refused,
    ResponderHandshake,
    Send,
)
from appliance.protocol.loopback import open_session
from appliance.protocol.messages import Missing, Query
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.session import MessageRejected, session_id_of

NOW = 1_800_000_000.0
A, B = SiteKeys.generate(), SiteKeys.generate()
DIRECTORY = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (A, B)})


def test_session_seals_both_ways() -> None:
    sa, sb = open_session(A, B, DIRECTORY, DIRECTORY, ReplayCache(300), NOW)
    frame = sa.seal(Query(b"t" * 16))
    assert session_id_of(frame) == sb.session_id
    assert sb.open(frame) == Query(b"t" * 16)
    back = Missing(b"t" * 16, ((0, 1),))
    assert sa.open(sb.seal(back)) == back
    with pytest.raises(MessageRejected):
        sb.open(sb.seal(back))


def test_sessions_are_fresh_each_time() -> None:
    first, _ = open_session(A, B, DIRECTORY, DIRECTORY, ReplayCache(300), NOW)
    second, _ = open_session(A, B, DIRECTORY, DIRECTORY, ReplayCache(300), NOW)
    assert first.keys != second.keys


def test_out_of_order_calls_are_refusals() -> None:
    resp = ResponderHandshake(B, DIRECTORY, ReplayCache(300))
    assert isinstance(resp.receive_finish(b""), Refused)
    assert resp.state is HandshakeState.FAILED
    init = InitiatorHandshake(A, B.site_id, DIRECTORY)
    assert isinstance(init.receive_ready(b""), Refused)
    init = InitiatorHandshake(A, B.site_id, DIRECTORY)
    init.hello(NOW)
    with pytest.raises(RuntimeError):
        init.hello(NOW)


def test_failed_machine_stays_failed() -> None:
    init = InitiatorHandshake(A, B.site_id, DIRECTORY)
    resp = ResponderHandshake(B, DIRECTORY, ReplayCache(300))
    reply = resp.receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    assert isinstance(init.receive_reply(b"junk", NOW), Refused)
    assert isinstance(init.receive_reply(reply.data, NOW), Refused)
    assert init.failure


payloads = st.binary(max_size=300) | st.text(max_size=300).map(str.encode)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(list(FrameKind)), payload=payloads)
def test_garbage_is_always_a_refusal(kind: FrameKind, payload: bytes) -> None:
    frame = encode_frame(kind, payload)
    assert isinstance(ResponderHandshake(B, DIRECTORY, ReplayCache(300)).receive_hello(frame, NOW), Refused)
    init = InitiatorHandshake(A, B.site_id, DIRECTORY)
    init.hello(NOW)
    assert isinstance(init.receive_reply(frame, NOW), Refused)


@settings(max_examples=50, deadline=None)
@given(payload=payloads)
def test_garbage_finish_is_a_refusal(payload: bytes) -> None:
    init = InitiatorHandshake(A, B.site_id, DIRECTORY)
    resp = ResponderHandshake(B, DIRECTORY, ReplayCache(300))
    assert isinstance(resp.receive_hello(init.hello(NOW), NOW), Send)
    event = resp.receive_finish(encode_frame(FrameKind.FINISH, payload))
    assert isinstance(event, Refused)
    assert not isinstance(event, Established)
