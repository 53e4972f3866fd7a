"""Cryptographic primitives without IO: key derivation, AEAD, handshake agreement, chunk sealing."""
