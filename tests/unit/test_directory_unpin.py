"""Unpinning a root (`passerelle trust --remove KEY`): only once the installed directory no longer needs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from appliance.directory.operator import add_site, create_operator_key, sign
from appliance.directory.trust import install, load_installed, load_roots, pin_root, unpin_root
from appliance.errors import BadInput
from tests.unit.test_directory_tooling import NOW, identity_json


def test_a_root_is_unpinned_only_when_nothing_rests_on_it(tmp_path: Path) -> None:
    old_key, new_key = tmp_path / "old.key", tmp_path / "new.key"
    old, new = create_operator_key(old_key), create_operator_key(new_key)
    trust = tmp_path / "site" / "trust"
    pin_root(trust, old)
    pin_root(trust, new)
    draft, signed = tmp_path / "dir.json", tmp_path / "signed.json"
    identity_json(tmp_path / "a.json", "CHR Citadelle")
    add_site(draft, tmp_path / "a.json")
    sign(draft, old_key, 30, signed, now=NOW)
    install(trust, signed.read_bytes(), NOW)

    with pytest.raises(BadInput, match="does not verify without this root"):
        unpin_root(trust, old)  # the installed directory is signed by the old root alone
    assert len(load_roots(trust).keys) == 2

    identity_json(tmp_path / "b.json", "AZ Groeninge")  # the next version, signed by the new root
    add_site(draft, tmp_path / "b.json")
    sign(draft, new_key, 30, signed, now=NOW + 60)
    install(trust, signed.read_bytes(), NOW + 60)
    roots = unpin_root(trust, old)
    assert roots.keys == load_roots(trust).keys and len(roots.keys) == 1
    installed = load_installed(trust)
    assert installed is not None and installed.version == 2  # still loads under the remaining root

    with pytest.raises(BadInput, match="not pinned"):
        unpin_root(trust, old)
    with pytest.raises(BadInput, match="only pinned root"):
        unpin_root(trust, new)


def test_the_threshold_is_never_lowered_implicitly(tmp_path: Path) -> None:
    keys = [tmp_path / f"r{n}.key" for n in range(3)]
    publics = [create_operator_key(k) for k in keys]
    trust = tmp_path / "trust"
    for public in publics:
        pin_root(trust, public)
    pin_root(trust, publics[0], threshold=3)
    with pytest.raises(BadInput, match="give --threshold"):
        unpin_root(trust, publics[2])
    assert unpin_root(trust, publics[2], threshold=2).threshold == 2
    assert load_roots(trust).threshold == 2


def test_cli_remove(tmp_path: Path) -> None:
    home = tmp_path / "site"
    first, second = create_operator_key(tmp_path / "a.key"), create_operator_key(tmp_path / "b.key")
    cli = [sys.executable, "-m", "appliance.cli"]
    for public in (first, second):
        subprocess.run([*cli, "trust", public, "--home", str(home)], check=True, capture_output=True, timeout=60)
    done = subprocess.run([*cli, "trust", "--remove", first, "--home", str(home)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "1 root key(s) left" in done.stdout, done.stderr
    again = subprocess.run([*cli, "trust", "--remove", first, "--home", str(home)], capture_output=True, text=True,
                           timeout=60)
    assert again.returncode != 0 and "not pinned" in again.stderr
