// The session's language in the top bar: a select for editors (switching sends the Tandem `language` message and
// the server tells everyone), shown disabled to viewers. When the server announces a switch, the editor's
// highlighting follows; the one who switched also swaps an untouched starter program for the new language's.
import type { EditorView } from "@codemirror/view";
import type { LanguageMessage, TandemClient } from "@tandem/client";
import { getLanguages } from "../api";
import { h } from "../dom";
import { FALLBACK_LANGUAGES, STARTER, displayName, type Language } from "../languages";
import { setEditorLanguage } from "./editor";

export class LanguagePicker {
  readonly el: HTMLSelectElement;
  private current = "";
  private known: Language[] = FALLBACK_LANGUAGES;

  constructor(
    private readonly client: TandemClient,
    private readonly view: () => EditorView | null,
    private readonly notify: (text: string) => void,
    viewOnly: boolean,
  ) {
    this.el = h("select.language-picker", { "aria-label": "Session language", "data-testid": "language-picker", disabled: viewOnly }) as HTMLSelectElement;
    this.fill();
    getLanguages().then((list) => {
      this.known = list;
      this.fill();
    });
    this.el.addEventListener("change", () => {
      const wanted = this.el.value;
      if (wanted === this.current) return;
      if (!this.client.send({ type: "language", language: wanted })) {
        this.notify("Not connected: the language cannot change right now.");
        this.el.value = this.current;
      }
    });
  }

  /** The session's language now. */
  get language() {
    return this.current;
  }

  /** The language of welcome (also after a reconnect: it may have changed meanwhile). */
  welcome(language: string) {
    this.show(language);
  }

  changed(msg: LanguageMessage) {
    const before = this.current;
    this.show(msg.language);
    const view = this.view();
    if (msg.clientId === this.client.clientId && view && view.state.doc.toString() === (STARTER[before] ?? "\0")) {
      // our switch, and the document is still the old language's starter: start from the new one
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: STARTER[msg.language] ?? "" } });
    }
    if (msg.clientId !== this.client.clientId) this.notify(`${msg.by} switched the language to ${displayName(msg.language, this.known)}.`);
  }

  /** The server refused our switch: show the session's language again. */
  refused() {
    this.el.value = this.current;
  }

  private show(language: string) {
    const changed = language !== this.current;
    this.current = language;
    if (!this.known.some((l) => l.id === language)) this.known = [...this.known, { id: language, name: language }];
    this.fill();
    const view = this.view();
    if (changed && view) setEditorLanguage(view, language);
  }

  private fill() {
    this.el.replaceChildren(...this.known.map((l) => h("option", { value: l.id }, l.name)));
    if (this.current) this.el.value = this.current;
  }
}
