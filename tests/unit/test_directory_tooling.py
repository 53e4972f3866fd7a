"""Operator tooling and appliance trust: the CLI's directory commands end to end, on files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from appliance.directory.operator import add_site, create_operator_key, delegate, revoke, sign
from appliance.directory.trust import install, installed_state, load_installed, pin_root
from appliance.directory.verify import Freshness, expiry_status
from appliance.errors import BadInput, ConfigError, DirectoryRejected
from appliance.identity.keys import SiteKeys, b64

NOW = 1_800_000_000.0
DAY = 86400


def identity_json(path: Path, name: str, keys: SiteKeys | None = None) -> SiteKeys:
    keys = keys or SiteKeys.generate()
    path.write_text(
        json.dumps(
            {
                "id": keys.site_id,
                "name": name,
                "signing_key": b64(bytes(keys.verify_key)),
                "fingerprint": keys.fingerprint,
                "endpoints": ["https://example.org:8443"],
                "dicom": {"aet": "PSL", "port": 11112},
            }
        )
    )
    return keys


@pytest.fixture
def operator(tmp_path: Path) -> tuple[Path, str, Path]:
    key = tmp_path / "op.key"
    public = create_operator_key(key)
    trust = tmp_path / "trust"
    pin_root(trust, public)
    return key, public, trust


def test_create_operator_key_is_private_and_never_overwritten(tmp_path: Path) -> None:
    key = tmp_path / "op.key"
    public = create_operator_key(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(public) == 44
    with pytest.raises(BadInput):
        create_operator_key(key)


def test_add_sign_install_load(tmp_path: Path, operator: tuple[Path, str, Path]) -> None:
    key, _, trust = operator
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    a = identity_json(tmp_path / "a.json", "CHR Citadelle")
    identity_json(tmp_path / "b.json", "AZ Groeninge")
    add_site(directory, tmp_path / "a.json")
    add_site(directory, tmp_path / "b.json")
    summary = sign(directory, key, 30, signed, now=NOW)
    assert summary["version"] == 1 and summary["sites"] == 2
    accepted = install(trust, signed.read_bytes(), NOW)
    assert accepted.find_by_name("chr citadelle") is not None
    assert accepted.find_site(a.site_id) is not None
    assert load_installed(trust) == accepted
    state = installed_state(trust)
    assert state is not None and state.version == 1
    assert install(trust, signed.read_bytes(), NOW + 10).version == 1  # re-install: no-op


def test_revoke_and_resign_bumps_version(tmp_path: Path, operator: tuple[Path, str, Path]) -> None:
    key, _, trust = operator
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    a = identity_json(tmp_path / "a.json", "A")
    add_site(directory, tmp_path / "a.json")
    sign(directory, key, 30, signed, now=NOW)
    install(trust, signed.read_bytes(), NOW)
    revoke(directory, a.site_id)
    assert sign(directory, key, 30, signed, now=NOW + 5)["version"] == 2
    accepted = install(trust, signed.read_bytes(), NOW + 5)
    assert accepted.is_revoked(a.site_id) and accepted.find_by_name("A") is None


def test_add_site_updates_in_place_and_refuses_name_clash(tmp_path: Path) -> None:
    directory = tmp_path / "dir.json"
    keys = identity_json(tmp_path / "a.json", "A")
    add_site(directory, tmp_path / "a.json")
    identity_json(tmp_path / "a.json", "A renamed", keys)
    assert add_site(directory, tmp_path / "a.json")["sites"] == 1
    identity_json(tmp_path / "b.json", "a renamed")
    with pytest.raises(BadInput):
        add_site(directory, tmp_path / "b.json")


def test_add_site_refuses_id_not_matching_key(tmp_path: Path) -> None:
    identity_json(tmp_path / "a.json", "A")
    data = json.loads((tmp_path / "a.json").read_text())
    data["id"] = SiteKeys.generate().site_id
    (tmp_path / "a.json").write_text(json.dumps(data))
    with pytest.raises(BadInput, match="does not match its signing key"):
        add_site(tmp_path / "dir.json", tmp_path / "a.json")


def test_threshold_of_roots_by_co_signing(tmp_path: Path) -> None:
    k1, k2 = tmp_path / "r1.key", tmp_path / "r2.key"
    trust = tmp_path / "trust"
    pin_root(trust, create_operator_key(k1))
    pin_root(trust, create_operator_key(k2), threshold=2)
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    identity_json(tmp_path / "a.json", "A")
    add_site(directory, tmp_path / "a.json")
    sign(directory, k1, 30, signed, now=NOW)
    with pytest.raises(DirectoryRejected, match="too few valid signatures"):
        install(trust, signed.read_bytes(), NOW)
    assert sign(signed, k2, 30, signed, now=NOW)["signatures"] == 2
    assert install(trust, signed.read_bytes(), NOW).version == 1


def test_roots_delegate_and_rotate_signing_keys(tmp_path: Path, operator: tuple[Path, str, Path]) -> None:
    root, _, trust = operator
    s1, s2 = tmp_path / "s1.key", tmp_path / "s2.key"
    p1, p2 = create_operator_key(s1), create_operator_key(s2)
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    identity_json(tmp_path / "a.json", "A")
    add_site(directory, tmp_path / "a.json")
    delegate(directory, root, [p1])
    sign(directory, s1, 30, signed, now=NOW)
    assert install(trust, signed.read_bytes(), NOW).signing_keys is not None
    old = signed.read_bytes()
    delegate(directory, root, [p2])  # rotation: serial 2
    sign(directory, s2, 30, signed, now=NOW + 1)
    assert install(trust, signed.read_bytes(), NOW + 1).version == 2
    state = installed_state(trust)
    assert state is not None and state.signing_serial == 2
    with pytest.raises(DirectoryRejected, match="older than the installed"):
        install(trust, old, NOW + 2)
    # The retired key can no longer sign: it is not in the current block.
    revoke(directory, "abc")
    sign(directory, s1, 30, signed, now=NOW + 4)
    with pytest.raises(DirectoryRejected, match="not trusted"):
        install(trust, signed.read_bytes(), NOW + 4)


def test_expiry_status_grace() -> None:
    from appliance.directory.document import Directory

    d = Directory(1, int(NOW), int(NOW + DAY), (), frozenset(), None, "x")
    assert expiry_status(d, NOW, 3600) is Freshness.VALID
    assert expiry_status(d, NOW + DAY + 10, 3600) is Freshness.IN_GRACE
    assert expiry_status(d, NOW + DAY + 3601, 3600) is Freshness.EXPIRED


def test_install_without_pinned_root_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="passerelle trust"):
        install(tmp_path / "trust", b"{}", NOW)


def test_pin_root_refuses_garbage(tmp_path: Path) -> None:
    with pytest.raises(BadInput):
        pin_root(tmp_path, "not base64!")
    with pytest.raises(BadInput):
        pin_root(tmp_path, b64(b"short"))


def test_signing_again_with_the_same_key_refreshes_expiry(tmp_path: Path, operator: tuple[Path, str, Path]) -> None:
    key, _, trust = operator
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    identity_json(tmp_path / "a.json", "A")
    add_site(directory, tmp_path / "a.json")
    sign(directory, key, 1, signed, now=NOW)
    install(trust, signed.read_bytes(), NOW)
    summary = sign(directory, key, 30, signed, now=NOW + 2 * DAY)
    assert summary["version"] == 2 and summary["signatures"] == 1
    accepted = install(trust, signed.read_bytes(), NOW + 2 * DAY)
    assert expiry_status(accepted, NOW + 20 * DAY) is Freshness.VALID


def test_add_site_refuses_a_file_whose_fingerprint_does_not_match_its_key(tmp_path: Path) -> None:
    keys = SiteKeys.generate()
    entry = {"id": keys.site_id, "name": "CHR Citadelle", "signing_key": b64(bytes(keys.verify_key)),
             "fingerprint": keys.fingerprint,
             "endpoints": ["https://citadelle.example:8443"]}
    good = tmp_path / "good.json"
    good.write_text(json.dumps(entry))
    added = add_site(tmp_path / "dir.json", good)
    assert added["fingerprint"] == keys.fingerprint
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps({**entry, "fingerprint": "0000 0000 0000 0000 0000 0000"}))
    with pytest.raises(BadInput, match="fingerprint does not match"):
        add_site(tmp_path / "dir.json", altered)


def test_revoked_site_re_enrols_with_a_new_key_under_the_same_name(
    tmp_path: Path, operator: tuple[Path, str, Path]
) -> None:
    """A lost appliance: its key is revoked, the hospital comes back with a new key and the same name."""
    from appliance.protocol.handshake import InitiatorHandshake, Refused, ResponderHandshake, Send
    from appliance.protocol.peers import ReplayCache

    key, _, trust = operator
    directory, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    lost = identity_json(tmp_path / "lost.json", "CHR Citadelle")
    peer = identity_json(tmp_path / "peer.json", "AZ Groeninge")
    add_site(directory, tmp_path / "lost.json")
    add_site(directory, tmp_path / "peer.json")
    sign(directory, key, 30, signed, now=NOW)
    install(trust, signed.read_bytes(), NOW)
    revoke(directory, lost.site_id)
    sign(directory, key, 30, signed, now=NOW + 1)
    install(trust, signed.read_bytes(), NOW + 1)

    # The old key cannot come back, under any name.
    identity_json(tmp_path / "lost-again.json", "CHR Citadelle (restored)", lost)
    with pytest.raises(BadInput, match="revoked"):
        add_site(directory, tmp_path / "lost-again.json")
    # A live site's name stays taken.
    identity_json(tmp_path / "clash.json", "az groeninge")
    with pytest.raises(BadInput, match="already named"):
        add_site(directory, tmp_path / "clash.json")

    renewed = identity_json(tmp_path / "renewed.json", "chr citadelle")
    result = add_site(directory, tmp_path / "renewed.json")
    assert result["replaces_revoked"] == lost.site_id and result["sites"] == 2
    assert sign(directory, key, 30, signed, now=NOW + 2)["revoked"] == 1
    accepted = install(trust, signed.read_bytes(), NOW + 2)
    entry = accepted.find_by_name("CHR Citadelle")
    assert entry is not None and entry.id == renewed.site_id
    assert accepted.is_revoked(lost.site_id) and not accepted.is_revoked(renewed.site_id)
    assert {s.id for s in accepted.members} == {renewed.site_id, peer.site_id}

    # The peer talks to the new key and still refuses the old one.
    cache = ReplayCache(300)
    hello = InitiatorHandshake(renewed, peer.site_id, accepted).hello(NOW + 2)
    assert isinstance(ResponderHandshake(peer, accepted, cache).receive_hello(hello, NOW + 2), Send)
    hello = InitiatorHandshake(lost, peer.site_id, accepted).hello(NOW + 2)
    answer = ResponderHandshake(peer, accepted, cache).receive_hello(hello, NOW + 2)
    assert isinstance(answer, Refused) and "revoked" in answer.reason


def test_root_set_is_pinned_whole_with_its_threshold(tmp_path: Path) -> None:
    from appliance.directory.operator import create_root_set, read_root_set
    from appliance.directory.trust import load_roots, pin_root_set

    existing = create_operator_key(tmp_path / "a.key")
    out = create_root_set(tmp_path / "roots.json", 2, [existing], generate=2, key_dir=tmp_path / "keys")
    assert out["roots"] == 3 and len(out["private_keys"]) == 2  # type: ignore[arg-type]
    for name in ("root-1.key", "root-2.key"):
        assert stat.S_IMODE((tmp_path / "keys" / name).stat().st_mode) == 0o600
    roots = read_root_set(tmp_path / "roots.json")
    assert roots.threshold == 2 and len(roots.keys) == 3
    trust = tmp_path / "trust"
    pin_root(trust, existing)
    pinned = pin_root_set(trust, roots)
    assert load_roots(trust) == pinned and pinned.keys == roots.keys and pinned.threshold == 2
    assert pin_root_set(trust, roots, threshold=3).threshold == 3
    with pytest.raises(BadInput, match="lower threshold"):
        pin_root_set(trust, roots, threshold=1)
    with pytest.raises(BadInput, match="already exists"):
        create_root_set(tmp_path / "roots.json", 1, [existing])
    with pytest.raises(BadInput, match="twice"):
        create_root_set(tmp_path / "twice.json", 1, [existing, existing])


def test_agreement_key_of_earlier_builds_is_accepted_but_not_kept(tmp_path: Path) -> None:
    """Sites no longer have a long-term X25519 key; an identity file or directory entry from an earlier
    build still carries one: accepted when well-formed, never used, dropped when the entry is rewritten."""
    from appliance.directory.document import parse_site

    keys = identity_json(tmp_path / "old.json", "CHR Citadelle")
    entry = json.loads((tmp_path / "old.json").read_text())
    assert "agreement_key" not in entry
    entry["agreement_key"] = b64(bytes(32))
    assert "agreement_key" not in parse_site(entry).as_json()
    (tmp_path / "old.json").write_text(json.dumps(entry))
    add_site(tmp_path / "dir.json", tmp_path / "old.json")
    listed = json.loads((tmp_path / "dir.json").read_text())["document"]["sites"]
    assert [s["id"] for s in listed] == [keys.site_id] and "agreement_key" not in listed[0]
    entry["agreement_key"] = "short"
    with pytest.raises(DirectoryRejected, match="agreement_key"):
        parse_site(entry)
