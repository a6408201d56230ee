package dev.tandem.collab.authority;

import dev.tandem.collab.Update;

import java.util.List;

/** One client's push: updates made on top of {@code baseVersion}. */
record PushRequest(int baseVersion, List<Update> updates) {}
