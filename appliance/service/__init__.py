"""Composition root: settings, logging, the engine thread, and the commands clients call."""
