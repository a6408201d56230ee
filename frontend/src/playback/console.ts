// The playback console: the run outputs and verdicts of the history up to the playback position, shown as the
// live console showed them (a run's header, its output, its outcome; a submission's tests and verdict).
import { h } from "../dom";
import type { TimelineEvent } from "./history";
import { outcomeLabel } from "../session/outcomes";

export class PlaybackConsole {
  readonly el: HTMLElement;
  private readonly body = h("pre.console-body", { "data-testid": "playback-console", "aria-live": "polite", tabindex: 0 });
  private shown = 0;

  constructor() {
    this.el = h("section.console", { "aria-label": "Console at this moment" }, h("div.console-head", {}, h("strong", {}, "Console")), this.body);
  }

  /** Shows the job events among events[0 .. upTo) (re-rendered when going back). */
  showUpTo(events: TimelineEvent[], upTo: number) {
    if (upTo < this.shown) {
      this.body.replaceChildren();
      this.shown = 0;
    }
    for (let i = this.shown; i < upTo; i++) {
      const node = this.render(events[i]);
      if (node) this.body.append(node);
    }
    this.shown = upTo;
    this.body.scrollTop = this.body.scrollHeight;
  }

  private render(e: TimelineEvent): Node | null {
    switch (e.kind) {
      case "run.queued":
        return h("div.console-meta", { "data-run": e.runId }, `▶ ${e.by ?? "someone"} ran version ${e.version}`);
      case "run.output":
        return h(e.stream === "stderr" ? "span.stderr" : "span.stdout", { "data-run": e.runId }, e.data);
      case "run.input":
        return h("span.stdin", { "data-run": e.runId }, e.data);
      case "run.finished": {
        const parts = [outcomeLabel(e.outcome)];
        if (e.exitCode != null) parts.push(`exit ${e.exitCode}`);
        if (e.timeMs != null) parts.push(`${e.timeMs} ms`);
        return h("div.console-meta", { "data-outcome": e.outcome, "data-run": e.runId }, `■ ${parts.join(" · ")}`);
      }
      case "submission.queued":
        return h("div.console-meta", {}, `▶ ${e.by ?? "someone"} submitted version ${e.version} (${e.problem ?? "problem"}, ${e.total ?? "?"} tests)`);
      case "submission.test":
        return h("div", { "data-verdict": e.verdict }, `  test ${e.index + 1}${e.hidden ? " (hidden)" : ""}: ${e.verdict}`);
      case "submission.finished":
        return h("div.console-meta", { "data-verdict": e.verdict }, `■ Verdict: ${e.verdict} · ${e.passed}/${e.total} passed`);
      default:
        return null;
    }
  }
}
