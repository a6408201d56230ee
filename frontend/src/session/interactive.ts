// v1.1 "Interactive runs" in the IDE: the "Interactive" toggle beside Run, the Stop button (every run), and the
// console's input line (Enter sends run.input with a newline; EOF sends run.eof) while an interactive run is in
// flight. What anyone typed is shown in the console by RunConsole, from the run.input events, in seq order.
import type { ErrorMessage, RunEvent, RunInput, TandemClient } from "@tandem/client";
import { h } from "../dom";

const INPUT_ERRORS: Record<string, string> = {
  FORBIDDEN: "This is a view-only link: you can watch the run but not type into it or stop it.",
  RUN_FINISHED: "The run has already finished.",
  STDIN_CLOSED: "The program's input is closed (EOF was sent).",
  NOT_INTERACTIVE: "This run was started without Interactive: its input was given up front.",
  TOO_LARGE: "That input is too large (at most 64 KiB at a time).",
  NO_SUCH_RUN: "That run is gone.",
};

export class InteractiveControls {
  /** The "Interactive" toggle, placed beside Run. */
  readonly toggle: HTMLElement;
  /** Stops the run in flight (any run), for everyone. */
  readonly stopBtn: HTMLButtonElement;
  /** The input line under the console's output; shown while an interactive run is queued or running. */
  readonly inputLine: HTMLElement;
  private readonly checkbox: HTMLInputElement;
  private readonly field: HTMLInputElement;
  private readonly eofBtn: HTMLButtonElement;
  private readonly errorEl = h("div.console-input-error", { "data-testid": "console-input-error", hidden: true });
  private runId: string | null = null;
  private interactiveRun = false;

  constructor(private readonly client: TandemClient) {
    this.checkbox = h("input#interactive", { type: "checkbox", "data-testid": "interactive" }) as HTMLInputElement;
    this.toggle = h(
      "label.interactive-toggle",
      { for: "interactive", title: "Keep the program's input open: everyone in the session can type into the console while it runs" },
      this.checkbox,
      " Interactive",
    );
    this.stopBtn = h("button.stop", { type: "button", "data-testid": "stop", title: "Stop the run for everyone", hidden: true }, "■ Stop") as HTMLButtonElement;
    this.stopBtn.addEventListener("click", () => {
      if (this.runId) this.client.runCancel(this.runId);
    });
    this.field = h("input.console-input-field", {
      type: "text",
      spellcheck: "false",
      autocomplete: "off",
      placeholder: "Type input for the program and press Enter",
      "aria-label": "Input for the running program",
      "data-testid": "console-input",
    }) as HTMLInputElement;
    this.eofBtn = h("button.small", { type: "button", "data-testid": "console-eof", title: "Close the program's input (EOF, like Ctrl+D)" }, "EOF") as HTMLButtonElement;
    this.field.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        this.send();
      } else if (e.key === "d" && e.ctrlKey) {
        e.preventDefault();
        this.eof();
      }
    });
    this.eofBtn.addEventListener("click", () => this.eof());
    this.inputLine = h("div.console-input", { "data-testid": "console-input-line", hidden: true }, h("span.console-prompt", {}, "›"), this.field, this.eofBtn, this.errorEl);
  }

  /** Whether the next run starts interactive. */
  get interactive(): boolean {
    return this.checkbox.checked;
  }

  onEvent(msg: RunEvent) {
    switch (msg.type) {
      case "run.queued":
        this.runId = msg.runId;
        this.interactiveRun = msg.interactive === true;
        this.stopBtn.hidden = false;
        this.stopBtn.disabled = false;
        this.field.disabled = false;
        this.eofBtn.disabled = false;
        this.errorEl.hidden = true;
        this.inputLine.hidden = !this.interactiveRun;
        break;
      case "run.finished":
        if (msg.runId !== this.runId) return;
        this.runId = null;
        this.stopBtn.hidden = true;
        this.inputLine.hidden = true;
        break;
    }
  }

  /** An error answering our run.input, run.eof or run.cancel. */
  onError(msg: ErrorMessage) {
    this.errorEl.textContent = `${INPUT_ERRORS[msg.code] ?? "The server refused it."} (${msg.code})`;
    this.errorEl.dataset.code = msg.code;
    this.errorEl.hidden = false;
  }

  private send() {
    if (!this.runId) return;
    if (this.client.runInput(this.runId, this.field.value + "\n")) {
      this.field.value = "";
      this.errorEl.hidden = true;
    }
  }

  private eof() {
    if (!this.runId) return;
    if (this.client.runEof(this.runId)) {
      this.field.disabled = true;
      this.eofBtn.disabled = true;
    }
  }
}

/** A console line for what a participant typed, marked with their colour and name. */
export function inputNode(msg: RunInput, name: string, color: string | undefined): Node {
  return h(
    "span.stdin",
    { "data-by": name, title: `typed by ${name}`, style: color ? `color:${color};border-left-color:${color}` : "" },
    msg.data,
  );
}
