// Toasts: short notices in a corner that do not cover the editor (file errors, someone renamed or deleted a
// file you have open). Errors are announced at once (role alert), the rest politely; each goes after a while
// or with its close button.
import { h } from "../dom";

const SHOWN_MS = { error: 9000, info: 5000 };

export class Toasts {
  readonly el = h("div.toasts", { "data-testid": "toasts" });
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  show(text: string, kind: "error" | "info" = "info", code?: string) {
    const close = h("button.small.toast-close", { type: "button", "aria-label": "Dismiss" }, "×");
    const toast = h("div.toast", { role: kind === "error" ? "alert" : "status", "data-kind": kind, "data-code": code, "data-testid": "toast" }, h("span", {}, text), close);
    const remove = () => toast.remove();
    close.addEventListener("click", remove);
    this.el.append(toast);
    while (this.el.children.length > 4) this.el.firstElementChild?.remove();
    const t = setTimeout(() => {
      this.timers.delete(t);
      remove();
    }, SHOWN_MS[kind]);
    this.timers.add(t);
  }

  destroy() {
    for (const t of this.timers) clearTimeout(t);
  }
}
