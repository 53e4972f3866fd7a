"""Sans-IO peer protocol: frames, handshake, sessions and transfer machines (bytes in, events out).

Entry points for a transport: `handshake.InitiatorHandshake` / `handshake.ResponderHandshake`,
`session.Session`, `sender.SenderTransfer`, `receiver.ReceiverTransfer`; `loopback` shows the wiring.
See docs/protocol.md.
"""
