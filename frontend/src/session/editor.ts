// The session's CodeMirror editor: the document of the first welcome, with collab at its version and the
// remote cursors; it reports local changes and selection moves to the caller (sync and presence).
import { Compartment, EditorState, Prec } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { oneDark } from "@codemirror/theme-one-dark";
import { collab } from "@codemirror/collab";
import type { WelcomeMessage } from "@tandem/client";
import { languageSupport } from "../languages";
import { currentTheme, type Theme } from "../theme";
import { remoteCursors } from "../cursors";

export interface EditorHooks {
  /** Mod-Enter in the editor. */
  run(): void;
  /** A transaction changed the document (push it). */
  docChanged(): void;
  /** The selection moved, or the focused editor's document changed (share the selection). */
  selectionMoved(): void;
}

// what changes while the editor lives: the session's language, the theme, and whether this person may type
const languageSlot = new Compartment();
const themeSlot = new Compartment();
const readOnlySlot = new Compartment();

// line numbers dark enough to read (WCAG AA contrast; One Dark's own grey is below it)
const lightTheme = [
  EditorView.theme({ ".cm-gutters": { color: "#5c6370", backgroundColor: "#f3f5f9", borderRight: "1px solid #dde2ea" } }, { dark: false }),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
];
const darkTheme = [oneDark, EditorView.theme({ ".cm-gutters": { color: "#a0a8b8" } }, { dark: true })];
const themeFor = (t: Theme) => (t === "dark" ? darkTheme : lightTheme);
const indentFor = (language: string) => indentUnit.of(language === "go" ? "\t" : "    ");

/** Switches highlighting, completion and indentation to another language (the session's language changed). */
export function setEditorLanguage(view: EditorView, language: string) {
  view.dispatch({ effects: languageSlot.reconfigure([languageSupport(language), indentFor(language)]) });
}

export function setEditorTheme(view: EditorView, t: Theme) {
  view.dispatch({ effects: themeSlot.reconfigure(themeFor(t)) });
}

/** A viewer's editor: focusable and selectable (their cursor is shared), but no input changes the text. */
export function setEditorReadOnly(view: EditorView, readOnly: boolean) {
  view.dispatch({ effects: readOnlySlot.reconfigure(EditorState.readOnly.of(readOnly)) });
}

export function createEditor(parent: HTMLElement, w: WelcomeMessage, clientId: string, hooks: EditorHooks, readOnly = false): EditorView {
  const state = EditorState.create({
    doc: w.content,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      foldGutter(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      rectangularSelection(),
      crosshairCursor(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      autocompletion(),
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (hooks.run(), true) }])),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, indentWithTab]),
      languageSlot.of([languageSupport(w.language), indentFor(w.language)]),
      themeSlot.of(themeFor(currentTheme())),
      readOnlySlot.of(EditorState.readOnly.of(readOnly)),
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" }, ".cm-content": { paddingTop: "16px" } }),
      EditorView.contentAttributes.of({ "aria-label": readOnly ? "Code editor (view only)" : "Code editor", "data-testid": "code" }),
      collab({ startVersion: w.version, clientID: clientId }),
      remoteCursors(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) hooks.docChanged();
        if (u.selectionSet || (u.docChanged && u.view.hasFocus)) hooks.selectionMoved();
      }),
    ],
  });
  parent.replaceChildren();
  return new EditorView({ state, parent });
}
