"""The signed directory of member sites: format, verification, operator tooling, appliance trust."""

from appliance.directory.document import Directory, SiteEntry
from appliance.directory.verify import Freshness, InstalledState, RootSet, expiry_status, verify_directory

__all__ = ["Directory", "Freshness", "InstalledState", "RootSet", "SiteEntry", "expiry_status", "verify_directory"]
