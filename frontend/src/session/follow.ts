// Following (v1.1 "Several files"): the People panel says which file each participant is in, and a Follow
// toggle beside them makes this editor jump to the file they are in, and to their cursor, whenever they move,
// until it is pressed again (or they leave). Only one person is followed at a time.
import type { EditorView } from "@codemirror/view";
import { EditorView as View } from "@codemirror/view";
import type { DocumentSync, Participant } from "@tandem/client";
import { h } from "../dom";
import { remoteCursorList } from "../cursors";

export interface FollowHooks {
  /** The file a participant is in, or null (./presence.ts). */
  whereIs(clientId: string): DocumentSync | null;
  /** Opens a file (without taking the focus from the Follow button) and answers its editor. */
  open(path: string): EditorView | null;
  /** The People list must be drawn again (names of files, toggles). */
  refresh(): void;
}

export class Follow {
  private following: string | null = null;

  constructor(private readonly me: string, private readonly hooks: FollowHooks) {}

  get followed(): string | null {
    return this.following;
  }

  /** What People adds to a participant's row: where they are, and the toggle. */
  decorate = (p: Participant, li: HTMLElement) => {
    if (p.clientId === this.me) return;
    const doc = this.hooks.whereIs(p.clientId);
    li.append(h("span.where", { "data-testid": "where", title: doc ? `${p.name} is in ${doc.path || "the main file"}` : "" }, doc ? doc.path || "main" : ""));
    const on = this.following === p.clientId;
    const btn = h(
      "button.small.follow",
      { type: "button", "aria-pressed": on ? "true" : "false", "aria-label": `Follow ${p.name}`, title: on ? `Stop following ${p.name}` : `Jump to the file ${p.name} is in, and keep following them`, "data-testid": "follow" },
      on ? "Following" : "Follow",
    );
    btn.addEventListener("click", () => {
      this.following = on ? null : p.clientId;
      this.hooks.refresh();
      if (!on) this.jump(p.clientId);
      // the list was drawn again: keep the keyboard on this person's toggle
      (li.isConnected ? btn : document.querySelector<HTMLButtonElement>(`li[data-client-id="${CSS.escape(p.clientId)}"] button.follow`))?.focus();
    });
    li.append(btn);
  };

  /** Someone's cursor moved to another file (or their presence changed): follow them there. */
  moved(clientId: string) {
    this.hooks.refresh();
    if (clientId === this.following) this.jump(clientId);
  }

  /** Their cursor moved within the file: keep it in sight. */
  cursorMoved(clientId: string) {
    if (clientId === this.following) this.jump(clientId);
  }

  left(clientId: string) {
    if (this.following === clientId) this.following = null;
    this.hooks.refresh();
  }

  private jump(clientId: string) {
    const doc = this.hooks.whereIs(clientId);
    if (!doc) return;
    const view = this.hooks.open(doc.path);
    if (!view) return;
    const cursor = remoteCursorList(view).find((c) => c.clientId === clientId);
    if (cursor) view.dispatch({ effects: View.scrollIntoView(cursor.head, { y: "nearest" }) });
  }
}
