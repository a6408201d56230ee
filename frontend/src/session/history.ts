// The session's submission history (GET /api/sessions/{id}/submissions): verdict, tests passed, time, who and
// when, newest first, each with the code that was judged behind a "View code" disclosure. Reloaded when a
// submission finishes.
import { getSubmissions, type SubmissionEntry } from "../api";
import { h } from "../dom";
import { VERDICT_LABEL } from "../problem";

function when(ms: number) {
  const d = new Date(ms);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export class SubmissionHistory {
  readonly el: HTMLElement;
  private readonly list = h("ol.history", { "data-testid": "submission-history" });
  private readonly empty = h("p.hint", {}, "No submissions yet.");
  private loading: Promise<void> | null = null;
  /** A reload asked for while one was under way: run once more afterwards (it may have missed a verdict). */
  private again = false;

  constructor(private readonly link: string) {
    this.el = h("section.history-section", { "aria-labelledby": "history-title" }, h("h2#history-title", {}, "Submissions"), this.empty, this.list);
    this.reload();
  }

  reload() {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = getSubmissions(this.link)
      .then((entries) => this.render(entries))
      .catch(() => {
        this.empty.textContent = "The submission history could not be loaded.";
      })
      .finally(() => {
        this.loading = null;
        if (this.again) {
          this.again = false;
          this.reload();
        }
      });
  }

  private render(entries: SubmissionEntry[]) {
    this.empty.hidden = entries.length > 0;
    this.list.replaceChildren(
      ...entries.map((e, i) => {
        const verdict = e.status === "finished" ? (VERDICT_LABEL[e.verdict ?? ""] ?? e.verdict ?? "") : "Judging…";
        const code = h("pre.history-code", { hidden: true, "data-testid": "history-code" }, e.source ?? "");
        const codeId = `history-code-${i}`;
        code.id = codeId;
        const toggle = h("button.small", { type: "button", "aria-expanded": "false", "aria-controls": codeId }, "View code");
        toggle.addEventListener("click", () => {
          code.hidden = !code.hidden;
          toggle.setAttribute("aria-expanded", String(!code.hidden));
          toggle.textContent = code.hidden ? "View code" : "Hide code";
        });
        return h(
          "li.history-entry",
          { "data-verdict": e.verdict ?? "pending", "data-testid": "history-entry" },
          h("div.history-line", {}, h("strong", {}, verdict), ` ${e.passed}/${e.total}${e.mode === "examples" ? " examples" : ""}`),
          h("div.hint", {}, `${e.timeMs} ms · ${e.by} · ${when(e.createdAt)} · ${e.language}`),
          toggle,
          code,
        );
      }),
    );
  }
}
