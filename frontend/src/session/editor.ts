// The session's CodeMirror editor: the document of the first welcome, with collab at its version and the
// remote cursors; it reports local changes and selection moves to the caller (sync and presence).
import { EditorState, Prec } from "@codemirror/state";
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
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { oneDark } from "@codemirror/theme-one-dark";
import { collab } from "@codemirror/collab";
import type { WelcomeMessage } from "@tandem/client";
import { languageSupport } from "../languages";
import { remoteCursors } from "../cursors";

export interface EditorHooks {
  /** Mod-Enter in the editor. */
  run(): void;
  /** A transaction changed the document (push it). */
  docChanged(): void;
  /** The selection moved, or the focused editor's document changed (share the selection). */
  selectionMoved(): void;
}

export function createEditor(parent: HTMLElement, w: WelcomeMessage, clientId: string, hooks: EditorHooks): EditorView {
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
      indentUnit.of(w.language === "go" ? "\t" : "    "),
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (hooks.run(), true) }])),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, indentWithTab]),
      languageSupport(w.language),
      oneDark,
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" }, ".cm-content": { paddingTop: "16px" } }),
      EditorView.contentAttributes.of({ "aria-label": "Code editor" }),
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
