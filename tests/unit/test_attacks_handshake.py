"""Attack suite, handshake: each test fails if the attack succeeds (a session would be established)."""

from __future__ import annotations

import base64
import json

import pytest
from nacl.public import PrivateKey

import appliance.protocol.handshake as handshake_module
from appliance.identity.keys import SiteKeys
from appliance.protocol.framing import FrameKind, decode_frame, encode_frame
from appliance.protocol.handshake import (
    Established,
    HandshakeState,
    InitiatorHandshake,
    Refused,
    ResponderHandshake,
    Send,
)
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer

NOW = 1_800_000_000.0
WINDOW = 300.0


class World:
    def __init__(self) -> None:
        self.a, self.b, self.c = SiteKeys.generate(), SiteKeys.generate(), SiteKeys.generate()
        self.directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (self.a, self.b, self.c)})
        self.cache = ReplayCache(WINDOW)

    def initiator(self, me: SiteKeys | None = None, peer: SiteKeys | None = None) -> InitiatorHandshake:
        return InitiatorHandshake(me or self.a, (peer or self.b).site_id, self.directory, WINDOW)

    def responder(self, me: SiteKeys | None = None) -> ResponderHandshake:
        return ResponderHandshake(me or self.b, self.directory, self.cache, WINDOW)


def rewrite(frame: bytes, kind: FrameKind, **changes: object) -> bytes:
    """Re-encode a signed handshake frame with some body fields changed (signature kept)."""
    outer = json.loads(decode_frame(frame, kind).payload)
    outer["body"].update(changes)
    return encode_frame(kind, json.dumps(outer).encode())


def refused(event: object, reason: str) -> None:
    assert isinstance(event, Refused), f"attack succeeded: {event!r}"
    assert reason in event.reason, event.reason


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def no_expensive_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap refusals must happen before any signature check or Diffie-Hellman."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("expensive work done before a cheap refusal")

    monkeypatch.setattr(handshake_module, "verify", forbidden)
    monkeypatch.setattr(handshake_module, "agree", forbidden)


def test_honest_handshake_establishes_matching_sessions(world: World) -> None:
    init, resp = world.initiator(), world.responder()
    reply = resp.receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    finish = init.receive_reply(reply.data, NOW)
    assert isinstance(finish, Send)
    done = resp.receive_finish(finish.data)
    assert isinstance(done, Established)
    ready = init.receive_ready(done.data)
    assert isinstance(ready, Established)
    assert ready.session.keys == done.session.keys
    assert done.session.peer == world.a.site_id and ready.session.peer == world.b.site_id


def test_revoked_peer_refused_cheaply(world: World, no_expensive_work: None) -> None:
    world.directory.revoked.add(world.a.site_id)
    refused(world.responder().receive_hello(world.initiator().hello(NOW), NOW), "revoked")


def test_non_member_peer_refused_cheaply(world: World, no_expensive_work: None) -> None:
    outsider = SiteKeys.generate()
    refused(world.responder().receive_hello(world.initiator(me=outsider).hello(NOW), NOW), "not a member")


def test_handshake_addressed_to_another_site_refused_cheaply(world: World, no_expensive_work: None) -> None:
    hello = world.initiator(peer=world.c).hello(NOW)
    refused(world.responder().receive_hello(hello, NOW), "addressed to")


def test_stale_timestamp_refused_cheaply(world: World, no_expensive_work: None) -> None:
    hello = world.initiator().hello(NOW - WINDOW - 1)
    refused(world.responder().receive_hello(hello, NOW), "clock window")
    hello = world.initiator().hello(NOW + WINDOW + 1)
    refused(world.responder().receive_hello(hello, NOW), "clock window")


def test_replayed_hello_inside_window(world: World) -> None:
    hello = world.initiator().hello(NOW)
    assert isinstance(world.responder().receive_hello(hello, NOW), Send)
    refused(world.responder().receive_hello(hello, NOW + 10), "replayed")


def test_replayed_hello_outside_window(world: World) -> None:
    hello = world.initiator().hello(NOW)
    assert isinstance(world.responder().receive_hello(hello, NOW), Send)
    world.cache = ReplayCache(WINDOW)  # even with a forgotten cache (restart), the clock refuses it
    refused(world.responder().receive_hello(hello, NOW + WINDOW + 1), "clock window")


def test_replay_cache_refuses_when_full_instead_of_forgetting(world: World) -> None:
    world.cache = ReplayCache(WINDOW, capacity=1)
    assert isinstance(world.responder().receive_hello(world.initiator().hello(NOW), NOW), Send)
    refused(world.responder().receive_hello(world.initiator().hello(NOW), NOW), "too many handshakes")


def test_swapped_ephemeral_key_in_hello(world: World) -> None:
    mitm = PrivateKey.generate().public_key
    hello = rewrite(world.initiator().hello(NOW), FrameKind.HELLO, eph=base64.b64encode(bytes(mitm)).decode())
    refused(world.responder().receive_hello(hello, NOW), "signature")


def test_swapped_ephemeral_key_in_reply(world: World) -> None:
    init = world.initiator()
    reply = world.responder().receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    mitm = base64.b64encode(bytes(PrivateKey.generate().public_key)).decode()
    refused(init.receive_reply(rewrite(reply.data, FrameKind.REPLY, eph=mitm), NOW), "signature")
    assert init.state is HandshakeState.FAILED


def test_impostor_signing_with_wrong_key(world: World) -> None:
    """Someone claims to be site A but holds another key: the directory key does not verify."""
    impostor = SiteKeys.generate()

    class Claims:
        signing = impostor.signing
        site_id = world.a.site_id

    hello = InitiatorHandshake(Claims(), world.b.site_id, world.directory).hello(NOW)
    refused(world.responder().receive_hello(hello, NOW), "signature")


def test_reply_from_a_third_site(world: World) -> None:
    init = world.initiator()
    hello = init.hello(NOW)
    other = ResponderHandshake(world.c, world.directory, world.cache)
    rewritten = rewrite(hello, FrameKind.HELLO, to=world.c.site_id)  # redirecting breaks A's signature
    refused(other.receive_hello(rewritten, NOW), "signature")
    reply = world.responder().receive_hello(hello, NOW)
    assert isinstance(reply, Send)
    refused(init.receive_reply(rewrite(reply.data, FrameKind.REPLY, **{"from": world.c.site_id}), NOW), "expected")


def test_finish_not_confirming_keys(world: World) -> None:
    init, resp = world.initiator(), world.responder()
    reply = resp.receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    other_init, other_resp = world.initiator(), world.responder()
    other_reply = other_resp.receive_hello(other_init.hello(NOW), NOW)
    assert isinstance(other_reply, Send)
    other_finish = other_init.receive_reply(other_reply.data, NOW)
    assert isinstance(other_finish, Send)
    refused(resp.receive_finish(other_finish.data), "another session")


def test_ready_not_confirming_keys(world: World) -> None:
    init, resp = world.initiator(), world.responder()
    reply = resp.receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    finish = init.receive_reply(reply.data, NOW)
    assert isinstance(finish, Send)
    payload = json.loads(decode_frame(finish.data, FrameKind.FINISH).payload)
    forged = encode_frame(
        FrameKind.READY,
        json.dumps({"type": "ready", "session": payload["session"], "confirm": payload["confirm"]}).encode(),
    )
    refused(init.receive_ready(forged), "does not confirm")


@pytest.mark.parametrize("garbage", [b"", b"\x01\x00\x00\x00\x02{}", b"\x09" * 20, b"\x01\xff\xff\xff\xff"])
def test_garbage_hello_is_a_refusal_not_a_crash(world: World, garbage: bytes) -> None:
    assert isinstance(world.responder().receive_hello(garbage, NOW), Refused)


def test_initiator_refuses_a_revoked_responder(world: World) -> None:
    init = world.initiator()
    reply = world.responder().receive_hello(init.hello(NOW), NOW)
    assert isinstance(reply, Send)
    world.directory.revoked.add(world.b.site_id)  # the directory was refreshed meanwhile
    refused(init.receive_reply(reply.data, NOW), "revoked")


def test_signed_directory_drives_the_handshake(tmp_path) -> None:
    """The installed directory itself is the PeerDirectory: membership and revocation come from it."""
    from appliance.directory.operator import add_site, create_operator_key, revoke, sign
    from appliance.directory.trust import install, pin_root

    a, b, c = SiteKeys.generate(), SiteKeys.generate(), SiteKeys.generate()
    key = tmp_path / "op.key"
    pin_root(tmp_path / "trust", create_operator_key(key))
    draft, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    for name, keys in (("A", a), ("B", b), ("C", c)):
        entry = {
            "id": keys.site_id,
            "name": name,
            "signing_key": base64.b64encode(bytes(keys.verify_key)).decode(),
        }
        (tmp_path / f"{name}.json").write_text(json.dumps(entry))
        add_site(draft, tmp_path / f"{name}.json")
    revoke(draft, c.site_id)
    sign(draft, key, 30, signed, now=NOW)
    directory = install(tmp_path / "trust", signed.read_bytes(), NOW)

    cache = ReplayCache(WINDOW)
    hello = InitiatorHandshake(a, b.site_id, directory).hello(NOW)
    assert isinstance(ResponderHandshake(b, directory, cache).receive_hello(hello, NOW), Send)
    hello = InitiatorHandshake(c, b.site_id, directory).hello(NOW)
    refused(ResponderHandshake(b, directory, cache).receive_hello(hello, NOW), "revoked")
    stranger = SiteKeys.generate()
    hello = InitiatorHandshake(stranger, b.site_id, directory).hello(NOW)
    refused(ResponderHandshake(b, directory, cache).receive_hello(hello, NOW), "not a member")
