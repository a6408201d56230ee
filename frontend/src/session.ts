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
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { oneDark } from "@codemirror/theme-one-dark";
import { collab, getSyncedVersion, sendableUpdates } from "@codemirror/collab";

import { h, randomId, storeName, storedName } from "./dom";
import { displayName, languageSupport } from "./languages";
import { removeRemoteCursor, remoteCursorList, remoteCursors, renameRemote, setRemoteCursor } from "./cursors";
import { Transport, type ConnState, type Participant, type Welcome } from "./transport";
import { isRunEvent, isSubmissionEvent, type PresenceMessage, type RunEvent, type SubmissionEvent } from "./protocol";
import { getProblem, getSession } from "./api";
import { ProblemPanel } from "./problem";

const STATE_LABEL: Record<ConnState, string> = {
  connecting: "connecting…",
  connected: "connected",
  reconnecting: "reconnecting…",
  offline: "offline",
  gone: "session not found",
};

const OUTCOME_LABEL: Record<string, string> = {
  ok: "Finished",
  runtime_error: "Runtime error",
  compile_error: "Compile error",
  timeout: "Time limit exceeded",
  memory_limit: "Memory limit exceeded",
  output_limit: "Output limit exceeded",
  cancelled: "Cancelled",
  internal_error: "Internal error",
};

const RUN_ERRORS: Record<string, string> = {
  RUN_UNAVAILABLE: "Code runs are not available on this server right now.",
  QUEUE_FULL: "The run queue is full. Try again in a moment.",
  RATE_LIMITED: "Too many requests. Try again in a moment.",
};

function formatMemory(kb: number | undefined | null) {
  if (kb == null) return "";
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

export function renderSession(root: HTMLElement, sessionId: string): () => void {
  const clientId = randomId(); // fresh per page load: seq restarts at 1 with it
  let myName = storedName();
  let myColor = "#888";
  let view: EditorView | null = null;
  const languageConf = new Compartment();
  const participants = new Map<string, Participant>();
  const pendingPresence = new Map<string, PresenceMessage>();
  let everConnected = false;

  // ---- layout -----------------------------------------------------------------------------------------
  const titleEl = h("h1.session-title", { "data-testid": "title" }, "…");
  const langEl = h("span.badge", { "data-testid": "language-badge" }, "");
  const connEl = h("span.conn", { "data-testid": "conn-state", "data-state": "connecting", role: "status" }, STATE_LABEL.connecting);
  const copyBtn = h("button", { type: "button", title: "Copy the link to this session", "data-testid": "copy-link" }, "Copy link");
  const banner = h("div.banner", { role: "alert", hidden: true, "data-testid": "banner" });
  const editorHost = h("div.editor", { "data-testid": "editor" }, h("div.placeholder", {}, "Connecting to the session…"));

  const statusEl = h("span.run-status", { "data-testid": "run-status" }, "No run yet");
  const consoleBody = h("pre.console-body", { "data-testid": "console", "aria-live": "polite", tabindex: 0 });
  const clearBtn = h("button.small", { type: "button", title: "Clear the console (only here)" }, "Clear");
  const consoleEl = h(
    "section.console",
    { "aria-label": "Console" },
    h("div.console-head", {}, h("strong", {}, "Console"), statusEl, clearBtn),
    consoleBody,
  );

  const nameInput = h("input#my-name", { value: myName, maxlength: 64, "aria-label": "Your name", "data-testid": "my-name" });
  const peopleList = h("ul.people", { "data-testid": "participants" });
  const stdinEl = h("textarea#stdin.code-input", { rows: 4, spellcheck: "false", placeholder: "Input for the program", "data-testid": "stdin" });
  const problemHost = h("div.problem-host", { "data-testid": "problem-host" });
  let problemPanel: ProblemPanel | null = null;
  const earlySubmissionEvents: SubmissionEvent[] = []; // arrived before the problem panel (e.g. replayed after welcome)
  const runBtn = h("button.primary.run", { type: "button", "data-testid": "run", title: "Run (Ctrl+Enter / ⌘+Enter)" }, "▶ Run");

  root.append(
    h(
      "div.session",
      {},
      h(
        "header.topbar",
        {},
        h("a.home", { href: "#/", title: "New session" }, h("span.logo", {}, "⌘"), " Tandem"),
        titleEl,
        langEl,
        h("span.spacer"),
        connEl,
        copyBtn,
      ),
      banner,
      h(
        "div.workspace",
        {},
        h("main.left", {}, editorHost, consoleEl),
        h(
          "aside.sidebar",
          {},
          problemHost,
          h(
            "section",
            {},
            h("h2", {}, "Run"),
            h("label", { for: "stdin" }, "Standard input"),
            stdinEl,
            runBtn,
            h("p.hint", {}, h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"), " runs from anywhere. In the editor, ", h("kbd", {}, "Esc"), " then ", h("kbd", {}, "Tab"), " leaves it."),
          ),
          h("section", {}, h("h2", {}, "People"), h("label", { for: "my-name" }, "Your name"), nameInput, peopleList),
        ),
      ),
    ),
  );

  const showBanner = (text: string | null, kind: "warn" | "error" | "info" = "warn") => {
    banner.hidden = !text;
    banner.textContent = text ?? "";
    banner.dataset.kind = kind;
  };

  // ---- participants -----------------------------------------------------------------------------------
  const renderPeople = () => {
    const items = [...participants.values()].sort((a, b) =>
      a.clientId === clientId ? -1 : b.clientId === clientId ? 1 : a.name.localeCompare(b.name),
    );
    peopleList.replaceChildren(
      ...items.map((p) =>
        h(
          "li",
          { "data-client-id": p.clientId },
          h("span.dot", { style: `background:${p.color}` }),
          h("span.pname", {}, p.name),
          p.clientId === clientId ? h("span.muted", {}, " (you)") : null,
        ),
      ),
    );
  };
  const upsertPerson = (p: Participant) => {
    participants.set(p.clientId, { clientId: p.clientId, name: p.name, color: p.color });
    renderPeople();
  };
  const commitName = () => {
    const name = nameInput.value.trim().slice(0, 64);
    if (!name || name === myName) {
      nameInput.value = myName;
      return;
    }
    myName = name;
    storeName(name);
    upsertPerson({ clientId, name, color: myColor });
    transport.rejoin(name); // hello carries the name; the others see it with our next presence
  };
  nameInput.addEventListener("change", commitName);
  nameInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commitName();
      view?.focus();
    }
  });

  // ---- presence ---------------------------------------------------------------------------------------
  let presenceTimer: ReturnType<typeof setTimeout> | null = null;
  const sendPresence = () => {
    if (!view) return;
    const p = transport.presenceFor(view.state.selection.main);
    if (p) transport.send({ type: "presence", ...p });
  };
  const schedulePresence = () => {
    if (presenceTimer) clearTimeout(presenceTimer);
    presenceTimer = setTimeout(sendPresence, 80);
  };
  const applyPresence = (msg: PresenceMessage): boolean => {
    if (!view) return false;
    if (!msg.selection) {
      view.dispatch({ effects: removeRemoteCursor.of(msg.clientId) });
      return true;
    }
    const anchor = transport.mapRemote(msg.selection.anchor, msg.version, -1);
    const head = transport.mapRemote(msg.selection.head, msg.version, 1);
    if (anchor === null || head === null) return false;
    view.dispatch({
      effects: setRemoteCursor.of({ clientId: msg.clientId, name: msg.name ?? "?", color: msg.color ?? "#888", anchor, head }),
    });
    return true;
  };

  // ---- console and runs -------------------------------------------------------------------------------
  let currentRun: string | null = null;
  let runBy = "";
  let seenSeq = new Set<number>();
  let startTimer: ReturnType<typeof setTimeout> | null = null;
  const atBottom = () => consoleBody.scrollHeight - consoleBody.scrollTop - consoleBody.clientHeight < 24;
  const appendConsole = (node: Node) => {
    const stick = atBottom();
    consoleBody.append(node);
    if (stick) consoleBody.scrollTop = consoleBody.scrollHeight;
  };
  const setStatus = (text: string, kind: string) => {
    statusEl.textContent = text;
    statusEl.dataset.kind = kind;
  };
  const setRunning = (busy: boolean) => {
    runBtn.disabled = busy;
    runBtn.textContent = busy ? "Running…" : "▶ Run";
  };
  const personName = (idOrName: string) => participants.get(idOrName)?.name ?? idOrName ?? "someone";
  clearBtn.addEventListener("click", () => consoleBody.replaceChildren());

  const run = () => {
    if (runBtn.disabled) return;
    if (!transport.send({ type: "run", stdin: stdinEl.value })) {
      appendConsole(h("div.console-error", { "data-code": "OFFLINE" }, "Not connected to the server: the run cannot start until the connection is back."));
      setStatus("Not connected", "error");
      return;
    }
    setRunning(true);
    setStatus("Starting…", "pending");
    if (startTimer) clearTimeout(startTimer);
    startTimer = setTimeout(() => {
      if (!currentRun) {
        setRunning(false);
        setStatus("No answer from the server", "error");
      }
    }, 15_000);
  };
  runBtn.addEventListener("click", run);
  const onGlobalKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return; // the editor's own Mod-Enter binding already ran it
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  };
  window.addEventListener("keydown", onGlobalKey);

  const onRunEvent = (msg: RunEvent) => {
    switch (msg.type) {
      case "run.queued":
        currentRun = msg.runId;
        runBy = personName(msg.by);
        seenSeq = new Set();
        consoleBody.replaceChildren(
          h("div.console-meta", {}, `▶ ${runBy} started a run of version ${msg.version}`),
        );
        setRunning(true);
        setStatus(`Queued · by ${runBy}`, "pending");
        break;
      case "run.started":
        if (msg.runId !== currentRun) return;
        setStatus(`Running… · by ${runBy}`, "pending");
        break;
      case "run.output": {
        if (msg.runId !== currentRun || seenSeq.has(msg.seq)) return;
        seenSeq.add(msg.seq);
        appendConsole(h(msg.stream === "stderr" ? "span.stderr" : "span.stdout", {}, msg.data));
        break;
      }
      case "run.finished": {
        if (msg.runId !== currentRun) return;
        const label = OUTCOME_LABEL[msg.outcome] ?? msg.outcome;
        const parts = [label];
        if (msg.exitCode != null) parts.push(`exit ${msg.exitCode}`);
        if (msg.timeMs != null) parts.push(`${msg.timeMs} ms`);
        if (msg.memoryKb != null) parts.push(formatMemory(msg.memoryKb));
        if (msg.truncated) parts.push("output truncated");
        parts.push(`by ${runBy}`);
        setStatus(parts.join(" · "), msg.outcome === "ok" ? "ok" : "error");
        appendConsole(h("div.console-meta", { "data-outcome": msg.outcome }, `■ ${parts.join(" · ")}`));
        currentRun = null;
        setRunning(false);
        break;
      }
    }
  };

  // ---- the transport ----------------------------------------------------------------------------------
  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/sessions/${sessionId}`;
  // the resumeToken is kept per session (and clientId) in sessionStorage, so only this tab holds it
  const tokenKey = `tandem.resume.${sessionId}.${clientId}`;
  const transport: Transport = new Transport(wsUrl, clientId, myName, {
    welcome(w: Welcome) {
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
          Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (run(), true) }])),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, indentWithTab]),
          languageConf.of(languageSupport(w.language)),
          oneDark,
          EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" }, ".cm-content": { paddingTop: "16px" } }),
          EditorView.contentAttributes.of({ "aria-label": "Code editor" }),
          collab({ startVersion: w.version, clientID: clientId }),
          remoteCursors(),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) transport.localChange();
            if (u.selectionSet || (u.docChanged && u.view.hasFocus)) schedulePresence();
          }),
        ],
      });
      editorHost.replaceChildren();
      view = new EditorView({ state, parent: editorHost });
      transport.attach(view);
      // a small handle for the end-to-end tests (and for poking around in the console)
      (window as any).tandem = {
        view,
        transport,
        clientId,
        text: () => view!.state.doc.toString(),
        version: () => getSyncedVersion(view!.state),
        pending: () => sendableUpdates(view!.state).length,
        cursors: () => remoteCursorList(view!),
      };
      view.focus();
    },
    state(s, detail) {
      connEl.textContent = STATE_LABEL[s];
      connEl.dataset.state = s;
      if (s === "connected") {
        everConnected = true;
        showBanner(null);
      } else if (s === "offline") {
        showBanner("You are offline. Keep editing: your changes are kept and sync when the connection is back.", "warn");
      } else if (s === "reconnecting") {
        showBanner(
          everConnected
            ? "Connection lost. Reconnecting… your edits are kept."
            : "Cannot reach the Tandem server. Retrying…",
          "warn",
        );
      } else if (s === "gone") {
        showBanner(detail ?? "This session does not exist.", "error");
        editorHost.replaceChildren(
          h("div.placeholder", {}, "This session does not exist or has expired. ", h("a", { href: "#/" }, "Create a new one")),
        );
        runBtn.disabled = true;
      }
    },
    reload(reason) {
      showBanner(reason, "info");
      setTimeout(() => location.reload(), 1200);
    },
    message(msg) {
      switch (msg.type) {
        case "welcome": {
          participants.clear();
          for (const p of msg.participants ?? []) participants.set(p.clientId, p);
          const me = participants.get(clientId);
          if (me) myColor = me.color;
          upsertPerson({ clientId, name: myName, color: myColor });
          titleEl.textContent = msg.title || "Untitled";
          document.title = `${msg.title || "Untitled"} · Tandem`;
          langEl.textContent = displayName(msg.language);
          schedulePresence();
          break;
        }
        case "joined":
          upsertPerson(msg);
          schedulePresence(); // presence is not stored: the newcomer needs ours
          break;
        case "left":
          participants.delete(msg.clientId);
          pendingPresence.delete(msg.clientId);
          renderPeople();
          view?.dispatch({ effects: removeRemoteCursor.of(msg.clientId) });
          break;
        case "presence": {
          if (msg.clientId === clientId) break;
          const known = participants.get(msg.clientId);
          if (!known || known.name !== msg.name || known.color !== msg.color) {
            upsertPerson({ clientId: msg.clientId, name: msg.name, color: msg.color });
            view?.dispatch({ effects: renameRemote.of({ clientId: msg.clientId, name: msg.name, color: msg.color }) });
          }
          if (applyPresence(msg)) pendingPresence.delete(msg.clientId);
          else pendingPresence.set(msg.clientId, msg);
          break;
        }
        case "synced":
          for (const [id, p] of pendingPresence) if (applyPresence(p)) pendingPresence.delete(id);
          break;
        case "error":
          if (msg.ref === "submit") {
            problemPanel?.error(msg.code, msg.message ?? "");
          } else if (msg.ref === "run") {
            if (startTimer) clearTimeout(startTimer);
            setRunning(false);
            setStatus(`Run not started (${msg.code})`, "error");
            appendConsole(
              h(
                "div.console-error",
                { "data-code": msg.code, "data-testid": "run-error" },
                h("strong", {}, RUN_ERRORS[msg.code] ?? "The run could not start."),
                h("div.console-error-detail", {}, `${msg.code}${msg.message ? ` — the server says: ${msg.message}` : ""}`),
              ),
            );
          } else if (msg.code !== "RATE_LIMITED") {
            showBanner(`Server error ${msg.code}: ${msg.message ?? ""}`, "error");
          }
          break;
        default:
          if (isSubmissionEvent(msg)) {
            if (problemPanel) problemPanel.onEvent(msg);
            else earlySubmissionEvents.push(msg);
          } else if (isRunEvent(msg)) {
            if (msg.type === "run.queued" && startTimer) clearTimeout(startTimer);
            onRunEvent(msg);
          }
      }
    },
  }, tokenKey);

  // ---- the problem, when the session was opened on one ----------------------------------------------------
  getSession(sessionId)
    .then((info) => (info.problem ? getProblem(info.problem) : null))
    .then((problem) => {
      if (!problem) return;
      problemPanel = new ProblemPanel(problem, (m) => transport.send(m), personName);
      problemHost.replaceChildren(problemPanel.el);
      for (const m of earlySubmissionEvents.splice(0)) problemPanel.onEvent(m);
    })
    .catch(() => {
      /* no problem panel: the session works as a free one */
    });

  // ---- copy link --------------------------------------------------------------------------------------
  copyBtn.addEventListener("click", async () => {
    const link = `${location.origin}/#/s/${sessionId}`;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      const tmp = h("input", { value: link });
      document.body.append(tmp);
      tmp.select();
      document.execCommand("copy");
      tmp.remove();
    }
    copyBtn.textContent = "Copied ✓";
    setTimeout(() => (copyBtn.textContent = "Copy link"), 1500);
  });

  return () => {
    transport.destroy();
    window.removeEventListener("keydown", onGlobalKey);
    view?.destroy();
    delete (window as any).tandem;
  };
}
