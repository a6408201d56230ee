// The file tree (v1.1 "Several files"): the session's files beside the editor, the main file first and marked
// (it cannot be renamed or deleted: runs start there). Editors create a file (New file), rename one in place
// and delete one; view-link users only open files. The server answers with file.created / file.renamed /
// file.deleted for everyone (the tree changes then, not before) or an error, shown as a toast that says what to do.
import type { ErrorMessage, FileEvent, TandemClient } from "@tandem/client";
import { h } from "../dom";
import type { EditorTabs } from "./tabs";
import type { Toasts } from "./toast";

/** What each refusal means for the person who tried (the server's message follows it). */
export const FILE_ERRORS: Record<string, string> = {
  BAD_PATH: "That is not a valid file name. Use letters, digits, '.', '_' and '-', with '/' between folders (e.g. lib/util.py).",
  FILE_EXISTS: "A file with that name already exists.",
  NO_SUCH_FILE: "That file does not exist any more (someone renamed or deleted it).",
  MAIN_FILE: "The main file cannot be renamed or deleted: runs start there.",
  TOO_LARGE: "The session is full: at most 64 files, and all files together within the size limit.",
  FORBIDDEN: "This is a view-only link: files cannot be changed from here.",
  RATE_LIMITED: "Too many changes at once. Try again in a moment.",
};

const ACTION: Record<string, string> = { "file.create": "create", "file.rename": "rename", "file.delete": "delete", push: "save your edit to", pull: "load" };

/** The language whose highlighting fits a file name, or null (then the session's language is used). */
export function languageOfPath(path: string): string | null {
  const ext = /\.([A-Za-z0-9+]+)$/.exec(path)?.[1]?.toLowerCase();
  const byExt: Record<string, string> = {
    py: "python", js: "javascript", mjs: "javascript", cjs: "javascript", ts: "typescript", java: "java",
    c: "c", h: "c", cpp: "cpp", cc: "cpp", cxx: "cpp", hpp: "cpp", hh: "cpp", go: "go", rs: "rust",
    rb: "ruby", php: "php", kt: "kotlin", sh: "bash",
  };
  return (ext && byExt[ext]) ?? null;
}

export interface FileTreeHooks {
  /** Open a file in a tab and focus its editor. */
  open(path: string): void;
  /** Whether this file is the one in the editor now. */
  isActive(path: string): boolean;
  /** A toast: `kind` error for refusals. */
  notify(text: string, kind: "error" | "info", code?: string): void;
}

export class FileTree {
  readonly el: HTMLElement;
  private readonly list = h("ul.file-list", { "data-testid": "file-list" });
  private readonly form: HTMLFormElement;
  private readonly nameInput: HTMLInputElement;
  /** The path being renamed in place, if any. */
  private renaming: string | null = null;

  constructor(
    private readonly client: TandemClient,
    private readonly hooks: FileTreeHooks,
    private readonly viewOnly: boolean,
  ) {
    const newBtn = h("button.small", { type: "button", "data-testid": "new-file", disabled: viewOnly, title: viewOnly ? "View-only link: files cannot be added" : "Add a file to the session" }, "+ New file");
    this.newBtn = newBtn;
    this.nameInput = h("input.file-name-input", { "aria-label": "New file name", placeholder: "util.py", maxlength: 256, spellcheck: "false", "data-testid": "new-file-name" }) as HTMLInputElement;
    const create = h("button.small.primary", { type: "submit" }, "Create");
    const cancel = h("button.small", { type: "button" }, "Cancel");
    this.form = h("form.new-file", { hidden: true, "data-testid": "new-file-form" }, this.nameInput, h("div.row", {}, create, cancel)) as HTMLFormElement;
    newBtn.addEventListener("click", () => {
      this.form.hidden = false;
      this.nameInput.value = "";
      this.nameInput.focus();
    });
    const close = () => {
      this.form.hidden = true;
      newBtn.focus();
    };
    cancel.addEventListener("click", close);
    this.nameInput.addEventListener("keydown", (e) => {
      if (e.key === "Escape") close();
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      const path = this.nameInput.value.trim();
      if (!path) return;
      if (!this.client.createFile(path, "")) {
        this.hooks.notify("Not connected: the file cannot be created right now.", "error", "OFFLINE");
        return;
      }
      this.pendingOpen = path;
      this.form.hidden = true;
    });
    this.el = h(
      "nav.files",
      { "aria-label": "Files", "data-testid": "files" },
      h("div.files-head", {}, h("h2", {}, "Files"), newBtn),
      this.form,
      this.list,
    );
    this.render();
  }

  /** A file this person just asked for: opened once the server says it exists. */
  private pendingOpen: string | null = null;
  private readonly newBtn: HTMLButtonElement;

  /** A server without several files (its welcome has no `files`): one file, nothing to add. */
  supported(yes: boolean) {
    this.newBtn.disabled = this.viewOnly || !yes;
    if (!yes) this.newBtn.title = "This server keeps one file per session";
  }

  /** The file list may have changed (welcome, file.*, the main file's name with the language). */
  render() {
    const files = this.client.files();
    this.list.replaceChildren(...files.map((f) => this.item(f.path, f.main)));
  }

  onEvent(msg: FileEvent) {
    if (msg.type === "file.created" && msg.path === this.pendingOpen && msg.clientId === this.client.clientId) {
      this.pendingOpen = null;
      this.render();
      this.hooks.open(msg.path);
      return;
    }
    if (msg.type === "file.renamed" && this.renaming === msg.path) this.renaming = null;
    this.render();
  }

  /** An error answering a file request (ref file.create / file.rename / file.delete, or a push/pull with `file`). */
  onError(msg: ErrorMessage) {
    if (msg.ref === "file.create") {
      // let them fix the name they typed
      this.form.hidden = false;
      this.nameInput.focus();
      this.nameInput.select();
      this.pendingOpen = null;
    }
    const what = msg.ref && ACTION[msg.ref] ? `Could not ${ACTION[msg.ref]} ${msg.file ?? "the file"}` : "File error";
    const advice = FILE_ERRORS[msg.code] ?? "";
    this.hooks.notify(`${what}: ${advice}${msg.message ? ` (${msg.code}: ${msg.message})` : ` (${msg.code})`}`, "error", msg.code);
  }

  private item(path: string, main: boolean): HTMLElement {
    const name = path || "main";
    const active = this.hooks.isActive(path);
    const li = h("li.file", { "data-path": path, "data-main": main ? "true" : "false", "data-active": active ? "true" : "false" });
    if (this.renaming === path) {
      li.append(this.renameForm(path));
      return li;
    }
    const open = h(
      "button.file-open",
      { type: "button", "aria-current": active ? "true" : "false", title: main ? `${name}: the main file, where runs start` : `Open ${name}`, "data-testid": "file" },
      name,
    );
    open.addEventListener("click", () => this.hooks.open(path));
    li.append(open);
    if (main) li.append(h("span.badge.main-file", { title: "The main file: runs start here; it cannot be renamed or deleted" }, "main"));
    else if (!this.viewOnly) {
      const rename = h("button.small.icon", { type: "button", "aria-label": `Rename ${name}`, title: `Rename ${name}`, "data-testid": "rename-file" }, "✎");
      rename.addEventListener("click", () => {
        this.renaming = path;
        this.render();
      });
      const del = h("button.small.icon.danger", { type: "button", "aria-label": `Delete ${name}`, title: `Delete ${name}`, "data-testid": "delete-file" }, "✕");
      del.addEventListener("click", () => {
        if (!confirm(`Delete ${name} for everyone in the session?`)) return;
        if (!this.client.deleteFile(path)) this.hooks.notify("Not connected: the file cannot be deleted right now.", "error", "OFFLINE");
      });
      li.append(rename, del);
    }
    return li;
  }

  private renameForm(path: string): HTMLElement {
    const input = h("input.file-name-input", { value: path, "aria-label": `New name for ${path}`, maxlength: 256, spellcheck: "false", "data-testid": "rename-input" }) as HTMLInputElement;
    const form = h("form.rename-file", {}, input) as HTMLFormElement;
    const stop = () => {
      this.renaming = null;
      this.render();
      this.list.querySelector<HTMLButtonElement>(`li[data-path="${CSS.escape(path)}"] button.file-open`)?.focus();
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const to = input.value.trim();
      if (!to || to === path) return stop();
      if (!this.client.renameFile(path, to)) this.hooks.notify("Not connected: the file cannot be renamed right now.", "error", "OFFLINE");
      stop();
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        stop();
      }
    });
    queueMicrotask(() => {
      input.focus();
      const dot = path.lastIndexOf(".");
      input.setSelectionRange(path.lastIndexOf("/") + 1, dot > 0 ? dot : path.length);
    });
    return form;
  }
}

/** A file event for the IDE: the tree and the tabs follow; others' renames and deletes of an open file are told. */
export function onFileEvent(msg: FileEvent, parts: { tree: FileTree; tabs: EditorTabs; toasts: Toasts; me: string }) {
  const { tree, tabs, toasts, me } = parts;
  const byOther = msg.clientId !== me;
  if (msg.type === "file.renamed") {
    tabs.refresh();
    if (byOther && tabs.viewOf(msg.to)) toasts.show(`${msg.by} renamed ${msg.path} to ${msg.to}.`, "info");
  } else if (msg.type === "file.deleted") {
    const wasOpen = tabs.views().length;
    tabs.deleted();
    const lost = msg.lostUpdates ? ` Your last ${msg.lostUpdates === 1 ? "edit" : `${msg.lostUpdates} edits`} to it could not be saved.` : "";
    if (msg.by === null) toasts.show(`${msg.path} was deleted while you were away.${lost}`, lost ? "error" : "info");
    else if (byOther && (lost || wasOpen !== tabs.views().length)) toasts.show(`${msg.by} deleted ${msg.path}.${lost}`, lost ? "error" : "info");
  } else if (msg.type === "file.created" && byOther && msg.by) {
    toasts.show(`${msg.by} added ${msg.path}.`, "info");
  }
  tree.onEvent(msg);
}
