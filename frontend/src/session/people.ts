// The People panel: who is in the session (from welcome, joined, left and presence) and this person's name.
import type { Participant, WelcomeMessage } from "@tandem/client";
import { h, storeName, storedName } from "../dom";

export class People {
  readonly nameInput: HTMLInputElement;
  readonly list: HTMLElement;
  name = storedName();
  private color = "#888";
  private readonly participants = new Map<string, Participant>();
  /** Set for the session's owner: a Remove button beside everyone else. */
  onRemove: ((p: Participant) => void) | null = null;
  /** Adds to a participant's row (v1.1: the file they are in and a Follow toggle, ./follow.ts). */
  decorate: ((p: Participant, li: HTMLElement) => void) | null = null;

  /** `rename` applies a new name (the client reconnects: hello carries it); `done` returns to the editor. */
  constructor(private readonly clientId: string, rename: (name: string) => void, done: () => void) {
    this.nameInput = h("input#my-name", { value: this.name, maxlength: 64, "aria-label": "Your name", "data-testid": "my-name" }) as HTMLInputElement;
    this.list = h("ul.people", { "data-testid": "participants" });
    const commit = () => {
      const name = this.nameInput.value.trim().slice(0, 64);
      if (!name || name === this.name) {
        this.nameInput.value = this.name;
        return;
      }
      this.name = name;
      storeName(name);
      this.upsert({ clientId, name, color: this.color });
      rename(name);
    };
    this.nameInput.addEventListener("change", commit);
    this.nameInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        commit();
        done();
      }
    });
  }

  /** A participant's name by clientId (run.queued's `by` may already be a name: then it is returned as is). */
  nameOf = (idOrName: string) => this.participants.get(idOrName)?.name ?? idOrName ?? "someone";

  get(clientId: string) {
    return this.participants.get(clientId);
  }

  welcome(w: WelcomeMessage) {
    this.participants.clear();
    for (const p of w.participants ?? []) this.participants.set(p.clientId, p);
    const me = this.participants.get(this.clientId);
    if (me) {
      this.color = me.color;
      // the server's name for us wins: with identity on it comes from the token, not from hello
      if (me.name && me.name !== this.name) {
        this.name = me.name;
        this.nameInput.value = me.name;
      }
    }
    this.upsert({ clientId: this.clientId, name: this.name, color: this.color });
  }

  upsert(p: Participant) {
    this.participants.set(p.clientId, { clientId: p.clientId, name: p.name, color: p.color });
    this.render();
  }

  remove(clientId: string) {
    this.participants.delete(clientId);
    this.render();
  }

  private removeButton(p: Participant) {
    const btn = h("button.small.remove", { type: "button", "aria-label": `Remove ${p.name} from the session`, "data-testid": "remove-participant" }, "Remove");
    btn.addEventListener("click", () => this.onRemove?.(p));
    return btn;
  }

  /** Re-renders (e.g. once the owner's controls are known). */
  refresh() {
    this.render();
  }

  private render() {
    const me = this.clientId;
    const items = [...this.participants.values()].sort((a, b) => (a.clientId === me ? -1 : b.clientId === me ? 1 : a.name.localeCompare(b.name)));
    this.list.replaceChildren(
      ...items.map((p) => {
        const li = h(
          "li",
          { "data-client-id": p.clientId },
          h("span.dot", { style: `background:${p.color}` }),
          h("span.pname", {}, p.name),
          p.clientId === me ? h("span.muted", {}, " (you)") : null,
        );
        this.decorate?.(p, li);
        if (p.clientId !== me && this.onRemove) li.append(this.removeButton(p));
        return li;
      }),
    );
  }
}
