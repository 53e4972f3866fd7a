"""Site settings: one TOML file in the site home, read into a frozen `Settings` value."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import tomli_w

from appliance.domain import DicomNode
from appliance.errors import ConfigError, NotInitialised

SETTINGS_FILE = "settings.toml"
AET_RE = re.compile(r"^[\x21-\x5b\x5d-\x7e]([\x20-\x5b\x5d-\x7e]{0,14}[\x21-\x5b\x5d-\x7e])?$")


def default_home() -> Path:
    """The platform's data folder for Passerelle."""
    env = os.environ.get("PASSERELLE_HOME")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", "C:/ProgramData")) / "Passerelle"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "passerelle"


def parse_node(text: str) -> DicomNode:
    """Parse AET@HOST:PORT."""
    match = re.fullmatch(r"([^@]{1,16})@([^:]+):(\d{1,5})", text.strip())
    if not match:
        raise ConfigError(f"PACS must be written AET@HOST:PORT, got {text!r}")
    aet, host, port = match.group(1), match.group(2), int(match.group(3))
    check_aet(aet)
    check_port(port, "PACS port")
    return DicomNode(aet=aet, host=host, port=port)


def check_aet(aet: str) -> str:
    if not AET_RE.match(aet):
        raise ConfigError(f"AE title must be 1-16 printable characters without backslash, got {aet!r}")
    return aet


def check_port(port: int, what: str) -> int:
    if not 0 <= port <= 65535:
        raise ConfigError(f"{what} must be between 0 and 65535, got {port}")
    return port


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one site. Paths are derived from `home`."""

    home: Path
    site_name: str
    aet: str = "PASSERELLE"
    dicom_port: int = 11112
    http_port: int = 8443
    bind_host: str = "0.0.0.0"
    public_url: str = ""
    pacs: DicomNode | None = None
    pacs_dicomweb_url: str = ""
    bandwidth_limit_kbps: int = 0
    proxy_url: str = ""
    directory_url: str = ""
    directory_refresh_minutes: int = 60
    min_free_mb: int = 512
    use_sender_patient_data: bool = False
    new_patient_policy: str = "review"
    manual_grace_s: float = 30.0
    """Seconds a person's review decision waits before the study is rewritten and pushed: the undo window."""
    niss_attribute: str = "OtherPatientIDs"
    language: str = "fr"
    lan_discovery: bool = False
    routing_interval_s: int = 300
    routing_look_back_days: int = 3
    routing_retrieve: str = "move"
    routing_debounce_s: float = 10.0
    pacs_push_associations: int = 4
    hl7_port: int = 0
    hl7_bind_host: str = "127.0.0.1"
    local_issuer: str = ""
    spool_keep_days: float = 7.0
    """Days a study's spool files stay after every transfer of it finished (delivered with a receipt, or stored
    in the PACS and verified, or rejected at review); 0 = remove them as soon as that is safe."""
    spool_purge_interval_s: int = 3600
    """Seconds between two retention purges of the running engine (one also runs at start)."""
    tls_cert_file: str = ""
    """PEM certificate of the peer endpoint (then any intermediates); with `tls_key_file` the endpoint serves
    HTTPS only (TLS 1.2 or newer). Both or neither; a relative path is taken from the site home."""
    tls_key_file: str = ""
    """PEM private key of `tls_cert_file`, without a passphrase (the engine starts unattended)."""
    tls_ca_file: str = ""
    """Extra PEM CA bundle that peers' certificates (and an https `directory_url`) may chain to, besides the
    system store: the hospital network's own CA, or a test CA."""
    tls_verify: bool = True
    """Check peers' TLS certificates for https endpoints. False accepts any certificate: a peer's identity still
    rests on the handshake against the signed directory and the content stays sealed end to end, so a failed
    check only ever refuses a connection at the network level; it does not let an impostor in."""

    @property
    def spool_dir(self) -> Path:
        return self.home / "spool"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def key_dir(self) -> Path:
        return self.home / "keys"

    @property
    def db_path(self) -> Path:
        return self.home / "state.sqlite"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def serves_tls(self) -> bool:
        """The peer endpoint serves HTTPS (only)."""
        return bool(self.tls_cert_file)

    def tls_path(self, value: str) -> Path | None:
        """One of the `tls_*_file` settings as a path (relative ones from the site home); None when unset."""
        return self.home / Path(value).expanduser() if value else None

    def endpoint(self) -> str:
        scheme = "https" if self.serves_tls else "http"
        return self.public_url or f"{scheme}://127.0.0.1:{self.http_port}"

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def to_toml(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("home")
        data["pacs"] = str(self.pacs) if self.pacs else ""
        return {k: v for k, v in data.items() if v is not None}


def load_settings(home: Path) -> Settings:
    path = home / SETTINGS_FILE
    if not path.exists():
        raise NotInitialised(f"no site at {home}: run `passerelle init --name NAME --home {home}` first")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    pacs = data.pop("pacs", "")
    known = {f for f in Settings.__dataclass_fields__ if f != "home"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown settings {', '.join(sorted(unknown))}")
    try:
        settings = Settings(home=home, pacs=parse_node(pacs) if pacs else None, **data)
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    check_aet(settings.aet)
    check_port(settings.dicom_port, "DICOM port")
    check_port(settings.http_port, "HTTP port")
    if not 0 <= settings.manual_grace_s <= 3600:
        raise ConfigError(f"{path}: manual_grace_s must be between 0 and 3600 seconds")
    if not _number_within(settings.spool_keep_days, 0, 3650):
        raise ConfigError(f"{path}: spool_keep_days must be a number of days between 0 and 3650")
    if not _number_within(settings.spool_purge_interval_s, 1, 86400):
        raise ConfigError(f"{path}: spool_purge_interval_s must be a number of seconds between 1 and 86400")
    check_tls(settings, path)
    return settings


def check_tls(settings: Settings, path: Path) -> None:
    """The shape of the TLS settings; whether the files are usable is checked when the engine starts."""
    for name in ("tls_cert_file", "tls_key_file", "tls_ca_file"):
        if not isinstance(getattr(settings, name), str):
            raise ConfigError(f"{path}: {name} must be a file path in quotes")
    if bool(settings.tls_cert_file) != bool(settings.tls_key_file):
        missing = "tls_key_file" if settings.tls_cert_file else "tls_cert_file"
        raise ConfigError(f"{path}: tls_cert_file and tls_key_file go together (HTTPS needs both); {missing} is "
                          "not set")
    if not isinstance(settings.tls_verify, bool):
        raise ConfigError(f"{path}: tls_verify must be true or false")


def _number_within(value: object, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def save_settings(settings: Settings) -> None:
    settings.home.mkdir(parents=True, exist_ok=True)
    path = settings.home / SETTINGS_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomli_w.dumps(settings.to_toml()), encoding="utf-8")
    os.replace(tmp, path)
