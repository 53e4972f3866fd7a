"""One error hierarchy: our own mistakes, bad input from a user, and what a peer did wrong."""

from __future__ import annotations


class PasserelleError(Exception):
    """Base of every error the engine raises on purpose. Its message is one line a technician can act on."""


class LocalError(PasserelleError):
    """Something wrong on this appliance: configuration, disk, state."""


class ConfigError(LocalError):
    """The settings are missing or invalid."""


class NotInitialised(ConfigError):
    """The site home has not been created with `passerelle init`."""


class StorageError(LocalError):
    """The spool or the state database could not be written."""


class DiskFull(StorageError):
    """Not enough free space to accept more data; work is paused."""


class BadInput(PasserelleError):
    """Input given by a user or a file is unusable."""


class InvalidDicom(BadInput):
    """A DICOM file or dataset cannot be parsed or lacks a required attribute."""


class UnknownSite(BadInput):
    """A site name or id that the directory does not list."""


class PeerError(PasserelleError):
    """A peer (another appliance, a PACS) did something wrong or is unreachable."""


class PeerUnreachable(PeerError):
    """The peer did not answer; the work will be retried."""


class DirectoryRejected(PeerError):
    """A directory document was refused (signature, version, expiry, size)."""


class HandshakeRefused(PeerError):
    """A peer's handshake was refused before any expensive work."""


class ChunkRejected(PeerError):
    """A chunk failed authentication or does not belong where it claims."""


class DicomPeerError(PeerError):
    """A DICOM peer answered with a failure status or refused the association."""
