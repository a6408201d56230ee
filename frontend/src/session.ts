// The session page: lays out the editor, console, Run, problem and People panels (each in ./session/) and
// wires them to one @tandem/client TandemClient, which does the socket, sync and presence mapping.
import type { EditorView } from "@codemirror/view";
import { getSyncedVersion, sendableUpdates } from "@codemirror/collab";
import { TandemClient, isFileEvent, isRunEvent, isSubmissionEvent, type Connectivity, type TokenStore, type TransportMessage, type WelcomeMessage } from "@tandem/client";

import { h, randomId } from "./dom";
import { remoteCursorList } from "./cursors";
import { createEditor, setEditorTheme } from "./session/editor";
import { ApiError, getSession, removeParticipant } from "./api";
import { askToSignIn, onAuthChange } from "./auth";
import { ownershipOf } from "./owner";
import { onThemeChange, themeToggle } from "./theme";
import { describe } from "./landing";
import { ShareMenu, sessionUrl } from "./session/share";
import { ShortcutsHelp } from "./session/help";
import { LanguagePicker } from "./session/language-picker";
import { People } from "./session/people";
import { Presence } from "./session/presence";
import { RunConsole } from "./session/console";
import { InteractiveControls } from "./session/interactive";
import { ProblemSlot } from "./session/problem-slot";
import { ConnectionStatus } from "./session/connection";
import { TRANSPORT_LABEL, sessionTransport } from "./session/transport";
import { FileTree, languageOfPath, onFileEvent } from "./session/files";
import { EditorTabs } from "./session/tabs";
import { Follow } from "./session/follow";
import { Toasts } from "./session/toast";
import { SignInExpiry } from "./session/expiry";
import { fileNameOf } from "./languages";

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

/** `viewOnly`: opened with a read-only link (`#/s/{viewLink}?view`): no typing, no Run or Submit. */
export function renderSession(root: HTMLElement, sessionId: string, viewOnly = false): () => void {
  const clientId = randomId(); // fresh per page load: seq restarts at 1 with it
  let view: EditorView | null = null;
  const ownership = viewOnly ? null : ownershipOf(sessionId);

  const titleEl = h("h1.session-title", { "data-testid": "title" }, "…");
  const viewBadge = viewOnly ? h("span.badge.view-only", { "data-testid": "view-only", title: "You opened a read-only link: you can watch, not edit or run" }, "View only") : null;
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
    // WebSocket first, then SSE, then long polling; each carries the token when signed in (identity on)
    WebSocket: sessionTransport((mode) => status.transport(TRANSPORT_LABEL[mode])),
    tokens: sessionStorageTokens(`tandem.resume.${sessionId}.${clientId}`),
    mainFileOf: fileNameOf,
    events: {
      welcome(w) {
        firstWelcome = w;
        view = createEditor(
          tabs.mainPanel(),
          w,
          clientId,
          {
            run: () => runs.run(),
            docChanged: () => client.localChange(),
            selectionMoved: () => presence.schedule(),
          },
          viewOnly,
        );
        client.attach(view);
        tabs.adoptMain(view, view.dom.parentElement!);
        presence.attach(tabs);
        // a small handle for the end-to-end tests (and for poking around in the console)
        (window as any).tandem = {
          view,
          transport: client,
          clientId,
          text: () => view!.state.doc.toString(),
          version: () => getSyncedVersion(view!.state),
          pending: () => sendableUpdates(view!.state).length,
          cursors: () => remoteCursorList(view!),
          // v1.1 several files: what each file holds here, and which one is in the editor
          files: () => client.files().map((f) => ({ path: f.path, main: f.main, text: client.file(f.path)?.state?.doc.toString(), version: client.file(f.path)?.version, pending: client.file(f.path)?.pending })),
          activeFile: () => tabs.active?.doc.path ?? null,
          viewOf: (path: string) => tabs.viewOf(path),
        };
        view.focus();
      },
      state(s, detail) {
        status.state(s, detail);
        if (s === "unauthorized") expiry.show(); // token expired: no reconnects; the text stays, read-only
        if (s === "gone") {
          // removed (4403) or closed (4404): say which, and stay disconnected (the client does not reconnect)
          editorHost.replaceChildren(
            h("div.placeholder", { role: "alert", "data-testid": "gone" }, `${detail ?? "This session does not exist or has expired."} `, h("a", { href: "#/" }, "Create a new session")),
          );
          for (const v of tabs.views()) v.destroy();
          view = null;
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
  // several files (v1.1): a tab and an editor per opened file, the file tree, following people between files
  let firstWelcome: WelcomeMessage | null = null;
  const editorHooks = {
    run: () => runs.run(),
    docChanged: () => client.localChange(),
    selectionMoved: () => presence.schedule(),
  };
  const tabs = new EditorTabs(client, editorHost, (parent, path, snap) =>
    createEditor(parent, { ...firstWelcome!, content: snap.content, version: snap.version, language: languageOfPath(path) ?? languages.language }, clientId, editorHooks, viewOnly),
  );
  const toasts = new Toasts();
  const expiry = new SignInExpiry(() => tabs.views(), viewOnly, () => client.resume());
  const tree = new FileTree(client, { open: (path) => void tabs.openFile(path), isActive: (path) => tabs.isActive(path), notify: (text, kind, code) => toasts.show(text, kind, code) }, viewOnly);
  const presence = new Presence(client, people);
  const follow = new Follow(clientId, { whereIs: (id) => presence.whereIs(id), open: (path) => tabs.openFile(path, false), refresh: () => people.refresh() });
  people.decorate = follow.decorate;
  presence.onLocation = (id) => follow.moved(id);
  tabs.onActivate = () => {
    tree.render();
    presence.redraw();
    presence.schedule(); // our cursor is in this file now
  };
  const runs = new RunConsole(client, people.nameOf);
  if (viewOnly) runs.disable();
  const problem = new ProblemSlot(problemHost, sessionId, (m) => client.send(m), people.nameOf, { viewOnly, runWith: (stdin) => runs.runWith(stdin) });
  const languages = new LanguagePicker(client, () => view, (text) => status.show(text, "info"), viewOnly);
  const share = new ShareMenu({ link: sessionId, viewOnly, ownership, notify: (text, kind) => status.show(text, kind) });
  const help = new ShortcutsHelp();
  if (ownership) {
    people.onRemove = async (p) => {
      if (!confirm(`Remove ${p.name} from the session? They are disconnected at once.`)) return;
      try {
        await removeParticipant(ownership.editLink, p.clientId, ownership.ownerToken);
      } catch (err) {
        status.show(`Could not remove ${p.name}: ${describe(err)}`, "error");
      }
    };
    people.refresh();
  }
  const stopTheme = onThemeChange((t) => tabs.views().forEach((v) => setEditorTheme(v, t)));
  // identity on: a REST 401 means this browser must sign in; with a new token the page starts again with it
  // (after the sign-in expired, the same editors connect again instead, keeping what was not sent: ./session/expiry.ts)
  const stopAuth = onAuthChange(() => (expiry.expired ? expiry.signedIn() : location.reload()));
  getSession(sessionId).catch(async (err) => {
    if (err instanceof ApiError && err.status === 401) await askToSignIn();
  });
  const interactive = new InteractiveControls(client);
  runs.interactive = () => interactive.interactive;
  runs.colorOf = (id) => people.get(id)?.color;
  runs.el.append(interactive.inputLine);

  onMessage = (msg) => {
    switch (msg.type) {
      case "welcome":
        people.welcome(msg);
        titleEl.textContent = msg.title || "Untitled";
        document.title = `${msg.title || "Untitled"} · Tandem`;
        languages.welcome(msg.language);
        tree.supported(Array.isArray(msg.files));
        tree.render();
        tabs.refresh();
        presence.schedule();
        break;
      case "joined":
        people.upsert(msg);
        presence.schedule(); // presence is not stored: the newcomer needs ours
        break;
      case "left":
        people.remove(msg.clientId);
        presence.left(msg.clientId);
        follow.left(msg.clientId);
        break;
      case "presence":
        presence.received(msg);
        follow.cursorMoved(msg.clientId);
        break;
      case "synced":
        presence.synced();
        break;
      case "language":
        languages.changed(msg);
        tree.render(); // the main file's name follows the language
        tabs.refresh();
        break;
      case "error":
        if (msg.ref === "push" && msg.code === "FORBIDDEN" && !viewOnly) {
          // a read-only link opened as an edit link: reopen it view-only instead of letting the text diverge
          location.replace(sessionUrl(sessionId, true)); // the hash changes: the page is rendered again, view-only
          break;
        }
        if (msg.ref === "language") {
          languages.refused();
          status.show(`The language did not change (${msg.code}): ${msg.message ?? ""}`, "error");
        }
        else if (msg.ref === "submit") problem.error(msg.code, msg.message ?? "");
        else if (msg.ref === "run") runs.onError(msg);
        else if (msg.ref === "run.input" || msg.ref === "run.eof" || msg.ref === "run.cancel") interactive.onError(msg);
        else if ((msg.ref?.startsWith("file.") || msg.file !== undefined) && msg.code !== "RATE_LIMITED") tree.onError(msg); // the client retries a rate-limited push
        else if (msg.code !== "RATE_LIMITED") status.show(`Server error ${msg.code}: ${msg.message ?? ""}`, "error");
        break;
      default:
        if (isFileEvent(msg)) {
          onFileEvent(msg, { tree, tabs, toasts, me: clientId });
          presence.redraw();
          people.refresh();
        } else if (isSubmissionEvent(msg)) problem.onEvent(msg);
        else if (isRunEvent(msg)) {
          runs.onEvent(msg);
          interactive.onEvent(msg);
        }
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

  root.append(
    h(
      "div.session",
      {},
      h(
        "header.topbar",
        {},
        h("a.home", { href: "#/", title: "New session" }, h("span.logo", {}, "⌘"), " Tandem"),
        titleEl,
        languages.el,
        viewBadge,
        h("span.spacer"),
        status.badge,
        h("a.button", { href: `#/s/${sessionId}/playback`, title: "Replay the session's history", "data-testid": "playback-link" }, "Playback"),
        share.el,
        help.button,
        themeToggle(),
      ),
      help.el,
      status.banner,
      expiry.el,
      toasts.el,
      h(
        "div.workspace",
        {},
        h("main.left", {}, h("div.editor-area", {}, tree.el, h("div.editor-column", {}, tabs.el, editorHost)), runs.el),
        h(
          "aside.sidebar",
          {},
          problemHost,
          h(
            "section",
            { "aria-labelledby": "run-title" },
            h("h2#run-title", {}, "Run"),
            h("label", { for: "stdin" }, "Standard input"),
            runs.stdinEl,
            runs.runBtn,
            h("div.run-controls", {}, interactive.toggle, interactive.stopBtn),
            h("p.hint", {}, h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"), " runs from anywhere. In the editor, ", h("kbd", {}, "Esc"), " then ", h("kbd", {}, "Tab"), " leaves it."),
          ),
          h("section", { "aria-labelledby": "people-title" }, h("h2#people-title", {}, "People"), h("label", { for: "my-name" }, "Your name"), people.nameInput, people.list),
        ),
      ),
    ),
  );

  return () => {
    client.destroy();
    share.destroy();
    help.destroy();
    stopTheme();
    stopAuth();
    presence.destroy();
    toasts.destroy();
    runs.destroy();
    window.removeEventListener("keydown", onGlobalKey);
    for (const v of tabs.views()) v.destroy();
    delete (window as any).tandem;
  };
}
