package dev.tandem.collab.authority;

/** A document's text at a version. */
public record Snapshot(int version, String content) {}
