package dev.tandem.collab.authority;

import dev.tandem.collab.Update;

import java.util.List;

/**
 * One client's push: updates made on top of {@code baseVersion}. {@code maxLength}: the most characters the
 * document may hold after it (the document limit less what the session's other files take, v1.1 "Several files");
 * {@code maxJsonBytes} the same for the limit in JSON bytes (what a welcome carries of every file).
 */
record PushRequest(int baseVersion, List<Update> updates, int maxLength, long maxJsonBytes) {
    PushRequest(int baseVersion, List<Update> updates, int maxLength) {
        this(baseVersion, updates, maxLength, Long.MAX_VALUE);
    }
}
