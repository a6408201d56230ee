import { ApiError, createSession, getLanguages, getProblems } from "./api";
import { h } from "./dom";
import { FALLBACK_LANGUAGES, STARTER, type Language } from "./languages";
import { askToSignIn, authToken, setAuthToken } from "./auth";
import { saveOwnership } from "./owner";

/** A session id from a pasted link ("http://host/#/s/ID") or a bare id. */
export function parseSessionRef(text: string): string | null {
  const t = text.trim();
  const m = t.match(/\/s\/([A-Za-z0-9_-]{4,})/) ?? t.match(/^([A-Za-z0-9_-]{4,})$/);
  return m ? m[1] : null;
}

export function renderLanding(root: HTMLElement) {
  document.title = "Tandem";
  const error = h("p.form-error", { role: "alert", "data-testid": "landing-error" });
  const language = h("select#language", { "data-testid": "language" });
  const title = h("input#title", { placeholder: "Untitled", maxlength: 120, autocomplete: "off" });
  const code = h("textarea#starter.code-input", { rows: 10, spellcheck: "false", "data-testid": "starter" });
  const problem = h("select#problem", { "data-testid": "problem-picker" }, h("option", { value: "" }, "None (free session)"));
  getProblems().then((list) =>
    problem.append(...list.map((p) => h("option", { value: p.slug }, `${p.title} (${p.difficulty})`))),
  );
  let codeEdited = false;
  code.addEventListener("input", () => (codeEdited = code.value !== ""));

  const fillLanguages = (list: Language[]) => {
    const current = language.value || "python";
    language.replaceChildren(
      ...list.map((l) =>
        h(
          "option",
          { value: l.id, disabled: l.available === false },
          `${l.name}${l.version ? ` ${l.version}` : ""}${l.available === false ? " (unavailable)" : ""}`,
        ),
      ),
    );
    language.value = list.some((l) => l.id === current) ? current : list[0].id;
    if (!codeEdited) code.value = STARTER[language.value] ?? "";
  };
  fillLanguages(FALLBACK_LANGUAGES);
  getLanguages().then(fillLanguages);
  language.addEventListener("change", () => {
    if (!codeEdited) code.value = STARTER[language.value] ?? "";
  });

  const create = h("button.primary", { type: "submit", "data-testid": "create" }, "Create session");
  const form = h(
    "form.card",
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        error.textContent = "";
        create.disabled = true;
        try {
          // with a problem and untouched code, the session starts from the problem's starter code
          const s = await createSession(language.value, title.value, problem.value && !codeEdited ? "" : code.value, problem.value || undefined);
          // the creator keeps the owner token and the view link (the Share menu, Remove, Close session)
          saveOwnership({ editLink: s.editLink ?? s.id, viewLink: s.viewLink, ownerToken: s.ownerToken });
          location.hash = `#/s/${s.id}`;
        } catch (err) {
          error.textContent = describe(err);
          if (err instanceof ApiError && err.status === 401 && (await askToSignIn())) form.requestSubmit();
        } finally {
          create.disabled = false;
        }
      },
    },
    h("h2", {}, "New session"),
    h("label", { for: "language" }, "Language"),
    language,
    h("label", { for: "problem" }, "Problem ", h("span.muted", {}, "(optional)")),
    problem,
    h("label", { for: "title" }, "Title ", h("span.muted", {}, "(optional)")),
    title,
    h("label", { for: "starter" }, "Starter code ", h("span.muted", {}, "(optional)")),
    code,
    h("div.row", {}, create),
  );

  const ref = h("input#ref", { placeholder: "Paste a link or a session id", autocomplete: "off", "data-testid": "open-ref" });
  const openError = h("p.form-error", { role: "alert" });
  const open = h(
    "form.card",
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        const id = parseSessionRef(ref.value);
        if (!id) {
          openError.textContent = "That is not a Tandem link or session id.";
          return;
        }
        location.hash = `#/s/${id}`;
      },
    },
    h("h2", {}, "Join a session"),
    h("label", { for: "ref" }, "Link or id"),
    ref,
    openError,
    h("div.row", {}, h("button", { type: "submit" }, "Open")),
  );

  root.append(
    h(
      "div.landing",
      {},
      h(
        "header.landing-head",
        {},
        h("h1", {}, h("span.logo", {}, "⌘"), " Tandem"),
        h("p.muted", {}, "Write and run code together, in real time."),
        authToken() ? h("button.small", { type: "button", "data-testid": "sign-out", onclick: () => (setAuthToken(null), location.reload()) }, "Sign out") : null,
      ),
      h("div.landing-grid", {}, h("div", {}, form, error), open),
    ),
  );
  language.focus();
}

export function describe(err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? err.message : `${err.message || "Request failed"} (${err.code})`;
  return String(err);
}
