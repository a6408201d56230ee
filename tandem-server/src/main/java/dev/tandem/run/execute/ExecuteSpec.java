package dev.tandem.run.execute;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;

/** A checked run without a session: what to run and under which (already clamped) limits. */
public record ExecuteSpec(Language language, String source, String stdin, Limits limits, String callbackUrl) {}
