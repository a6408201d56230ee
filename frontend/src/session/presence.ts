// Presence: shares this person's selection in the file they have open (debounced) and draws the others'
// cursors in the file each of them is in (v1.1: presence carries `file`), mapped through the edits between the
// version they were sent at and ours (the client does the mapping, per file).
import type { EditorView } from "@codemirror/view";
import type { DocumentSync, PresenceMessage, TandemClient } from "@tandem/client";
import { removeRemoteCursor, renameRemote, setRemoteCursor } from "../cursors";
import type { People } from "./people";

/** Selection moves within this time are sent as one presence message. */
const PRESENCE_DEBOUNCE_MS = 80;

/** The editors presence draws in: the open files' views (./tabs.ts). */
export interface PresenceViews {
  readonly active: { doc: DocumentSync; view: EditorView } | null;
  viewOf(path: string): EditorView | null;
  views(): EditorView[];
}

export class Presence {
  private views: PresenceViews | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The last presence of each participant, with the file it is in (its document: renames keep it). */
  private readonly last = new Map<string, { msg: PresenceMessage; doc: DocumentSync | null }>();
  /** Presence sent at a version that has not arrived here yet: applied after the next sync. */
  private readonly pending = new Set<string>();
  /** Someone's cursor moved to a file (or away: null), for the People panel and following. */
  onLocation: (clientId: string, doc: DocumentSync | null) => void = () => {};

  constructor(private readonly client: TandemClient, private readonly people: People) {}

  attach(views: PresenceViews) {
    this.views = views;
  }

  /** Shares our selection soon (presence is not stored: newcomers need ours again); also after a tab switch. */
  schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const a = this.views?.active;
      if (a) this.client.presence(a.view.state.selection.main, a.doc.path || undefined);
    }, PRESENCE_DEBOUNCE_MS);
  }

  /** The file a participant's cursor is in now, or null. */
  whereIs(clientId: string): DocumentSync | null {
    const entry = this.last.get(clientId);
    return entry?.doc && !entry.doc.closed && entry.msg.selection ? entry.doc : null;
  }

  received(msg: PresenceMessage) {
    if (msg.clientId === this.client.clientId) return;
    const known = this.people.get(msg.clientId);
    if (!known || known.name !== msg.name || known.color !== msg.color) {
      this.people.upsert({ clientId: msg.clientId, name: msg.name, color: msg.color });
      for (const v of this.allViews()) v.dispatch({ effects: renameRemote.of({ clientId: msg.clientId, name: msg.name, color: msg.color }) });
    }
    const doc = msg.file !== undefined ? this.client.file(msg.file) : this.client.file(this.client.mainPath);
    const before = this.last.get(msg.clientId)?.doc ?? null;
    this.last.set(msg.clientId, { msg, doc });
    // their cursor is in one file only: take it out of every other editor
    for (const v of this.allViews()) if (v !== this.viewOfDoc(doc)) v.dispatch({ effects: removeRemoteCursor.of(msg.clientId) });
    if (this.apply(msg.clientId)) this.pending.delete(msg.clientId);
    else this.pending.add(msg.clientId);
    if (before !== doc || !msg.selection) this.onLocation(msg.clientId, msg.selection ? doc : null);
  }

  left(clientId: string) {
    this.pending.delete(clientId);
    this.last.delete(clientId);
    for (const v of this.allViews()) v.dispatch({ effects: removeRemoteCursor.of(clientId) });
    this.onLocation(clientId, null);
  }

  synced() {
    for (const id of [...this.pending]) if (this.apply(id)) this.pending.delete(id);
  }

  /** A file's editor was opened: draw the cursors already known to be in it. */
  redraw() {
    for (const id of this.last.keys()) if (this.apply(id)) this.pending.delete(id);
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
  }

  private allViews(): EditorView[] {
    return this.views?.views() ?? [];
  }

  private viewOfDoc(doc: DocumentSync | null): EditorView | null {
    return doc && !doc.closed ? this.views?.viewOf(doc.path) ?? null : null;
  }

  private apply(clientId: string): boolean {
    const entry = this.last.get(clientId);
    if (!entry) return true;
    const { msg, doc } = entry;
    if (!doc || doc.closed) return true; // a deleted file: nothing to draw
    const view = this.viewOfDoc(doc);
    if (!view) return true; // not open here: drawn by redraw() when it opens
    if (!msg.selection) {
      view.dispatch({ effects: removeRemoteCursor.of(msg.clientId) });
      return true;
    }
    const anchor = doc.mapRemote(msg.selection.anchor, msg.version, -1);
    const head = doc.mapRemote(msg.selection.head, msg.version, 1);
    if (anchor === null || head === null) return false;
    view.dispatch({ effects: setRemoteCursor.of({ clientId: msg.clientId, name: msg.name ?? "?", color: msg.color ?? "#888", anchor, head }) });
    return true;
  }
}
