// The Share menu: the edit link and the read-only link to copy, and for the session's owner (who kept the owner
// token when creating it) Rotate links and Close session. A disclosure button with a panel: Escape or a click
// outside closes it, and focus returns to the button.
import { closeSession, rotateLinks } from "../api";
import { describe } from "../landing";
import { h } from "../dom";
import { forget, rotated, type Ownership } from "../owner";

/** The IDE's address of a session link; a read-only link opens the view-only editor. */
export function sessionUrl(link: string, viewOnly: boolean) {
  return `${location.origin}${location.pathname}#/s/${link}${viewOnly ? "?view" : ""}`;
}

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const tmp = h("textarea", { value: text });
    document.body.append(tmp);
    tmp.select();
    document.execCommand("copy");
    tmp.remove();
  }
}

export interface ShareOptions {
  link: string;
  viewOnly: boolean;
  ownership: Ownership | null;
  /** Something to tell the person (errors, "copied"). */
  notify(text: string, kind: "info" | "error"): void;
}

export class ShareMenu {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly panel: HTMLElement;

  constructor(private readonly o: ShareOptions) {
    this.button = h("button", { type: "button", "aria-haspopup": "true", "aria-expanded": "false", "aria-controls": "share-panel", "data-testid": "share" }, "Share") as HTMLButtonElement;
    this.panel = h("div#share-panel.menu-panel", { role: "group", "aria-label": "Share this session", hidden: true, "data-testid": "share-panel" });
    this.el = h("div.menu", {}, this.button, this.panel);
    this.button.addEventListener("click", () => this.toggle());
    this.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close(true);
      }
    });
    document.addEventListener("mousedown", this.outside);
    this.render();
  }

  destroy() {
    document.removeEventListener("mousedown", this.outside);
  }

  private outside = (e: MouseEvent) => {
    if (!this.panel.hidden && !this.el.contains(e.target as Node)) this.close(false);
  };

  private toggle() {
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.button.setAttribute("aria-expanded", "true");
      this.panel.querySelector<HTMLElement>("input, button")?.focus();
    } else this.close(true);
  }

  private close(refocus: boolean) {
    this.panel.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (refocus) this.button.focus();
  }

  private linkRow(id: string, label: string, hint: string, url: string) {
    const input = h(`input#${id}`, { value: url, readonly: true, "data-testid": id }) as HTMLInputElement;
    input.addEventListener("focus", () => input.select());
    const btn = h("button.small", { type: "button", "aria-label": `Copy the ${label.toLowerCase()}` }, "Copy");
    btn.addEventListener("click", async () => {
      await copy(url);
      btn.textContent = "Copied ✓";
      setTimeout(() => (btn.textContent = "Copy"), 1500);
    });
    return h("div.share-row", {}, h("label", { for: id }, label, " ", h("span.muted", {}, hint)), h("div.share-input", {}, input, btn));
  }

  private render() {
    const { link, viewOnly, ownership } = this.o;
    const rows: (Node | null)[] = [];
    if (ownership) {
      rows.push(this.linkRow("edit-link", "Edit link", "(can edit and run)", sessionUrl(ownership.editLink, false)));
      rows.push(this.linkRow("view-link", "Read-only link", "(can only watch)", sessionUrl(ownership.viewLink, true)));
    } else if (viewOnly) {
      rows.push(this.linkRow("view-link", "Read-only link", "(can only watch)", sessionUrl(link, true)));
    } else {
      rows.push(this.linkRow("edit-link", "Edit link", "(can edit and run)", sessionUrl(link, false)));
      rows.push(h("p.hint", {}, "Only the person who created the session has its read-only link."));
    }
    if (ownership) {
      const rotate = h("button", { type: "button", "data-testid": "rotate-links" }, "Rotate links");
      const close = h("button.danger", { type: "button", "data-testid": "close-session" }, "Close session");
      rotate.addEventListener("click", async () => {
        if (!confirm("Make new links? The current links stop working for anyone who has not joined yet.")) return;
        try {
          const links = await rotateLinks(ownership.editLink, ownership.ownerToken);
          rotated(ownership, links);
          this.o.notify("New links made: share them again.", "info");
          location.hash = `#/s/${links.editLink}`; // the old link grants nothing any more
        } catch (err) {
          this.o.notify(`Could not rotate the links: ${describe(err)}`, "error");
        }
      });
      close.addEventListener("click", async () => {
        if (!confirm("Close this session for everyone? Its document is deleted.")) return;
        try {
          await closeSession(ownership.editLink, ownership.ownerToken);
          forget(ownership.editLink);
        } catch (err) {
          this.o.notify(`Could not close the session: ${describe(err)}`, "error");
        }
      });
      rows.push(h("div.share-owner", {}, h("p.hint", {}, "You created this session."), h("div.row", {}, rotate, close)));
    }
    this.panel.replaceChildren(...rows.filter((r): r is Node => r !== null));
  }
}
