// Remote cursors and selections: a StateField of positions mapped through every later transaction (local
// edits and received updates alike), drawn as decorations with the participant's colour and name.
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";

export interface RemoteCursor {
  clientId: string;
  name: string;
  color: string;
  anchor: number;
  head: number;
}

export const setRemoteCursor = StateEffect.define<RemoteCursor>();
export const removeRemoteCursor = StateEffect.define<string>();
export const renameRemote = StateEffect.define<{ clientId: string; name: string; color: string }>();

class CursorWidget extends WidgetType {
  constructor(
    readonly name: string,
    readonly color: string,
    readonly clientId: string,
  ) {
    super();
  }
  eq(other: CursorWidget) {
    return other.name === this.name && other.color === this.color && other.clientId === this.clientId;
  }
  toDOM() {
    const caret = document.createElement("span");
    caret.className = "cm-remote-cursor";
    caret.style.borderLeftColor = this.color;
    caret.dataset.clientId = this.clientId;
    caret.setAttribute("aria-label", `${this.name}'s cursor`);
    const label = document.createElement("span");
    label.className = "cm-remote-cursor-label";
    label.style.backgroundColor = this.color;
    label.style.color = readableOn(this.color);
    label.textContent = this.name;
    caret.appendChild(label);
    return caret;
  }
  ignoreEvent() {
    return true;
  }
}

/** Black or white, whichever reads better on a participant's colour (WCAG contrast; light colours get black). */
function readableOn(color: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return "#fff";
  const n = parseInt(m[1], 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000" : "#fff";
}

function clamp(pos: number, len: number) {
  return Math.max(0, Math.min(pos, len));
}

const cursorField = StateField.define<RemoteCursor[]>({
  create: () => [],
  update(cursors, tr) {
    if (!tr.changes.empty) {
      cursors = cursors.map((c) => ({
        ...c,
        anchor: tr.changes.mapPos(c.anchor, c.anchor < c.head ? 1 : -1),
        head: tr.changes.mapPos(c.head, 1),
      }));
    }
    for (const e of tr.effects) {
      if (e.is(setRemoteCursor)) {
        const len = tr.state.doc.length;
        const next = { ...e.value, anchor: clamp(e.value.anchor, len), head: clamp(e.value.head, len) };
        cursors = cursors.filter((c) => c.clientId !== next.clientId).concat(next);
      } else if (e.is(removeRemoteCursor)) {
        cursors = cursors.filter((c) => c.clientId !== e.value);
      } else if (e.is(renameRemote)) {
        const v = e.value;
        cursors = cursors.map((c) => (c.clientId === v.clientId ? { ...c, name: v.name, color: v.color } : c));
      }
    }
    return cursors;
  },
  provide: (field) =>
    EditorView.decorations.from(field, (cursors): DecorationSet => {
      const ranges = [];
      for (const c of cursors) {
        const from = Math.min(c.anchor, c.head);
        const to = Math.max(c.anchor, c.head);
        if (from < to) {
          ranges.push(
            Decoration.mark({
              class: "cm-remote-selection",
              attributes: { style: `background-color: ${c.color}40` },
            }).range(from, to),
          );
        }
        ranges.push(Decoration.widget({ widget: new CursorWidget(c.name, c.color, c.clientId), side: 1 }).range(c.head));
      }
      return Decoration.set(ranges, true);
    }),
});

export function remoteCursors(): Extension {
  return [
    cursorField,
    EditorView.baseTheme({
      ".cm-remote-cursor": {
        position: "relative",
        borderLeft: "2px solid",
        marginLeft: "-1px",
        marginRight: "-1px",
        pointerEvents: "none",
      },
      ".cm-remote-cursor-label": {
        position: "absolute",
        left: "-2px",
        bottom: "100%",
        padding: "0 4px",
        borderRadius: "3px 3px 3px 0",
        color: "#fff",
        fontSize: "11px",
        lineHeight: "15px",
        fontFamily: "system-ui, sans-serif",
        whiteSpace: "nowrap",
        zIndex: "10",
        opacity: "0.95",
      },
    }),
  ];
}

export function remoteCursorList(view: EditorView): readonly RemoteCursor[] {
  return view.state.field(cursorField);
}
