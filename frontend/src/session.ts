// The session page: lays out the editor, console, Run, problem and People panels (each in ./session/) and
// wires them to one @tandem/client TandemClient, which does the socket, sync and presence mapping.
import type { EditorView } from "@codemirror/view";
import { getSyncedVersion, sendableUpdates } from "@codemirror/collab";
import { TandemClient, isRunEvent, isSubmissionEvent, type Connectivity, type TokenStore, type TransportMessage } from "@tandem/client";

import { h, randomId } from "./dom";
import { displayName } from "./languages";
import { getLanguages } from "./api";
import { remoteCursorList } from "./cursors";
import { createEditor } from "./session/editor";
import { People } from "./session/people";
import { Presence } from "./session/presence";
import { RunConsole } from "./session/console";
import { ProblemSlot } from "./session/problem-slot";
import { ConnectionStatus } from "./session/connection";

/** The browser's online/offline events, as hints for the client's reconnects. */
const browserConnectivity: Connectivity = {
  isOnline: () => navigator.onLine,
  watch(online, offline) {
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  },
};

/** The resumeToken in sessionStorage, per session and clientId, so only this tab holds it. */
function sessionStorageTokens(key: string): TokenStore {
  return {
    load() {
      try {
        return sessionStorage.getItem(key);
      } catch {
        return null; // storage disabled: the token lives in memory only
      }
    },
    save(token) {
      try {
        sessionStorage.setItem(key, token);
      } catch {
        /* storage disabled or full: the token lives in memory only */
      }
    },
  };
}

export function renderSession(root: HTMLElement, sessionId: string): () => void {
  const clientId = randomId(); // fresh per page load: seq restarts at 1 with it
  let view: EditorView | null = null;

  const titleEl = h("h1.session-title", { "data-testid": "title" }, "…");
  const langEl = h("span.badge", { "data-testid": "language-badge" }, "");
  const copyBtn = h("button", { type: "button", title: "Copy the link to this session", "data-testid": "copy-link" }, "Copy link");
  const editorHost = h("div.editor", { "data-testid": "editor" }, h("div.placeholder", {}, "Connecting to the session…"));
  const problemHost = h("div.problem-host", { "data-testid": "problem-host" });
  const status = new ConnectionStatus();

  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/sessions/${sessionId}`;
  // the parts need the client and the client's events need the parts: events go through `onMessage` below
  let onMessage: (msg: TransportMessage) => void = () => {};
  const people = new People(clientId, (name) => client.rejoin(name), () => view?.focus());
  const client: TandemClient = new TandemClient({
    url: wsUrl,
    clientId,
    name: people.name,
    connectivity: browserConnectivity,
    tokens: sessionStorageTokens(`tandem.resume.${sessionId}.${clientId}`),
    events: {
      welcome(w) {
        view = createEditor(editorHost, w, clientId, {
          run: () => runs.run(),
          docChanged: () => client.localChange(),
          selectionMoved: () => presence.schedule(),
        });
        client.attach(view);
        presence.attach(view);
        // a small handle for the end-to-end tests (and for poking around in the console)
        (window as any).tandem = {
          view,
          transport: client,
          clientId,
          text: () => view!.state.doc.toString(),
          version: () => getSyncedVersion(view!.state),
          pending: () => sendableUpdates(view!.state).length,
          cursors: () => remoteCursorList(view!),
        };
        view.focus();
      },
      state(s, detail) {
        status.state(s, detail);
        if (s === "gone") {
          editorHost.replaceChildren(h("div.placeholder", {}, "This session does not exist or has expired. ", h("a", { href: "#/" }, "Create a new one")));
          runs.disable();
        }
      },
      reload(reason) {
        status.show(reason, "info");
        setTimeout(() => location.reload(), 1200);
      },
      message: (msg) => onMessage(msg),
    },
  });
  const presence = new Presence(client, people);
  const runs = new RunConsole(client, people.nameOf);
  const problem = new ProblemSlot(problemHost, sessionId, (m) => client.send(m), people.nameOf);

  onMessage = (msg) => {
    switch (msg.type) {
      case "welcome":
        people.welcome(msg);
        titleEl.textContent = msg.title || "Untitled";
        document.title = `${msg.title || "Untitled"} · Tandem`;
        langEl.textContent = displayName(msg.language);
        void getLanguages().then(() => (langEl.textContent = displayName(msg.language))); // names of languages added as data
        presence.schedule();
        break;
      case "joined":
        people.upsert(msg);
        presence.schedule(); // presence is not stored: the newcomer needs ours
        break;
      case "left":
        people.remove(msg.clientId);
        presence.left(msg.clientId);
        break;
      case "presence":
        presence.received(msg);
        break;
      case "synced":
        presence.synced();
        break;
      case "error":
        if (msg.ref === "submit") problem.error(msg.code, msg.message ?? "");
        else if (msg.ref === "run") runs.onError(msg);
        else if (msg.code !== "RATE_LIMITED") status.show(`Server error ${msg.code}: ${msg.message ?? ""}`, "error");
        break;
      default:
        if (isSubmissionEvent(msg)) problem.onEvent(msg);
        else if (isRunEvent(msg)) runs.onEvent(msg);
    }
  };

  const onGlobalKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return; // the editor's own Mod-Enter binding already ran it
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runs.run();
    }
  };
  window.addEventListener("keydown", onGlobalKey);

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
        status.badge,
        copyBtn,
      ),
      status.banner,
      h(
        "div.workspace",
        {},
        h("main.left", {}, editorHost, runs.el),
        h(
          "aside.sidebar",
          {},
          problemHost,
          h(
            "section",
            {},
            h("h2", {}, "Run"),
            h("label", { for: "stdin" }, "Standard input"),
            runs.stdinEl,
            runs.runBtn,
            h("p.hint", {}, h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"), " runs from anywhere. In the editor, ", h("kbd", {}, "Esc"), " then ", h("kbd", {}, "Tab"), " leaves it."),
          ),
          h("section", {}, h("h2", {}, "People"), h("label", { for: "my-name" }, "Your name"), people.nameInput, people.list),
        ),
      ),
    ),
  );

  return () => {
    client.destroy();
    presence.destroy();
    runs.destroy();
    window.removeEventListener("keydown", onGlobalKey);
    view?.destroy();
    delete (window as any).tandem;
  };
}
