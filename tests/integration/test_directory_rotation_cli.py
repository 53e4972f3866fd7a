"""Rotating the operator's signing key with a threshold of roots, from the shell, as the operator guide says.

Three root keys, any two of which must agree; an appliance pins the root set (ROOTS.json). The roots
delegate a signing key, then rotate to a new one. The appliance refuses a delegation carrying too few root
signatures, a single root signing alone, and the retired signing key after the rotation (alone, or
bringing its old delegation back with a higher version).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

PASSERELLE = [sys.executable, "-m", "appliance.cli"]


def run(*args: str | Path, home: Path | None = None, code: int = 0) -> subprocess.CompletedProcess[str]:
    cmd = [*PASSERELLE, *map(str, args), *(["--home", str(home)] if home else [])]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == code, f"{' '.join(map(str, args))}: rc {result.returncode}: {result.stderr}"
    return result


def as_json(*args: str | Path, home: Path | None = None) -> dict[str, object]:
    value = json.loads(run(*args, "--json", home=home).stdout)
    assert isinstance(value, dict)
    return value


def refused(home: Path, signed: Path, words: str) -> None:
    err = run("directory", "install", signed, home=home, code=1).stderr
    assert err.startswith("passerelle: ") and words in err and err.count("\n") == 1, err


def installed(home: Path) -> dict[str, object]:
    state = json.loads((home / "trust" / "installed.json").read_text())
    assert isinstance(state, dict)
    return state


def test_rotate_signing_key_with_a_threshold_of_roots(tmp_path: Path) -> None:
    ops, site = tmp_path / "operator", tmp_path / "site"
    ops.mkdir()
    draft, signed = ops / "reseau.json", ops / "reseau-signe.json"
    run("init", "--name", "CHR Citadelle", home=site)
    (ops / "citadelle.json").write_text(run("identity", "--json", home=site).stdout)

    # (a) The root set: three new root keys, two must agree. The appliance pins it.
    roots = as_json("directory", "create-roots", "--generate", "3", "--key-dir", ops / "roots", "--threshold", "2",
                    "--out", ops / "roots.json")
    assert roots["roots"] == 3 and roots["threshold"] == 2
    assert sorted(p.name for p in (ops / "roots").iterdir()) == ["root-1.key", "root-2.key", "root-3.key"]
    assert "threshold 2" in run("trust", ops / "roots.json", home=site).stdout
    root = [ops / "roots" / f"root-{n}.key" for n in (1, 2, 3)]

    run("directory", "add-site", draft, ops / "citadelle.json")
    old_pub = run("directory", "create-operator-key", "--out", ops / "signing-2026.key").stdout.strip()

    # A single root signing the directory itself is not enough any more.
    run("directory", "sign", draft, "--key", root[0], "--expires-days", "30", "--out", signed)
    refused(site, signed, "too few valid signatures")

    # (b) Delegation signed by one root only: refused.
    out = as_json("directory", "delegate", draft, "--root-key", root[0], "--signing-key", old_pub)
    assert out["serial"] == 1 and out["root_signatures"] == 1
    # (c) signed with the delegated key
    out = as_json("directory", "sign", draft, "--key", ops / "signing-2026.key", "--expires-days", "30",
                  "--out", signed)
    assert "delegated signing key (serial 1" in str(out["signed_as"])
    refused(site, signed, "signing keys carry 1 valid root signatures, 2 required")
    assert not (site / "trust" / "directory.json").exists()

    # The second root co-signs the same delegation (the key given as its key file this time): accepted.
    out = as_json("directory", "delegate", draft, "--root-key", root[1], "--signing-key", ops / "signing-2026.key")
    assert out["serial"] == 1 and out["root_signatures"] == 2
    run("directory", "sign", draft, "--key", ops / "signing-2026.key", "--expires-days", "30", "--out", signed)
    run("directory", "install", signed, home=site)
    assert installed(site)["signing_serial"] == 1
    before_rotation = ops / "before-rotation.json"
    shutil.copy(draft, before_rotation)

    # Rotation: roots 1 and 3 delegate a new signing key (serial 2); it signs; the appliance installs it.
    new_pub = run("directory", "create-operator-key", "--out", ops / "signing-2027.key").stdout.strip()
    assert as_json("directory", "delegate", draft, "--root-key", root[0], "--signing-key", new_pub)["serial"] == 2
    out = as_json("directory", "delegate", draft, "--root-key", root[2], "--signing-key", new_pub)
    assert out["serial"] == 2 and out["root_signatures"] == 2
    run("directory", "sign", draft, "--key", ops / "signing-2027.key", "--expires-days", "30", "--out", signed)
    rotated = as_json("directory", "install", signed, home=site)
    assert installed(site)["signing_serial"] == 2
    status = as_json("status", home=site)
    assert status["directory"]["installed"] is True  # type: ignore[index]
    assert status["directory"]["version"] == rotated["installed_version"]  # type: ignore[index]

    # The retired key alone, on a newer version of the current draft: not trusted any more.
    attack = ops / "attack.json"
    shutil.copy(draft, attack)
    run("directory", "revoke", attack, "zzzzzzzzzzzzzzzzzzzzzzzzzz")
    run("directory", "sign", attack, "--key", ops / "signing-2026.key", "--expires-days", "30",
        "--out", ops / "attack-signed.json")
    refused(site, ops / "attack-signed.json", "not trusted")

    # The retired key bringing its old (validly root-signed) delegation back, with a higher version.
    for _ in range(3):
        run("directory", "sign", before_rotation, "--key", ops / "signing-2026.key", "--expires-days", "30",
            "--out", ops / "replay.json")
    assert json.loads((ops / "replay.json").read_text())["document"]["version"] > rotated["installed_version"]
    refused(site, ops / "replay.json", "signing keys serial 1 is older than the installed 2")

    # A rotation that only one root signed is refused too, and the installed version stays.
    third = run("directory", "create-operator-key", "--out", ops / "signing-stolen.key").stdout.strip()
    run("directory", "delegate", draft, "--root-key", root[1], "--signing-key", third)
    run("directory", "sign", draft, "--key", ops / "signing-stolen.key", "--expires-days", "30",
        "--out", ops / "one-root.json")
    refused(site, ops / "one-root.json", "signing keys carry 1 valid root signatures, 2 required")
    assert installed(site)["signing_serial"] == 2
    assert installed(site)["version"] == rotated["installed_version"]


def test_root_set_and_trust_refuse_bad_input(tmp_path: Path) -> None:
    run("init", "--name", "CHR Citadelle", home=tmp_path / "site")
    err = run("directory", "create-roots", "--generate", "1", "--key-dir", tmp_path / "k", "--threshold", "2",
              "--out", tmp_path / "roots.json", code=2).stderr
    assert "threshold of 2 needs at least 2" in err and not (tmp_path / "k" / "root-1.key").exists()
    assert not (tmp_path / "roots.json").exists()
    err = run("directory", "create-roots", "--public", "not-a-key", "--threshold", "1",
              "--out", tmp_path / "roots.json", code=2).stderr
    assert err.startswith("passerelle: ") and "base64" in err
    (tmp_path / "other.json").write_text("{}")
    err = run("trust", tmp_path / "other.json", home=tmp_path / "site", code=2).stderr
    assert "not a Passerelle root set" in err
    as_json("directory", "create-roots", "--generate", "2", "--key-dir", tmp_path / "k", "--threshold", "2",
            "--out", tmp_path / "roots.json")
    err = run("trust", tmp_path / "roots.json", "--threshold", "1", home=tmp_path / "site", code=2).stderr
    assert "lower threshold is refused" in err
    key = json.loads((tmp_path / "roots.json").read_text())["keys"][0]
    assert "threshold 1" in run("trust", key, home=tmp_path / "site").stdout
    assert "2 root key(s), threshold 2" in run("trust", tmp_path / "roots.json", home=tmp_path / "site").stdout
