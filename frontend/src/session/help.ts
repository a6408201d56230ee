// The keyboard shortcuts dialog: opened with the "Shortcuts" button or F1, closed with Escape (a native <dialog>,
// which keeps focus inside while open and gives it back afterwards).
import { h } from "../dom";

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

const SHORTCUTS: [string, string][] = [
  [`${mod}+Enter`, "Run the program (anywhere on the page)"],
  ["Ctrl+Space", "Show completions"],
  [`${mod}+F`, "Find and replace in the editor"],
  [`F3 / ${mod}+G`, "Next match (Shift: previous)"],
  [`${mod}+Alt+G`, "Go to line"],
  [`${mod}+D`, "Select the next occurrence"],
  [`${mod}+/`, "Toggle comment"],
  ["Alt+↑ / Alt+↓", "Move the line up / down"],
  [`${mod}+[ / ${mod}+]`, "Indent less / more"],
  [`${mod}+Z / ${mod}+Shift+Z`, "Undo / redo (your own edits)"],
  ["Esc, then Tab", "Leave the editor (Tab indents inside it)"],
  ["F1", "This list"],
];

export class ShortcutsHelp {
  readonly button: HTMLButtonElement;
  private readonly dialog: HTMLDialogElement;

  constructor() {
    this.button = h("button.small", { type: "button", "aria-haspopup": "dialog", "data-testid": "shortcuts" }, "Shortcuts") as HTMLButtonElement;
    const close = h("button", { type: "submit" }, "Close");
    this.dialog = h(
      "dialog.modal",
      { "aria-labelledby": "shortcuts-title", "data-testid": "shortcuts-dialog" },
      h(
        "form",
        { method: "dialog" },
        h("h2#shortcuts-title", {}, "Keyboard shortcuts"),
        h(
          "table.shortcuts",
          {},
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Keys"), h("th", { scope: "col" }, "Does"))),
          h("tbody", {}, ...SHORTCUTS.map(([k, what]) => h("tr", {}, h("td", {}, h("kbd", {}, k)), h("td", {}, what)))),
        ),
        h("div.row", {}, close),
      ),
    ) as HTMLDialogElement;
    this.button.addEventListener("click", () => this.open());
    window.addEventListener("keydown", this.onKey);
  }

  get el() {
    return this.dialog;
  }

  open() {
    if (!this.dialog.open) this.dialog.showModal();
  }

  destroy() {
    window.removeEventListener("keydown", this.onKey);
    this.dialog.remove();
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "F1") {
      e.preventDefault();
      this.open();
    }
  };
}
