import type { SubmissionEvent, SubmitMessage } from "@tandem/client";
import { h } from "./dom";

/** GET /api/problems/{slug} (no hidden tests). */
export interface ProblemView {
  slug: string;
  title: string;
  difficulty: string;
  timeLimitMs: number;
  memoryMb: number;
  statement: string;
  examples: { input: string; output: string }[];
  hiddenTests: number;
}

export const VERDICT_LABEL: Record<string, string> = {
  accepted: "Accepted",
  wrong_answer: "Wrong answer",
  time_limit_exceeded: "Time limit exceeded",
  memory_limit_exceeded: "Memory limit exceeded",
  runtime_error: "Runtime error",
  compile_error: "Compile error",
  output_limit_exceeded: "Output limit exceeded",
  internal_error: "Internal error",
};

function inline(text: string): Node[] {
  // text is never parsed as HTML: only `code` and **bold** become elements, the rest stays text nodes
  const out: Node[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    out.push(m[1] !== undefined ? h("code", {}, m[1]) : h("strong", {}, m[2]));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

/** A tiny safe Markdown renderer: headings, paragraphs, lists, fenced code, `code`, **bold**; no HTML. */
export function renderMarkdown(md: string): HTMLElement {
  const root = h("div.markdown", { "data-testid": "statement" });
  const lines = md.replace(/\r\n/g, "\n").split("\n");
  let para: string[] = [];
  let list: HTMLElement | null = null;
  const flush = () => {
    if (para.length) root.append(h("p", {}, ...inline(para.join(" "))));
    para = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      root.append(h("pre", {}, h("code", {}, code.join("\n"))));
      continue;
    }
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    if (heading) {
      flush();
      root.append(h(`h${Math.min(6, heading[1].length + 2)}`, {}, ...inline(heading[2])));
      continue;
    }
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    if (item) {
      if (para.length) flush();
      if (!list) {
        list = h("ul");
        root.append(list);
      }
      list.append(h("li", {}, ...inline(item[1])));
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    list = null;
    para.push(line.trim());
  }
  flush();
  return root;
}

function memory(kb: number | null | undefined) {
  if (kb == null) return "";
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

/** The problem panel of a session: statement, Run examples / Submit, per-test results filling in live. */
export class ProblemPanel {
  readonly el: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly verdictEl: HTMLElement;
  private readonly examplesBtn: HTMLButtonElement;
  private readonly submitBtn: HTMLButtonElement;
  private current: string | null = null;
  private seen = new Set<number>();

  constructor(
    problem: ProblemView,
    private readonly send: (msg: SubmitMessage) => boolean,
    private readonly nameOf: (by: string) => string,
    private readonly extras: { viewOnly?: boolean; runWith?: (stdin: string) => void } = {},
  ) {
    this.examplesBtn = h("button", { type: "button", "data-testid": "run-examples", disabled: extras.viewOnly }, "Run examples");
    this.submitBtn = h("button.primary", { type: "button", "data-testid": "submit", disabled: extras.viewOnly }, "Submit");
    this.examplesBtn.addEventListener("click", () => this.start("examples"));
    this.submitBtn.addEventListener("click", () => this.start("submit"));
    this.verdictEl = h("div.verdict", { "data-testid": "verdict", role: "status" });
    this.rows = h("ol.test-rows", { "data-testid": "test-rows" });
    // custom test input next to the examples: run the code on any input (a plain run, shown in the console)
    const custom = h("textarea#custom-input.code-input", { rows: 3, spellcheck: "false", "data-testid": "custom-input", disabled: extras.viewOnly }) as HTMLTextAreaElement;
    const runCustom = h("button", { type: "button", "data-testid": "run-custom", disabled: extras.viewOnly || !extras.runWith }, "Run with this input");
    runCustom.addEventListener("click", () => extras.runWith?.(custom.value));
    const examples = problem.examples.map((e, i) => {
      const use = h("button.small", { type: "button", "aria-label": `Use as input: example ${i + 1}`, disabled: extras.viewOnly }, "Use as input");
      use.addEventListener("click", () => {
        custom.value = e.input;
        custom.focus();
      });
      return h("div.example", {}, h("strong", {}, `Example ${i + 1}`), " ", use, h("pre", {}, `Input:\n${e.input}\nOutput:\n${e.output}`));
    });
    const customSection = h(
      "div.custom-input",
      {},
      h("label", { for: "custom-input" }, "Custom input"),
      custom,
      h("div.row", {}, runCustom),
    );
    this.el = h(
      "section.problem",
      { "data-testid": "problem", "aria-label": "Problem" },
      h("h2", {}, problem.title, " ", h("span.badge", { "data-difficulty": problem.difficulty }, problem.difficulty)),
      h("p.muted", {}, `Time ${problem.timeLimitMs} ms · memory ${problem.memoryMb} MB · ${problem.examples.length} examples, ${problem.hiddenTests} hidden tests`),
      h("div.row", {}, this.examplesBtn, this.submitBtn),
      this.verdictEl,
      this.rows,
      renderMarkdown(problem.statement),
      ...examples,
      customSection,
    );
  }

  private start(mode: "examples" | "submit") {
    if (!this.send({ type: "submit", mode })) {
      this.verdictEl.textContent = "Not connected to the server.";
      this.verdictEl.dataset.kind = "error";
      return;
    }
    this.busy(true);
    this.verdictEl.textContent = "Submitting…";
    this.verdictEl.dataset.kind = "pending";
  }

  private busy(b: boolean) {
    if (this.extras.viewOnly) return;
    this.examplesBtn.disabled = b;
    this.submitBtn.disabled = b;
  }

  error(code: string, message: string) {
    this.busy(false);
    this.verdictEl.textContent = `Not submitted (${code}): ${message}`;
    this.verdictEl.dataset.kind = "error";
  }

  onEvent(msg: SubmissionEvent) {
    if (msg.type === "submission.queued") {
      if (msg.submissionId === this.current) return; // replayed to a late joiner and live: already shown
      this.current = msg.submissionId;
      this.seen = new Set();
      this.rows.replaceChildren();
      for (let i = 0; i < msg.total; i++) {
        this.rows.append(h("li.test-row", { "data-index": i, "data-verdict": "pending" }, h("span.tv", {}, `Test ${i + 1}`), h("span.tvd", {}, "…")));
      }
      this.busy(true);
      this.verdictEl.textContent = `${msg.mode === "examples" ? "Running examples" : "Judging"} · by ${this.nameOf(msg.by)}`;
      this.verdictEl.dataset.kind = "pending";
      delete this.verdictEl.dataset.verdict;
      return;
    }
    if (msg.submissionId !== this.current || this.seen.has(msg.seq)) return;
    this.seen.add(msg.seq);
    if (msg.type === "submission.test") {
      const row = this.rows.querySelector<HTMLElement>(`[data-index="${msg.index}"]`);
      if (!row) return;
      row.dataset.verdict = msg.verdict;
      const parts = [VERDICT_LABEL[msg.verdict] ?? msg.verdict, `${msg.timeMs} ms`, memory(msg.memoryKb)].filter(Boolean);
      row.replaceChildren(
        h("span.tv", {}, `Test ${msg.index + 1}${msg.hidden ? " (hidden)" : ""}`),
        h("span.tvd", {}, parts.join(" · ")),
      );
      if (!msg.hidden && msg.verdict !== "accepted") {
        row.append(
          h(
            "pre.test-detail",
            {},
            `Input:\n${msg.input ?? ""}\nExpected:\n${msg.expected ?? ""}\nActual:\n${msg.actual ?? ""}${msg.message ? `\n${msg.message}` : ""}`,
          ),
        );
      } else if (msg.message) {
        row.append(h("div.muted", {}, msg.message));
      }
    } else if (msg.type === "submission.finished") {
      const label = VERDICT_LABEL[msg.verdict] ?? msg.verdict;
      const parts = [label, `${msg.passed}/${msg.total} passed`];
      if (msg.timeMs != null) parts.push(`${msg.timeMs} ms`);
      if (msg.memoryKb != null) parts.push(memory(msg.memoryKb));
      this.verdictEl.textContent = parts.join(" · ");
      this.verdictEl.dataset.kind = msg.verdict === "accepted" ? "ok" : "error";
      this.verdictEl.dataset.verdict = msg.verdict;
      if (msg.compileOutput) this.verdictEl.append(h("pre.test-detail", {}, msg.compileOutput));
      for (const row of this.rows.querySelectorAll<HTMLElement>('[data-verdict="pending"]')) {
        row.dataset.verdict = "skipped";
        row.querySelector(".tvd")!.textContent = "not run";
      }
      this.busy(false);
    }
  }
}
