package dev.tandem.storage;

import java.util.Map;

/** A document's whole text at one version, with the highest accepted seq per client (for resend detection). */
public record StoredSnapshot(String sessionId, int version, String content, Map<String, Integer> lastSeqByClient, long at) {}
