-- Durable sessions (docs/durability.md). Small entries of the cluster's maps as opaque bytes.
CREATE TABLE stored_entries (
    map_name    VARCHAR(64)  NOT NULL,
    entry_key   VARCHAR(256) NOT NULL,
    entry_value BYTEA        NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (map_name, entry_key)
);
CREATE INDEX stored_entries_age ON stored_entries (map_name, updated_at);

-- The latest snapshot of each document's text (older ones are deleted when a newer one is stored).
CREATE TABLE document_snapshots (
    session_id VARCHAR(64)       NOT NULL,
    version    INT               NOT NULL,
    content    TEXT              NOT NULL,
    last_seq   BYTEA             NOT NULL,
    taken_at   BIGINT            NOT NULL,
    PRIMARY KEY (session_id, version)
);

-- Every accepted update, append-only: the version it produced, who made it, its changes, when it was accepted.
CREATE TABLE document_updates (
    session_id VARCHAR(64)  NOT NULL,
    version    INT          NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    seq        INT          NOT NULL,
    changes    BYTEA        NOT NULL,
    accepted_at BIGINT      NOT NULL,
    PRIMARY KEY (session_id, version)
);
