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
}
