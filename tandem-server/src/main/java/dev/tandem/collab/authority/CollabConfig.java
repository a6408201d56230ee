package dev.tandem.collab.authority;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the document authority ({@code tandem.collab.*}). */
@ConfigMapping(prefix = "tandem.collab")
public interface CollabConfig {

    /** The longest a document may grow, in UTF-16 units (4 MiB of text). */
    @WithDefault("4194304")
    int maxDocumentChars();

    /** How many recent updates a document keeps for pull and catch-up. */
    @WithDefault("5000")
    int historyUpdates();

    /** How many inserted characters the retained history may hold at most. */
    @WithDefault("8388608")
    long historyChars();

    /**
     * The longest a document may grow in what it takes as JSON (UTF-8 with its escapes, {@code collab.JsonBytes}),
     * which is what every {@code welcome} carries: 4 MiB, half the outbound budget of a connection
     * ({@code tandem.realtime.outbound-max-bytes}), so a joiner's welcome always fits (docs/security.md 7d).
     */
    @WithDefault("4194304")
    long maxDocumentBytes();

    /** About how many bytes of updates one answer to a {@code pull} or a catch-up carries; the rest follows page by page. */
    @WithDefault("1048576")
    long pageBytes();
}
