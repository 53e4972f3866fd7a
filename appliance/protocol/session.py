"""An open session: seals and opens control messages with the per-direction session keys."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.crypto.aead import SealBroken, seal, unseal
from appliance.crypto.handshake import SessionKeys
from appliance.domain import SiteId
from appliance.errors import PeerError
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, decode_frame, encode_frame
from appliance.protocol.messages import ID_BYTES, ControlMessage, decode_control, encode_control

_DIRECTION_I2R = b"\x01"
_DIRECTION_R2I = b"\x02"


class MessageRejected(PeerError):
    """A sealed control message failed authentication or does not belong to this session."""


@dataclass(frozen=True)
class Session:
    """Both ends hold one after a successful handshake; `peer` is the directory-proven site id."""

    peer: SiteId
    initiator: bool
    keys: SessionKeys

    @property
    def session_id(self) -> bytes:
        return self.keys.session_id

    def _aad(self, outgoing: bool) -> bytes:
        from_initiator = outgoing == self.initiator
        return b"psl1 sealed" + self.session_id + (_DIRECTION_I2R if from_initiator else _DIRECTION_R2I)

    def seal(self, message: ControlMessage) -> bytes:
        """A SEALED frame carrying `message` to the peer."""
        box = seal(self.keys.sending_key(self.initiator), encode_control(message), self._aad(outgoing=True))
        return encode_frame(FrameKind.SEALED, self.session_id + box)

    def open(self, data: bytes) -> ControlMessage:
        """The control message inside a SEALED frame from the peer; MessageRejected otherwise."""
        try:
            frame = decode_frame(data, FrameKind.SEALED)
        except MalformedMessage as exc:
            raise MessageRejected(str(exc)) from exc
        session_id, box = frame.payload[:ID_BYTES], frame.payload[ID_BYTES:]
        if session_id != self.session_id:
            raise MessageRejected("sealed message belongs to another session")
        try:
            plain = unseal(self.keys.receiving_key(self.initiator), box, self._aad(outgoing=False))
        except SealBroken as exc:
            raise MessageRejected("sealed message failed authentication") from exc
        return decode_control(plain)


def session_id_of(data: bytes) -> bytes:
    """The (public) session id a SEALED frame claims, so a transport can find the session."""
    frame = decode_frame(data, FrameKind.SEALED)
    if len(frame.payload) < ID_BYTES:
        raise MalformedMessage("sealed frame too short")
    return frame.payload[:ID_BYTES]
