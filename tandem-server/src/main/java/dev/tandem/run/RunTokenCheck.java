package dev.tandem.run;

/**
 * The hook for runs without a session (v1.1 "Runs without a session", header {@code X-Tandem-Run-Token}): a
 * bean implementing it says whether a token grants input and cancel for a run. Without such a bean only the
 * edit link of the run's session does ({@code X-Tandem-Link}).
 */
public interface RunTokenCheck {
    /** Whether {@code runToken} is the token {@code POST /api/runs} gave for {@code runId}. */
    boolean grants(String runId, String runToken);
}
