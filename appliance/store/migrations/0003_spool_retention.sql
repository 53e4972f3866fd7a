-- Spool retention, version 3: which spool files were removed, when, and why it was safe.

-- One row per purge of a study's files. `finished_at` stays '' until every file is gone: a purge found
-- unfinished (a crash between the mark and the deletes) is completed by the next run.
CREATE TABLE spool_purges (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid    TEXT NOT NULL,
    files        INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    transfers    TEXT NOT NULL DEFAULT '[]',       -- JSON: ids of the finished transfers that made it safe
    keep_days    REAL NOT NULL,
    marked_at    TEXT NOT NULL,
    finished_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX spool_purges_unfinished ON spool_purges(finished_at);

-- An instance whose file was purged keeps its row (history, the receiver's "already held" check);
-- `purged_at` = '' means the file is in the spool.
ALTER TABLE instances ADD COLUMN purged_at TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN purge_id INTEGER REFERENCES spool_purges(id);
CREATE INDEX instances_purge ON instances(purge_id);
CREATE INDEX instances_held ON instances(study_uid, purged_at);

-- Lookups the safety rule makes for every candidate study.
CREATE INDEX transfer_files_sop ON transfer_files(sop_instance_uid);
CREATE INDEX audit_action_subject ON audit(action, subject);
