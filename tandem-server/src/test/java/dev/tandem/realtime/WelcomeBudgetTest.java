package dev.tandem.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic behind "a welcome always fits the outbound budget" (docs/security.md 7d): the largest welcome
 * carries the main file twice, so the defaults must leave room for twice the byte limit plus the participants and
 * file entries, and a byte limit that cannot fit stops the node at start with a message saying what to change.
 * Defect it stands for: the byte limit was half the budget, which a welcome with the main file at the limit
 * (twice) and any participant passed, so such a session could not be joined.
 */
class WelcomeBudgetTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The defaults: tandem.collab.max-document-bytes, tandem.limits.participants-per-session, tandem.realtime.outbound-max-bytes. */
    private static final long MAX_DOCUMENT_BYTES = 3_670_016;
    private static final int PARTICIPANTS = 100;
    private static final long OUTBOUND = 8 << 20;

    @Test
    void theDefaultsFitTheLargestWelcome() {
        assertThat(WelcomeBudget.problem(MAPPER, MAX_DOCUMENT_BYTES, PARTICIPANTS, OUTBOUND)).isNull();
        long largest = WelcomeBudget.largestWelcome(MAPPER, MAX_DOCUMENT_BYTES, PARTICIPANTS);
        assertThat(largest).as("twice the files, plus participants and paths").isGreaterThan(2 * MAX_DOCUMENT_BYTES + 100_000);
        assertThat(largest).isLessThanOrEqualTo(OUTBOUND);
    }

    @Test
    void aByteLimitOfHalfTheBudgetCannotFitAndSaysWhatToChange() {
        String problem = WelcomeBudget.problem(MAPPER, 4 << 20, PARTICIPANTS, OUTBOUND);
        assertThat(problem).contains("tandem.collab.max-document-bytes=4194304").contains("tandem.realtime.outbound-max-bytes=8388608")
                .contains("Lower tandem.collab.max-document-bytes to at most");
        long suggested = Long.parseLong(problem.replaceAll(".*to at most (\\d+).*", "$1"));
        assertThat(WelcomeBudget.problem(MAPPER, suggested, PARTICIPANTS, OUTBOUND)).as("the suggested limit fits").isNull();
        assertThat(WelcomeBudget.problem(MAPPER, suggested + 1, PARTICIPANTS, OUTBOUND)).isNotNull();
    }

    @Test
    void moreParticipantsNeedMoreRoom() {
        assertThat(WelcomeBudget.problem(MAPPER, MAX_DOCUMENT_BYTES, 2_000, OUTBOUND)).contains("2000 participants");
    }
}
