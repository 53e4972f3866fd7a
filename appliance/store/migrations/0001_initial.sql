-- Passerelle state, version 1. Only appliance/store/ runs SQL.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Studies, series and instances held in the spool (sent or received).
CREATE TABLE studies (
    study_uid        TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL DEFAULT '',
    patient_name     TEXT NOT NULL DEFAULT '',
    birth_date       TEXT NOT NULL DEFAULT '',
    sex              TEXT NOT NULL DEFAULT '',
    accession        TEXT NOT NULL DEFAULT '',
    study_date       TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    referring        TEXT NOT NULL DEFAULT '',
    origin           TEXT NOT NULL DEFAULT 'local',   -- local | peer site id
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE series (
    series_uid   TEXT PRIMARY KEY,
    study_uid    TEXT NOT NULL REFERENCES studies(study_uid),
    modality     TEXT NOT NULL DEFAULT '',
    number       TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    institution  TEXT NOT NULL DEFAULT '',
    station      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX series_study ON series(study_uid);

CREATE TABLE instances (
    sop_instance_uid TEXT PRIMARY KEY,
    series_uid       TEXT NOT NULL REFERENCES series(series_uid),
    study_uid        TEXT NOT NULL REFERENCES studies(study_uid),
    sop_class_uid    TEXT NOT NULL,
    transfer_syntax  TEXT NOT NULL DEFAULT '',
    path             TEXT NOT NULL,                    -- relative to the spool
    size             INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    source           TEXT NOT NULL,                    -- scp | import | peer
    calling_aet      TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL
);
CREATE INDEX instances_study ON instances(study_uid);
CREATE INDEX instances_series ON instances(series_uid);

CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    path        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

-- Transfers in both directions. state: queued|sending|receiving|review|storing|done|failed
CREATE TABLE transfers (
    id            TEXT PRIMARY KEY,
    direction     TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    peer          TEXT NOT NULL,
    study_uid     TEXT NOT NULL,
    state         TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    files_total   INTEGER NOT NULL DEFAULT 0,
    files_done    INTEGER NOT NULL DEFAULT 0,
    bytes_total   INTEGER NOT NULL DEFAULT 0,
    bytes_done    INTEGER NOT NULL DEFAULT 0,
    manifest_hash TEXT NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX transfers_state ON transfers(state);
CREATE INDEX transfers_study ON transfers(study_uid, peer, direction);

-- The files a transfer carries (frozen at queue time for the sender; from the manifest for the receiver).
CREATE TABLE transfer_files (
    transfer_id      TEXT NOT NULL REFERENCES transfers(id),
    file_index       INTEGER NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    path             TEXT NOT NULL DEFAULT '',
    size             INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    chunk_count      INTEGER NOT NULL DEFAULT 0,
    done             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (transfer_id, file_index)
);

-- Receiver journal: a chunk is recorded only after it is durable on disk.
CREATE TABLE chunks (
    transfer_id  TEXT NOT NULL,
    file_index   INTEGER NOT NULL,
    chunk_index  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (transfer_id, file_index, chunk_index)
);

-- Local patient index.
CREATE TABLE patients (
    id           TEXT PRIMARY KEY,
    family_name  TEXT NOT NULL DEFAULT '',
    given_name   TEXT NOT NULL DEFAULT '',
    birth_date   TEXT NOT NULL DEFAULT '',
    sex          TEXT NOT NULL DEFAULT '',
    niss         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    merged_into  TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE INDEX patients_niss ON patients(niss);
CREATE INDEX patients_birth ON patients(birth_date);

-- Reconciliation decisions for incoming studies.
CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    transfer_id  TEXT NOT NULL,
    study_uid    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('link', 'review', 'new', 'reject')),
    matched_id   TEXT NOT NULL DEFAULT '',
    score        REAL NOT NULL DEFAULT 0,
    candidates   TEXT NOT NULL DEFAULT '[]',           -- JSON
    decided_by   TEXT NOT NULL,                        -- 'engine' or a user name
    decided_at   TEXT NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]',           -- JSON
    reversed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX decisions_transfer ON decisions(transfer_id);

-- Audit journal: who did what, when, and why. Append-only.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at);

-- Routing rules and what has been routed (each study to each site once; later series as additions).
CREATE TABLE routing_rules (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    site      TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    criteria  TEXT NOT NULL DEFAULT '{}',              -- JSON
    enabled   INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE routed (
    study_uid   TEXT NOT NULL,
    series_uid  TEXT NOT NULL,
    site        TEXT NOT NULL,
    transfer_id TEXT NOT NULL,
    routed_at   TEXT NOT NULL,
    PRIMARY KEY (study_uid, series_uid, site)
);
