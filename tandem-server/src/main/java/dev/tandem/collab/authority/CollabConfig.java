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
     * The most all files of a session may take together as JSON (UTF-8 with its escapes, {@code collab.JsonBytes}),
     * which is what every {@code welcome} carries: 3.5 MiB. A welcome holds the main file twice ({@code content} and
     * {@code files}), so it may carry twice this plus the participants and the paths; that must fit the outbound
     * budget of a connection ({@code tandem.realtime.outbound-max-bytes}, 8 MiB), or the node does not start
     * ({@code realtime.WelcomeBudget}, docs/security.md 7d).
     */
    @WithDefault("3670016")
    long maxDocumentBytes();

    /** About how many bytes of updates one answer to a {@code pull} or a catch-up carries; the rest follows page by page. */
    @WithDefault("1048576")
    long pageBytes();
}
