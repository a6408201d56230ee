package dev.tandem.storage;

import java.util.List;

/** What loading a document reads: its latest snapshot and the updates after it, in version order. */
public record StoredDocument(StoredSnapshot snapshot, List<StoredUpdate> updates) {}
