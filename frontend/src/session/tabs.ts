// The open files (v1.1 "Several files"): a tab strip above the editor and one CodeMirror view per opened file,
// kept alive while the session is open (a closed tab is only hidden), so each file keeps its own undo history,
// selection and scroll position. A view is made from the file's DocumentSync snapshot and attached to it; the
// client keeps unopened files in sync in the background. Tabs follow renames (they hold the document, not its
// path) and disappear when their file is deleted.
import type { EditorView } from "@codemirror/view";
import type { DocumentSync, TandemClient } from "@tandem/client";
import { h } from "../dom";

interface OpenFile {
  doc: DocumentSync;
  view: EditorView;
  panel: HTMLElement;
  /** Shown in the strip (a closed tab keeps its view, hidden). */
  shown: boolean;
  n: number;
}

/** Makes the editor of a file inside `parent` (from its snapshot: content and collab startVersion). */
export type EditorFactory = (parent: HTMLElement, path: string, snapshot: { content: string; version: number }) => EditorView;

export class EditorTabs {
  /** The strip of tabs (role tablist), above `host`. */
  readonly el: HTMLElement;
  private readonly open = new Map<DocumentSync, OpenFile>();
  private activeDoc: DocumentSync | null = null;
  private counter = 0;
  /** The active file changed (by a tab, the file tree or following someone). */
  onActivate: (doc: DocumentSync, view: EditorView) => void = () => {};

  constructor(
    private readonly client: TandemClient,
    private readonly host: HTMLElement,
    private readonly make: EditorFactory,
  ) {
    this.el = h("div.tabs", { role: "tablist", "aria-label": "Open files", "data-testid": "tabs" });
    this.el.addEventListener("keydown", (e) => this.onKey(e));
  }

  /** The main file's view, made by the caller from the first welcome (it exists before any tab). */
  adoptMain(view: EditorView, panel: HTMLElement) {
    const doc = this.client.file(this.client.mainPath);
    if (!doc) return;
    this.register(doc, view, panel);
    this.activate(doc, false);
  }

  /** A panel for the main file's editor, before the view exists. */
  mainPanel(): HTMLElement {
    this.host.replaceChildren();
    return this.newPanel();
  }

  get active(): { doc: DocumentSync; view: EditorView } | null {
    const o = this.activeDoc && this.open.get(this.activeDoc);
    return o ? { doc: o.doc, view: o.view } : null;
  }

  /** The view of a file by its current path, if it was opened here. */
  viewOf(path: string): EditorView | null {
    const doc = this.client.file(path);
    return (doc && this.open.get(doc)?.view) ?? null;
  }

  views(): EditorView[] {
    return [...this.open.values()].map((o) => o.view);
  }

  isActive(path: string) {
    return this.activeDoc !== null && this.activeDoc === this.client.file(path);
  }

  /** Opens the file in a tab (making its editor the first time) and makes it the active one. */
  openFile(path: string, focus = true): EditorView | null {
    const doc = this.client.file(path);
    if (!doc || doc.closed) return null;
    let o = this.open.get(doc);
    if (!o) {
      const snapshot = doc.snapshot();
      if (!snapshot) return null;
      const panel = this.newPanel();
      const view = this.make(panel, doc.path, snapshot);
      this.client.attachFile(doc.path, view);
      o = this.register(doc, view, panel);
    }
    if (this.activeDoc === doc && o.shown) {
      // already there: no activation, so that two people following each other do not echo presence for ever
      if (focus) o.view.focus();
      return o.view;
    }
    o.shown = true;
    this.activate(doc, focus);
    return o.view;
  }

  /** Closes a tab; its view stays (hidden) with its history, and the next tab to the left becomes active. */
  closeFile(doc: DocumentSync) {
    const o = this.open.get(doc);
    if (!o || doc.main) return;
    o.shown = false;
    if (this.activeDoc === doc) this.activate(this.neighbour(doc) ?? this.mainDoc(), true);
    else this.render();
  }

  /** A file was renamed or the main file's name changed: labels follow. */
  refresh() {
    this.render();
  }

  /** A file was deleted: its tab and editor go. */
  deleted() {
    for (const [doc, o] of [...this.open]) {
      if (!doc.closed) continue;
      const wasActive = this.activeDoc === doc;
      const next = wasActive ? this.neighbour(doc) : null;
      this.open.delete(doc);
      o.view.destroy();
      o.panel.remove();
      if (wasActive) this.activate(next ?? this.mainDoc(), false);
    }
    this.render();
  }

  private mainDoc(): DocumentSync | null {
    return [...this.open.keys()].find((d) => d.main) ?? null;
  }

  private neighbour(doc: DocumentSync): DocumentSync | null {
    const shown = [...this.open.values()].filter((o) => o.shown && !o.doc.closed);
    const i = shown.findIndex((o) => o.doc === doc);
    const other = shown[i - 1] ?? shown[i + 1];
    return other && other.doc !== doc ? other.doc : null;
  }

  private newPanel(): HTMLElement {
    const n = ++this.counter;
    const panel = h("div.file-editor", { role: "tabpanel", id: `file-panel-${n}`, "aria-labelledby": `file-tab-${n}`, "data-n": n });
    this.host.append(panel);
    return panel;
  }

  private register(doc: DocumentSync, view: EditorView, panel: HTMLElement): OpenFile {
    const o: OpenFile = { doc, view, panel, shown: true, n: Number(panel.dataset.n) };
    this.open.set(doc, o);
    return o;
  }

  private activate(doc: DocumentSync | null, focus: boolean) {
    if (!doc) return;
    const o = this.open.get(doc);
    if (!o) return;
    this.activeDoc = doc;
    for (const other of this.open.values()) other.panel.hidden = other !== o;
    this.render();
    if (focus) o.view.focus();
    o.view.requestMeasure(); // it may have been laid out while hidden
    this.onActivate(doc, o.view);
  }

  private render() {
    const shown = [...this.open.values()].filter((o) => o.shown && !o.doc.closed);
    shown.sort((a, b) => (a.doc.main ? -1 : b.doc.main ? 1 : a.n - b.n));
    this.el.replaceChildren(
      ...shown.map((o) => {
        const active = o.doc === this.activeDoc;
        const name = o.doc.path || "main";
        const tab = h(
          "button.tab",
          {
            type: "button",
            role: "tab",
            id: `file-tab-${o.n}`,
            "aria-selected": active ? "true" : "false",
            "aria-controls": o.panel.id,
            tabindex: active ? 0 : -1,
            "data-path": o.doc.path,
            title: o.doc.main ? `${name} (the main file: runs start here)` : `${name} (Delete closes the tab)`,
            "data-active": active ? "true" : "false",
          },
          name,
        );
        tab.addEventListener("click", () => this.activate(o.doc, true));
        if (!o.doc.main) {
          // inside the tab and hidden from assistive technology: a tablist holds tabs only; the keyboard's way is Delete
          const close = h("span.tab-close", { "aria-hidden": "true", title: `Close ${name}` }, "×");
          close.addEventListener("click", (e) => {
            e.stopPropagation();
            this.closeFile(o.doc);
          });
          tab.append(close);
        }
        return tab;
      }),
    );
  }

  /** Arrow keys move between tabs (one tab stop for the strip, as the ARIA tabs pattern has it); Delete closes one. */
  private onKey(e: KeyboardEvent) {
    const tabs = [...this.el.querySelectorAll<HTMLButtonElement>("button.tab")];
    const i = tabs.findIndex((t) => t === document.activeElement);
    if (i < 0) return;
    if (e.key === "Delete") {
      const o = [...this.open.values()].find((x) => x.panel.id === tabs[i].getAttribute("aria-controls"));
      if (o && !o.doc.main) {
        e.preventDefault();
        this.closeFile(o.doc);
        this.el.querySelector<HTMLButtonElement>('button.tab[aria-selected="true"]')?.focus();
      }
      return;
    }
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.click();
    this.el.querySelector<HTMLButtonElement>(`button.tab[data-path="${CSS.escape(next.dataset.path ?? "")}"]`)?.focus();
  }
}
