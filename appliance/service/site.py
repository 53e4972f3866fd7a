"""Creating and opening a site home: settings, keys, identity as the directory lists it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appliance.domain import SiteId
from appliance.errors import ConfigError
from appliance.identity.keys import SiteKeys, b64, load_keys, save_keys
from appliance.service.settings import SETTINGS_FILE, Settings, load_settings, save_settings


@dataclass(frozen=True)
class Site:
    """An opened site home: its settings and its keys."""

    settings: Settings
    keys: SiteKeys

    @property
    def site_id(self) -> SiteId:
        return self.keys.site_id

    def identity(self) -> dict[str, object]:
        """This site's entry for the directory (what `passerelle identity --json` prints)."""
        s = self.settings
        return {
            "id": self.site_id,
            "name": s.site_name,
            "signing_key": b64(bytes(self.keys.verify_key)),
            "fingerprint": self.keys.fingerprint,
            "endpoints": [s.endpoint()],
            "dicom": {"aet": s.aet, "port": s.dicom_port},
        }


def init_site(settings: Settings, force: bool = False) -> Site:
    """Create a site home with fresh keys. Refuses to overwrite an existing site unless `force`."""
    if not settings.site_name.strip():
        raise ConfigError("the site needs a name: --name \"CHR Citadelle\"")
    if (settings.home / SETTINGS_FILE).exists() and not force:
        raise ConfigError(f"a site already exists at {settings.home}; keys are never overwritten")
    settings.home.mkdir(parents=True, exist_ok=True)
    keys = SiteKeys.generate()
    save_keys(keys, settings.key_dir)
    save_settings(settings)
    for folder in (settings.spool_dir, settings.quarantine_dir, settings.log_dir):
        folder.mkdir(parents=True, exist_ok=True)
    return Site(settings=settings, keys=keys)


def open_site(home: Path) -> Site:
    settings = load_settings(home)
    return Site(settings=settings, keys=load_keys(settings.key_dir))
