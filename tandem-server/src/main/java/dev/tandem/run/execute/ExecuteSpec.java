package dev.tandem.run.execute;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.SourceFile;

import java.util.List;

/** A checked run without a session: what to run (the entry point first) and under which (already clamped) limits. */
public record ExecuteSpec(Language language, List<SourceFile> files, String stdin, Limits limits, String callbackUrl) {}
