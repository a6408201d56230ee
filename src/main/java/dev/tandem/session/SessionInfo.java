package dev.tandem.session;

/** What a session is apart from its document: the language it runs and a title for people. */
public record SessionInfo(String id, String language, String title, long createdAtMillis) {}
