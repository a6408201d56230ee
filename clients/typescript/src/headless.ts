// An editor without a view, for bots, scripts and tests in Node: an EditorState with collab, kept up to date.
import { EditorState, type Extension, type Transaction, type TransactionSpec } from "@codemirror/state";
import { collab, getSyncedVersion, sendableUpdates } from "@codemirror/collab";
import type { CollabEditor, TandemClient } from "./client.js";
import type { WelcomeMessage } from "./protocol.js";

export class HeadlessEditor implements CollabEditor {
  state: EditorState;
  private client: TandemClient | null = null;

  /** The editor a welcome (or a file's snapshot()) describes: its content at its version, syncing as `clientId`. */
  constructor(welcome: Pick<WelcomeMessage, "content" | "version">, clientId: string, extensions: Extension = []) {
    this.state = EditorState.create({
      doc: welcome.content,
      extensions: [collab({ startVersion: welcome.version, clientID: clientId }), extensions],
    });
  }

  /** Attaches to `client` so that local edits are pushed. */
  bind(client: TandemClient): this {
    this.client = client;
    client.attach(this);
    return this;
  }

  /** Attaches to `client` as the editor of file `path` (v1.1 "Several files"; build it from file(path).snapshot()). */
  bindFile(client: TandemClient, path: string): this {
    this.client = client;
    client.attachFile(path, this);
    return this;
  }

  dispatch(tr: Transaction) {
    this.state = tr.state;
  }

  /** A local edit, e.g. edit({ changes: { from: 0, insert: "x" } }): applied at once, pushed when connected. */
  edit(spec: TransactionSpec) {
    const tr = this.state.update(spec);
    this.dispatch(tr);
    if (tr.docChanged) this.client?.localChange();
  }

  get text() {
    return this.state.doc.toString();
  }

  get version() {
    return getSyncedVersion(this.state);
  }

  /** Local updates the server has not confirmed yet. */
  get pending() {
    return sendableUpdates(this.state).length;
  }
}
