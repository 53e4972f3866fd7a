"""Site identity (keys, id, fingerprint) and settings files."""

import os
import stat
from pathlib import Path

import pytest

from appliance.errors import ConfigError, NotInitialised
from appliance.identity.keys import SiteKeys, fingerprint_for, load_keys, save_keys, site_id_for
from appliance.service.settings import Settings, load_settings, parse_node, save_settings
from appliance.service.site import init_site, open_site


def test_site_id_is_stable_and_depends_only_on_the_signing_key(tmp_path: Path) -> None:
    keys = SiteKeys.generate()
    save_keys(keys, tmp_path)
    again = load_keys(tmp_path)
    assert again.site_id == keys.site_id == site_id_for(bytes(keys.verify_key))
    assert len(keys.site_id) == 26 and keys.site_id.isalnum() and keys.site_id.islower()
    assert SiteKeys.generate().site_id != keys.site_id


def test_fingerprint_is_six_groups_of_four_digits() -> None:
    fp = fingerprint_for(b"\x01" * 32)
    groups = fp.split(" ")
    assert len(groups) == 6 and all(len(g) == 4 and g.isdigit() for g in groups)
    assert fingerprint_for(b"\x02" * 32) != fp


def test_key_files_are_readable_only_by_the_owner(tmp_path: Path) -> None:
    save_keys(SiteKeys.generate(), tmp_path / "keys")
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / "signing.key").st_mode)
    assert mode == 0o600, oct(mode)
    # No long-term X25519 key: the handshake agrees on ephemeral keys only (docs/security.md).
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["signing.key"]


def test_init_then_open_round_trips_settings(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, site_name="CHR Citadelle", aet="CITADELLE", dicom_port=11200,
                        pacs=parse_node("PACS@127.0.0.1:4242"))
    site = init_site(settings)
    opened = open_site(tmp_path)
    assert opened.settings == settings
    assert opened.site_id == site.site_id
    ident = opened.identity()
    assert ident["name"] == "CHR Citadelle" and ident["id"] == site.site_id
    assert ident["dicom"] == {"aet": "CITADELLE", "port": 11200}


def test_init_never_overwrites_keys(tmp_path: Path) -> None:
    init_site(Settings(home=tmp_path, site_name="A"))
    before = (tmp_path / "keys" / "signing.key").read_bytes()
    with pytest.raises(ConfigError, match="already exists"):
        init_site(Settings(home=tmp_path, site_name="B"))
    assert (tmp_path / "keys" / "signing.key").read_bytes() == before


@pytest.mark.parametrize("text", ["PACS", "PACS@host", "PACS@host:notaport", "@h:1", "WAYTOOLONGAETITLE1@h:1",
                                  "P@h:70000"])
def test_bad_pacs_addresses_are_refused(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_node(text)


def test_missing_home_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(NotInitialised, match="passerelle init"):
        load_settings(tmp_path / "nothing")


def test_unknown_setting_is_an_error(tmp_path: Path) -> None:
    save_settings(Settings(home=tmp_path, site_name="A"))
    with open(tmp_path / "settings.toml", "a") as handle:
        handle.write('colour = "blue"\n')
    with pytest.raises(ConfigError, match="colour"):
        load_settings(tmp_path)
