-- Peer transfers, version 2: what the sender and the receiver must keep to resume after a crash.

-- One row per transfer that reached the peer protocol (both directions). The per-transfer key is
-- erased (set to empty) once the receipt is stored.
CREATE TABLE peer_transfers (
    transfer_id      TEXT PRIMARY KEY REFERENCES transfers(id),
    protocol_id      BLOB NOT NULL,                 -- 16-byte transfer id carried in every chunk header
    signed_manifest  BLOB NOT NULL,
    transfer_key     BLOB NOT NULL,
    receipt          BLOB NOT NULL DEFAULT x'',
    chunks_total     INTEGER NOT NULL DEFAULT 0,
    chunks_sent      INTEGER NOT NULL DEFAULT 0,    -- sender: chunk frames accepted by the peer (resends included)
    chunks_recorded  INTEGER NOT NULL DEFAULT 0,    -- receiver: journal rows written (first copies only)
    chunks_repeated  INTEGER NOT NULL DEFAULT 0,    -- receiver: chunks that arrived again and were skipped
    sessions         INTEGER NOT NULL DEFAULT 0,    -- sessions that offered/asked about it (1 + resumes)
    offers           TEXT NOT NULL DEFAULT '[]',    -- sender: chunks the receiver said it missed, at each offer
    committed_at     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX peer_transfers_protocol ON peer_transfers(protocol_id);

-- Series of each received file, from the manifest (transfer_files has the instance but not the series).
ALTER TABLE transfer_files ADD COLUMN series_uid TEXT NOT NULL DEFAULT '';
