package dev.tandem.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.access.LimitsConfig;
import dev.tandem.api.SessionResource;
import dev.tandem.collab.authority.CollabConfig;
import dev.tandem.protocol.ClientMessageParser;
import dev.tandem.protocol.FilePaths;
import dev.tandem.protocol.Participant;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.UUID;

/**
 * A {@code welcome} always fits a connection's outbound budget, or the node does not start (docs/security.md 7d).
 * Why it matters: a welcome larger than {@code tandem.realtime.outbound-max-bytes} closes every joiner as too slow
 * (4008), so nobody could open that session any more.
 *
 * <p>The largest welcome: the main file twice (v1's {@code content}, and again as the first of {@code files}),
 * every other file once, which together is at most twice {@code tandem.collab.max-document-bytes} (the limit holds
 * for all files together), plus one entry per file (its path and version), one per participant
 * ({@code tandem.limits.participants-per-session}) and the message's own fields. Each of those is measured by
 * writing its worst case with the server's own JSON writer, every character a control character (six bytes as
 * JSON) where the field may hold any.
 */
@ApplicationScoped
public class WelcomeBudget {
    /** The most any text field takes per UTF-16 unit as JSON ({@code \u0001}). */
    private static final char WORST = '\u0001';

    /** At startup: the configured limits, or the node does not start. */
    void check(@Observes StartupEvent started, CollabConfig collab, RealtimeConfig realtime, LimitsConfig limits,
               ObjectMapper mapper) {
        String problem = problem(mapper, collab.maxDocumentBytes(), limits.participantsPerSession(), realtime.outboundMaxBytes());
        if (problem != null) throw new IllegalStateException(problem);
    }

    /** Why these limits let a welcome outgrow the outbound budget, or null when every welcome fits. */
    static String problem(ObjectMapper mapper, long maxDocumentBytes, int participants, long outboundMaxBytes) {
        long largest = largestWelcome(mapper, maxDocumentBytes, participants);
        if (largest <= outboundMaxBytes) return null;
        long overhead = largest - 2 * maxDocumentBytes;
        return "a welcome may take " + largest + " bytes, more than tandem.realtime.outbound-max-bytes=" + outboundMaxBytes
                + ", so joiners of a full session would be closed as too slow: it carries the main file twice (content "
                + "and files), so twice tandem.collab.max-document-bytes=" + maxDocumentBytes + ", plus " + overhead
                + " bytes for up to " + participants + " participants (tandem.limits.participants-per-session) and "
                + FilePaths.MAX_FILES + " files. Lower tandem.collab.max-document-bytes to at most "
                + Math.max(0, (outboundMaxBytes - overhead) / 2) + " or raise tandem.realtime.outbound-max-bytes to at least " + largest;
    }

    /** The most bytes a welcome may take with these limits. */
    static long largestWelcome(ObjectMapper mapper, long maxDocumentBytes, int participants) {
        String anyText = String.valueOf(WORST).repeat(ClientMessageParser.MAX_CLIENT_ID_LENGTH);
        String longestLanguage = Languages.all().stream().map(Language::id).reduce("", (a, b) -> b.length() > a.length() ? b : a);
        ServerMessage.Welcome empty = new ServerMessage.Welcome("s".repeat(64), anyText, Integer.MAX_VALUE, "",
                longestLanguage, String.valueOf(WORST).repeat(SessionResource.MAX_TITLE_LENGTH), List.of(),
                UUID.randomUUID().toString(), anyText, List.of());
        Participant participant = new Participant(anyText, String.valueOf(WORST).repeat(ClientMessageParser.MAX_NAME_LENGTH), "#000000");
        ServerMessage.FileContent file = new ServerMessage.FileContent("p".repeat(FilePaths.MAX_LENGTH), Integer.MAX_VALUE, "");
        long perParticipant = bytes(mapper, participant) + 1; // and a comma
        long perFile = bytes(mapper, file) + 1;
        return bytes(mapper, empty) + 2 * maxDocumentBytes + (long) participants * perParticipant + (long) FilePaths.MAX_FILES * perFile;
    }

    private static long bytes(ObjectMapper mapper, Object message) {
        try {
            return ClientConnection.utf8Length(mapper.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
