// Who wrote what: each update's inserted text is marked with its author's colour, and the marks move with
// later edits (mapped through every change), so the replayed document shows its authors at every moment.
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

/** Marks the ranges [from, to) of the new document as written by one author. */
export const authored = StateEffect.define<{ clientId: string; ranges: [number, number][] }>();
export const clearAuthors = StateEffect.define<null>();

const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45", "#469990", "#9a6324"];

/** A colour per author, in order of first appearance in the history. */
export class AuthorColors {
  private readonly colors = new Map<string, string>();
  readonly names = new Map<string, string>();

  color(clientId: string): string {
    let c = this.colors.get(clientId);
    if (!c) {
      c = PALETTE[this.colors.size % PALETTE.length];
      this.colors.set(clientId, c);
    }
    return c;
  }

  entries(): [string, string][] {
    return [...this.colors.entries()];
  }
}

export function authorMarks(colors: AuthorColors): Extension {
  const marks = new Map<string, Decoration>();
  const markOf = (clientId: string) => {
    let m = marks.get(clientId);
    if (!m) {
      const color = colors.color(clientId);
      m = Decoration.mark({ attributes: { style: `background-color: ${color}33; border-bottom: 2px solid ${color}`, "data-author": clientId } });
      marks.set(clientId, m);
    }
    return m;
  };
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(set, tr) {
      set = set.map(tr.changes);
      for (const e of tr.effects) {
        if (e.is(clearAuthors)) set = Decoration.none;
        else if (e.is(authored)) {
          const add = e.value.ranges.filter(([a, b]) => b > a).map(([a, b]) => markOf(e.value.clientId).range(a, b));
          if (add.length) set = set.update({ add, sort: true });
        }
      }
      return set;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}
