-- Durable sessions (docs/durability.md). Small entries of the cluster's maps as opaque bytes.
CREATE TABLE stored_entries (
    map_name    VARCHAR(64)  NOT NULL,
    entry_key   VARCHAR(256) NOT NULL,
    entry_value VARBINARY    NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (map_name, entry_key)
);
CREATE INDEX stored_entries_age ON stored_entries (map_name, updated_at);

-- The latest snapshot of each document's text (older ones are deleted when a newer one is stored). A CLOB, so
-- H2 writes the text once into its LOB storage instead of rewriting a table page full of texts on each commit.
CREATE TABLE document_snapshots (
    session_id VARCHAR(64)       NOT NULL,
    version    INT               NOT NULL,
    content    CHARACTER LARGE OBJECT NOT NULL,
    last_seq   VARBINARY         NOT NULL,
    taken_at   BIGINT            NOT NULL,
    PRIMARY KEY (session_id, version)
);

-- Every accepted update, append-only: the version it produced, who made it, its changes, when it was accepted.
CREATE TABLE document_updates (
    session_id VARCHAR(64)  NOT NULL,
    version    INT          NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    seq        INT          NOT NULL,
    changes    VARBINARY    NOT NULL,
    accepted_at BIGINT      NOT NULL,
    PRIMARY KEY (session_id, version)
);
