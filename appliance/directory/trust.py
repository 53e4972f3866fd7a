"""The appliance side: pin operator roots, install a directory (refusing rollbacks), load the installed one."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from appliance.directory.document import Directory
from appliance.directory.files import read_json_object, write_durably, write_json
from appliance.directory.verify import (
    DEFAULT_GRACE_SECONDS,
    InstalledState,
    RootSet,
    state_of,
    verify_directory,
)
from appliance.errors import BadInput, ConfigError, DirectoryRejected
from appliance.identity.keys import b64, unb64

ROOTS_FILE = "roots.json"
DOCUMENT_FILE = "directory.json"
STATE_FILE = "installed.json"
LOCK_FILE = ".install.lock"

try:  # POSIX; on Windows the in-process lock alone serialises (one service process owns the folder there)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def pin_root(trust_dir: Path, public_key_text: str, threshold: int | None = None) -> RootSet:
    """Pin an operator root public key (idempotent); optionally set how many roots must agree."""
    try:
        key = unb64(public_key_text.strip())
    except ValueError as exc:
        raise BadInput("root key must be base64 (the text `directory create-operator-key` printed)") from exc
    if len(key) != 32:
        raise BadInput("root key must be a 32-byte Ed25519 public key")
    try:
        current = load_roots(trust_dir)
        keys, old_threshold = list(current.keys), current.threshold
    except ConfigError:
        keys, old_threshold = [], 1
    if key not in keys:
        keys.append(key)
    try:
        roots = RootSet(tuple(keys), old_threshold if threshold is None else threshold)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    write_json(trust_dir / ROOTS_FILE, {"keys": [b64(k) for k in roots.keys], "threshold": roots.threshold})
    return roots


def pin_root_set(trust_dir: Path, roots: RootSet, threshold: int | None = None) -> RootSet:
    """Pin every key of the operator's root set (added to those already pinned) and its threshold.

    `threshold` overrides the root set's own. Raising the threshold is how an appliance stops trusting
    any single root alone; lowering it below the root set's is refused."""
    wanted = roots.threshold if threshold is None else threshold
    if wanted < roots.threshold:
        raise BadInput(f"the root set asks for {roots.threshold} roots to agree; a lower threshold is refused")
    try:
        current = load_roots(trust_dir)
        keys = list(current.keys)
    except ConfigError:
        keys = []
    keys += [k for k in roots.keys if k not in keys]
    try:
        pinned = RootSet(tuple(keys), wanted)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    write_json(trust_dir / ROOTS_FILE, {"keys": [b64(k) for k in pinned.keys], "threshold": pinned.threshold})
    return pinned


def unpin_root(trust_dir: Path, public_key_text: str, threshold: int | None = None) -> RootSet:
    """Stop trusting one root (a root retired or compromised); the others stay pinned.

    Refused when it is not pinned, when it is the last root, when the remaining roots are fewer than the
    threshold (lowering it must be asked for with `threshold`, never implied), and when the installed
    directory would no longer verify: its signing key may rest on this root's delegation, so the operator
    first installs a directory delegated by the remaining roots, then unpins."""
    try:
        key = unb64(public_key_text.strip())
    except ValueError as exc:
        raise BadInput("root key must be base64 (the text `directory create-operator-key` printed)") from exc
    with _serialised(trust_dir):
        current = load_roots(trust_dir)
        if key not in current.keys:
            raise BadInput("this root key is not pinned on this appliance")
        keys = tuple(k for k in current.keys if k != key)
        if not keys:
            raise BadInput("this is the only pinned root: pin its successor first (`passerelle trust`)")
        wanted = current.threshold if threshold is None else threshold
        if wanted > len(keys):
            raise BadInput(f"the threshold is {current.threshold} and {len(keys)} root(s) would remain: "
                           "give --threshold to lower it, or pin another root first")
        try:
            remaining = RootSet(keys, wanted)
        except ValueError as exc:
            raise BadInput(str(exc)) from exc
        document = trust_dir / DOCUMENT_FILE
        if document.exists():
            try:
                verify_directory(document.read_bytes(), remaining, None, None)
            except DirectoryRejected as exc:
                raise BadInput("the installed directory does not verify without this root "
                               f"({exc}): install one delegated by the remaining roots first") from exc
        write_json(trust_dir / ROOTS_FILE, {"keys": [b64(k) for k in remaining.keys],
                                            "threshold": remaining.threshold})
    return remaining


def load_roots(trust_dir: Path) -> RootSet:
    path = trust_dir / ROOTS_FILE
    if not path.exists():
        raise ConfigError("no operator root is pinned: run `passerelle trust ROOT_PUBLIC_KEY`")
    try:
        obj = read_json_object(path, "pinned roots")
        return RootSet(tuple(unb64(k) for k in obj["keys"]), int(obj["threshold"]))
    except (BadInput, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"pinned roots in {path} are unreadable: {exc}") from exc


def installed_state(trust_dir: Path) -> InstalledState | None:
    path = trust_dir / STATE_FILE
    if not path.exists():
        return None
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
        return InstalledState(int(obj["version"]), str(obj["sha256"]), int(obj.get("signing_serial", 0)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"installed directory state {path} is unreadable: {exc}") from exc


# An install writes two files (state, then document): readers wait for a running install instead of seeing
# the new state beside the old document. In this process (the engine's handshakes, status) a re-entrant
# lock does it; across processes (`passerelle directory install` beside a running engine) an advisory
# lock on a file in the trust folder, taken by the outermost holder in this process only (flock locks
# belong to an open file, so a nested open would wait for itself).
_installing = threading.RLock()
_depth = threading.local()


@contextlib.contextmanager
def _serialised(trust_dir: Path) -> Iterator[None]:
    with _installing:
        depth = getattr(_depth, "value", 0)
        fd = -1
        if depth == 0 and fcntl is not None and trust_dir.is_dir():
            fd = os.open(trust_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _depth.value = depth + 1
        try:
            yield
        finally:
            _depth.value = depth
            if fd >= 0:
                os.close(fd)  # releases the flock


def install(
    trust_dir: Path, document_bytes: bytes, now: float, grace_seconds: float = DEFAULT_GRACE_SECONDS
) -> Directory:
    """Verify and install a signed directory. Refuses (DirectoryRejected) anything older, forked,
    expired beyond grace or badly signed; re-installing the installed document is a no-op."""
    with _serialised(trust_dir):
        return _install(trust_dir, document_bytes, now, grace_seconds)


def _install(trust_dir: Path, document_bytes: bytes, now: float, grace_seconds: float) -> Directory:
    roots = load_roots(trust_dir)
    previous = installed_state(trust_dir)
    directory = verify_directory(document_bytes, roots, previous, now, grace_seconds)
    if previous is not None and previous.sha256 == directory.sha256:
        return directory
    new = state_of(directory)
    if previous is not None and previous.signing_serial > new.signing_serial:
        new = InstalledState(new.version, new.sha256, previous.signing_serial)
    # The state (what rollbacks are measured against) goes first: a crash in between leaves a state
    # that still accepts this very document again.
    write_json(
        trust_dir / STATE_FILE, {"version": new.version, "sha256": new.sha256, "signing_serial": new.signing_serial}
    )
    write_durably(trust_dir / DOCUMENT_FILE, document_bytes)
    return directory


def load_installed(trust_dir: Path) -> Directory | None:
    """The installed directory (signatures re-checked against the pinned roots), or None.

    Expiry is not checked here: ask `verify.expiry_status` to decide on alarms and outgoing transfers."""
    path = trust_dir / DOCUMENT_FILE
    with _serialised(trust_dir):
        if not path.exists():
            return None
        document = path.read_bytes()
        state = installed_state(trust_dir)
    directory = verify_directory(document, load_roots(trust_dir), None, None)
    if state is not None and state.sha256 != directory.sha256:
        raise DirectoryRejected("installed directory does not match the recorded state; install it again")
    return directory
