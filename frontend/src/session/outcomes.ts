// What a run's outcome is called in a console: the live one (./console.ts) and the playback's (../playback/console.ts)
// say the same words for the same outcome.
export const OUTCOME_LABEL: Record<string, string> = {
  ok: "Finished",
  runtime_error: "Runtime error",
  compile_error: "Compile error",
  timeout: "Time limit exceeded",
  memory_limit: "Memory limit exceeded",
  output_limit: "Output limit exceeded",
  cancelled: "Cancelled",
  internal_error: "Internal error",
};

/** The label of an outcome, or the outcome itself when it is one this IDE does not know yet. */
export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABEL[outcome] ?? outcome;
}
