// Presence: shares this editor's selection (debounced) and draws the others' cursors, mapped through the
// edits between the version they were sent at and ours (the client does the mapping).
import type { EditorView } from "@codemirror/view";
import type { PresenceMessage, TandemClient } from "@tandem/client";
import { removeRemoteCursor, renameRemote, setRemoteCursor } from "../cursors";
import type { People } from "./people";

/** Selection moves within this time are sent as one presence message. */
const PRESENCE_DEBOUNCE_MS = 80;

export class Presence {
  private view: EditorView | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Presence sent at a version that has not arrived here yet: applied after the next sync. */
  private readonly pending = new Map<string, PresenceMessage>();

  constructor(private readonly client: TandemClient, private readonly people: People) {}

  attach(view: EditorView) {
    this.view = view;
  }

  /** Shares our selection soon (presence is not stored: newcomers need ours again). */
  schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.view && this.client.presence(this.view.state.selection.main), PRESENCE_DEBOUNCE_MS);
  }

  received(msg: PresenceMessage) {
    if (msg.clientId === this.client.clientId) return;
    const known = this.people.get(msg.clientId);
    if (!known || known.name !== msg.name || known.color !== msg.color) {
      this.people.upsert({ clientId: msg.clientId, name: msg.name, color: msg.color });
      this.view?.dispatch({ effects: renameRemote.of({ clientId: msg.clientId, name: msg.name, color: msg.color }) });
    }
    if (this.apply(msg)) this.pending.delete(msg.clientId);
    else this.pending.set(msg.clientId, msg);
  }

  left(clientId: string) {
    this.pending.delete(clientId);
    this.view?.dispatch({ effects: removeRemoteCursor.of(clientId) });
  }

  synced() {
    for (const [id, p] of this.pending) if (this.apply(p)) this.pending.delete(id);
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
  }

  private apply(msg: PresenceMessage): boolean {
    const view = this.view;
    if (!view) return false;
    if (!msg.selection) {
      view.dispatch({ effects: removeRemoteCursor.of(msg.clientId) });
      return true;
    }
    const anchor = this.client.mapRemote(msg.selection.anchor, msg.version, -1);
    const head = this.client.mapRemote(msg.selection.head, msg.version, 1);
    if (anchor === null || head === null) return false;
    view.dispatch({ effects: setRemoteCursor.of({ clientId: msg.clientId, name: msg.name ?? "?", color: msg.color ?? "#888", anchor, head }) });
    return true;
  }
}
