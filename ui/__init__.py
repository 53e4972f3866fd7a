"""Passerelle desktop application (PySide6); talks to the engine only through appliance.service."""
