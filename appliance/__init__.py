"""Passerelle engine: everything below here runs without Qt."""

__version__ = "0.1.0"
