package dev.tandem.collab.authority;

import dev.tandem.collab.PushResult;

import java.util.List;

/** The answers to a group of pushes, in the order they were applied. */
record PushResults(List<PushResult> results) {}
