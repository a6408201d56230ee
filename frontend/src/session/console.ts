// The Run section and the console: starts runs (button, Ctrl+Enter) and renders every run's events as they
// stream in, for whoever started it.
import type { ErrorMessage, RunEvent, TandemClient } from "@tandem/client";
import { h } from "../dom";
import { inputNode } from "./interactive";
import { getRun } from "../api";
import { outcomeLabel } from "./outcomes";

/** How often a queued run's place in the queue is read again while it waits. */
const QUEUE_POLL_MS = 1000;

const RUN_ERRORS: Record<string, string> = {
  RUN_UNAVAILABLE: "Code runs are not available on this server right now.",
  QUEUE_FULL: "The run queue is full. Try again in a moment.",
  RATE_LIMITED: "Too many requests. Try again in a moment.",
};

/** Without run.queued (or an error) within this time, the Run button comes back. */
const NO_ANSWER_MS = 15_000;

function formatMemory(kb: number | undefined | null) {
  if (kb == null) return "";
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

export class RunConsole {
  readonly el: HTMLElement;
  readonly stdinEl: HTMLTextAreaElement;
  readonly runBtn: HTMLButtonElement;
  private readonly statusEl = h("span.run-status", { "data-testid": "run-status" }, "No run yet");
  // a live region (role log): a screen reader announces output as it streams in
  private readonly body = h("pre.console-body", { "data-testid": "console", role: "log", "aria-live": "polite", "aria-label": "Program output", tabindex: 0 });
  private currentRun: string | null = null;
  /** The run that waits in the queue (its place is shown), until it starts or ends. */
  private queuedRun: string | null = null;
  private runBy = "";
  private seenSeq = new Set<number>();
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private disabled = false;
  /** Whether Run starts an interactive run (v1.1; the toggle of ./interactive.ts). */
  interactive: () => boolean = () => false;
  /** A participant's colour by clientId, for the lines they type into an interactive run. */
  colorOf: (clientId: string) => string | undefined = () => undefined;

  constructor(private readonly client: TandemClient, private readonly nameOf: (idOrName: string) => string) {
    const clearBtn = h("button.small", { type: "button", title: "Clear the console (only here)" }, "Clear");
    clearBtn.addEventListener("click", () => this.body.replaceChildren());
    this.el = h("section.console", { "aria-label": "Console" }, h("div.console-head", {}, h("strong", {}, "Console"), this.statusEl, clearBtn), this.body);
    this.stdinEl = h("textarea#stdin.code-input", { rows: 4, spellcheck: "false", placeholder: "Input for the program", "data-testid": "stdin" }) as HTMLTextAreaElement;
    this.runBtn = h("button.primary.run", { type: "button", "data-testid": "run", title: "Run (Ctrl+Enter / ⌘+Enter)" }) as HTMLButtonElement;
    this.setRunning(false);
    this.runBtn.addEventListener("click", () => this.run());
  }

  run() {
    this.runWith(this.stdinEl.value);
  }

  /** Runs the session's code with this standard input (the Run button's box, or a problem's custom input). */
  runWith(stdin: string) {
    if (this.runBtn.disabled) return;
    if (!this.client.run(stdin, { interactive: this.interactive() })) {
      this.append(h("div.console-error", { "data-code": "OFFLINE" }, "Not connected to the server: the run cannot start until the connection is back."));
      this.setStatus("Not connected", "error");
      return;
    }
    this.setRunning(true);
    this.setStatus("Starting…", "pending");
    this.clearStartTimer();
    this.startTimer = setTimeout(() => {
      if (!this.currentRun) {
        this.setRunning(false);
        this.setStatus("No answer from the server", "error");
      }
    }, NO_ANSWER_MS);
  }

  /** The session is gone, or this is a view-only link: nothing can be run from here. */
  disable() {
    this.disabled = true;
    this.runBtn.disabled = true;
    this.stdinEl.disabled = true;
  }

  onEvent(msg: RunEvent) {
    switch (msg.type) {
      case "run.queued":
        this.clearStartTimer();
        this.currentRun = msg.runId;
        this.runBy = this.nameOf(msg.by);
        this.seenSeq = new Set();
        this.body.replaceChildren(h("div.console-meta", {}, `▶ ${this.runBy} started a run of version ${msg.version}`));
        // v1.1 several files: which files, at which versions, went into the run
        if (msg.files?.length) this.body.append(h("div.console-meta.console-files", { "data-testid": "run-files" }, `Files: ${msg.files.map((f) => `${f.path} (v${f.version})`).join(", ")}`));
        this.setRunning(true);
        this.setStatus(`Queued · by ${this.runBy}`, "pending");
        this.queuedRun = msg.runId;
        this.followQueue(msg.runId);
        break;
      case "run.started":
        if (msg.runId === this.queuedRun) this.queuedRun = null;
        if (msg.runId !== this.currentRun) return;
        this.setStatus(`Running… · by ${this.runBy}`, "pending");
        break;
      case "run.output":
        if (msg.runId !== this.currentRun || this.seenSeq.has(msg.seq)) return;
        this.seenSeq.add(msg.seq);
        this.append(h(msg.stream === "stderr" ? "span.stderr" : "span.stdout", {}, msg.data));
        break;
      case "run.input": // one seq line with run.output
        if (msg.runId !== this.currentRun || this.seenSeq.has(msg.seq)) return;
        this.seenSeq.add(msg.seq);
        this.append(inputNode(msg, msg.by, msg.clientId ? this.colorOf(msg.clientId) : undefined));
        break;
      case "run.finished": {
        if (msg.runId === this.queuedRun) this.queuedRun = null;
        if (msg.runId !== this.currentRun) return;
        const parts = [outcomeLabel(msg.outcome)];
        if (msg.exitCode != null) parts.push(`exit ${msg.exitCode}`);
        if (msg.timeMs != null && msg.outcome !== "cancelled") parts.push(`${msg.timeMs} ms`); // a cancel has no run time
        if (msg.memoryKb != null) parts.push(formatMemory(msg.memoryKb));
        if (msg.truncated) parts.push("output truncated");
        parts.push(`by ${this.runBy}`);
        this.setStatus(parts.join(" · "), msg.outcome === "ok" ? "ok" : "error");
        this.append(h("div.console-meta", { "data-outcome": msg.outcome }, `■ ${parts.join(" · ")}`));
        this.currentRun = null;
        this.setRunning(false);
        break;
      }
    }
  }

  /** An error answering our `run`. */
  onError(msg: ErrorMessage) {
    this.clearStartTimer();
    this.setRunning(false);
    this.setStatus(`Run not started (${msg.code})`, "error");
    this.append(
      h(
        "div.console-error",
        { "data-code": msg.code, "data-testid": "run-error" },
        h("strong", {}, RUN_ERRORS[msg.code] ?? "The run could not start."),
        h("div.console-error-detail", {}, `${msg.code}${msg.message ? ` — the server says: ${msg.message}` : ""}`),
      ),
    );
  }

  destroy() {
    this.clearStartTimer();
  }

  /** While the run waits, the status says its place in the queue ("2nd in line"); stops once it started. */
  private followQueue(runId: string) {
    const poll = async () => {
      if (this.queuedRun !== runId) return;
      try {
        const run = await getRun(runId);
        if (this.queuedRun !== runId || run.status !== "queued") return;
        if (run.queuePosition) this.setStatus(`Queued · ${ordinal(run.queuePosition)} in line · by ${this.runBy}`, "pending");
      } catch {
        // the status keeps saying "Queued"; the run's own events still arrive
      }
      setTimeout(poll, QUEUE_POLL_MS);
    };
    void poll();
  }

  private clearStartTimer() {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
  }

  private append(node: Node) {
    const b = this.body;
    const stick = b.scrollHeight - b.scrollTop - b.clientHeight < 24;
    b.append(node);
    if (stick) b.scrollTop = b.scrollHeight;
  }

  private setStatus(text: string, kind: string) {
    this.statusEl.textContent = text;
    this.statusEl.dataset.kind = kind;
  }

  private setRunning(busy: boolean) {
    this.runBtn.disabled = busy || this.disabled;
    // the glyph is decoration: a screen reader reads "Run", not "black right-pointing triangle Run"
    this.runBtn.replaceChildren(busy ? "Running…" : h("span", { "aria-hidden": "true" }, "▶ "), busy ? "" : "Run");
  }
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}
