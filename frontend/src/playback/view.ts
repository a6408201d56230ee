// The playback view (#/s/<id>/playback): a read-only editor and a console driven through a session's whole
// history by a slider and a play button at 1×, 4× or 16×. Every update is applied as it was accepted, marked
// with its author's colour; run outputs and verdicts appear in the console at the moment they happened; the
// slider carries a marker per run and submission. Viewers may open it: it shows only what they saw live.
import { ChangeSet, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers, highlightSpecialChars } from "@codemirror/view";
import { oneDark } from "@codemirror/theme-one-dark";
import { h } from "../dom";
import { languageSupport } from "../languages";
import { loadHistory, type SessionHistory } from "./history";
import { AuthorColors, authorMarks, authored, clearAuthors } from "./authors";
import { PlaybackConsole } from "./console";

/** Idle stretches longer than this (history time) are shortened to it, so playback never waits for minutes. */
const MAX_GAP_MS = 2_000;
const SPEEDS = [1, 4, 16];

export function renderPlayback(root: HTMLElement, sessionId: string): () => void {
  const titleEl = h("h1.session-title", { "data-testid": "title" }, "Playback");
  const editorHost = h("div.editor", { "data-testid": "playback-editor" }, h("div.placeholder", {}, "Loading the session's history…"));
  const slider = h("input.playback-slider", { type: "range", min: 0, max: 0, value: 0, step: 1, "aria-label": "Position in the history", "data-testid": "playback-slider" }) as HTMLInputElement;
  const markers = h("div.playback-markers", { "aria-hidden": "true" });
  const playBtn = h("button.primary", { type: "button", "data-testid": "playback-play" }, "▶ Play") as HTMLButtonElement;
  const speedSel = h("select", { "aria-label": "Speed", "data-testid": "playback-speed" }, ...SPEEDS.map((s) => h("option", { value: s }, `${s}×`))) as HTMLSelectElement;
  const where = h("span.playback-where", { "data-testid": "playback-where" }, "");
  const legend = h("div.playback-legend", { "data-testid": "playback-authors" });
  const output = new PlaybackConsole();
  const colors = new AuthorColors();

  let history: SessionHistory | null = null;
  let view: EditorView | null = null;
  let position = 0; // events[0 .. position) are applied
  let clock: number[] = []; // playback time of each event (ms from the first, idle gaps shortened)
  let playTime = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let lastTick = 0;
  let destroyed = false;

  const baseState = (h0: SessionHistory) =>
    EditorState.create({
      doc: h0.initial,
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        languageSupport(h0.language),
        oneDark,
        authorMarks(colors),
        EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
        EditorView.contentAttributes.of({ "aria-label": "Code at this moment (read-only)" }),
      ],
    });

  function seek(target: number) {
    if (!history || !view) return;
    const events = history.events;
    target = Math.max(0, Math.min(events.length, target));
    let state = view.state;
    let from = position;
    if (target < position) {
      state = state.update({ changes: { from: 0, to: state.doc.length, insert: history.initial }, effects: clearAuthors.of(null) }).state;
      from = 0;
    }
    for (let i = from; i < target; i++) {
      const e = events[i];
      if (e.kind !== "update") continue;
      const changes = ChangeSet.fromJSON(e.changes);
      const ranges: [number, number][] = [];
      changes.iterChanges((_fa, _ta, fromB, toB) => ranges.push([fromB, toB]));
      const tr = state.update({ changes, effects: authored.of({ clientId: e.clientId, ranges }) });
      state = tr.state;
    }
    if (state !== view.state) view.setState(state);
    position = target;
    slider.value = String(target);
    output.showUpTo(events, target);
    showWhere();
  }

  function showWhere() {
    if (!history) return;
    const events = history.events;
    let version = 0;
    for (let i = position - 1; i >= 0; i--) {
      if (events[i].kind === "update") {
        version = events[i].version;
        break;
      }
    }
    const at = position > 0 ? new Date(events[position - 1].at).toLocaleTimeString() : "start";
    where.textContent = `version ${version} · event ${position} of ${events.length} · ${at}`;
    where.dataset.version = String(version);
  }

  function play() {
    if (!history) return;
    if (timer) return pause();
    if (position >= history.events.length) seek(0);
    playTime = position > 0 ? clock[position - 1] : 0;
    lastTick = performance.now();
    playBtn.textContent = "❚❚ Pause";
    timer = setInterval(() => {
      const now = performance.now();
      playTime += (now - lastTick) * Number(speedSel.value);
      lastTick = now;
      let target = position;
      while (target < clock.length && clock[target] <= playTime) target++;
      if (target !== position) seek(target);
      if (position >= clock.length) pause();
    }, 40);
  }

  function pause() {
    if (timer) clearInterval(timer);
    timer = null;
    playBtn.textContent = "▶ Play";
  }

  function show(loaded: SessionHistory) {
    history = loaded;
    const events = loaded.events;
    titleEl.textContent = `Playback · ${loaded.title || "Untitled"}`;
    document.title = `Playback · ${loaded.title || "Untitled"} · Tandem`;
    clock = [];
    for (let i = 0; i < events.length; i++) {
      clock.push(i === 0 ? 0 : clock[i - 1] + Math.max(0, Math.min(events[i].at - events[i - 1].at, MAX_GAP_MS)));
    }
    slider.max = String(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.kind === "update") {
        colors.color(e.clientId);
        colors.names.set(e.clientId, e.by ?? e.clientId);
      }
      if (e.kind !== "run.queued" && e.kind !== "submission.queued") continue;
      const kind = e.kind === "run.queued" ? "run" : "submission";
      const marker = h("button.playback-marker", {
        type: "button",
        title: `${kind === "run" ? "Run" : "Submission"} by ${e.by ?? "someone"} at ${new Date(e.at).toLocaleTimeString()}`,
        "data-testid": "playback-marker",
        "data-kind": kind,
        "data-position": i + 1,
        style: `left: ${events.length ? ((i + 1) / events.length) * 100 : 0}%`,
      });
      marker.addEventListener("click", () => seek(i + 1));
      markers.append(marker);
    }
    legend.replaceChildren(
      ...colors.entries().map(([id, color]) => h("span.playback-author", { "data-client-id": id }, h("span.swatch", { style: `background:${color}` }), colors.names.get(id) ?? id)),
    );
    editorHost.replaceChildren();
    view = new EditorView({ state: baseState(loaded), parent: editorHost });
    position = 0;
    seek(events.length); // open at the end: the session as it is now
    (window as any).tandemPlayback = {
      text: () => view!.state.doc.toString(),
      position: () => position,
      count: () => events.length,
      seek,
    };
  }

  slider.addEventListener("input", () => {
    pause();
    seek(Number(slider.value));
  });
  playBtn.addEventListener("click", () => play());

  loadHistory(sessionId).then(
    (loaded) => !destroyed && show(loaded),
    (err) => {
      if (!destroyed) editorHost.replaceChildren(h("div.placeholder", { "data-testid": "playback-error" }, `The history cannot be loaded: ${err.message ?? err}`));
    },
  );

  root.append(
    h(
      "div.session.playback",
      {},
      h(
        "header.topbar",
        {},
        h("a.home", { href: "#/", title: "New session" }, h("span.logo", {}, "⌘"), " Tandem"),
        titleEl,
        h("span.spacer"),
        h("a.button", { href: `#/s/${sessionId}`, "data-testid": "back-to-session" }, "Back to the session"),
      ),
      h(
        "div.playback-bar",
        {},
        playBtn,
        speedSel,
        h("div.playback-track", {}, slider, markers),
        where,
      ),
      legend,
      h("main.left", {}, editorHost, output.el),
    ),
  );

  return () => {
    destroyed = true;
    pause();
    view?.destroy();
    delete (window as any).tandemPlayback;
  };
}
