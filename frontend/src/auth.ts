// Signing in when the server has identity on (tandem.auth.enabled, docs/security.md): the IDE keeps one bearer
// token (a JWT from the deployment's identity provider) and passes it the way the server accepts it, as
// `Authorization: Bearer` on REST and as the WebSocket subprotocols ["bearer", jwt] on the socket (browsers cannot
// set headers on a WebSocket; the subprotocol, unlike ?access_token=, stays out of proxy logs).
//
// Login hook: a login page (or the identity provider's redirect) hands the IDE its token with
//   - `window.tandemSignIn(jwt)` from a script on the same origin, or
//   - a redirect to `/#token=<jwt>` (read once, then removed from the address bar), or
//   - the "Sign in" dialog, where a person pastes it.
// The token lives in localStorage ("tandem.token"); "Sign out" forgets it.
import type { WebSocketConstructor } from "@tandem/client";
import { h } from "./dom";

const TOKEN_KEY = "tandem.token";
const listeners = new Set<() => void>();

export function authToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setAuthToken(token: string | null) {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token.trim());
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: nothing kept */
  }
  for (const l of listeners) l();
}

/** Called when the token changes (to reconnect with it). */
export function onAuthChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The Authorization header for REST calls, when signed in. */
export function authHeaders(): Record<string, string> {
  const token = authToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * A WebSocket constructor that offers the current token as subprotocols (the server answers "bearer"); it reads
 * the token at every connect, so a reconnect after signing in again uses the new one.
 */
export const AuthWebSocket = class extends WebSocket {
  constructor(url: string) {
    const token = authToken();
    if (token) super(url, ["bearer", token]);
    else super(url);
  }
} as unknown as WebSocketConstructor;

/** Reads a token handed over in the address (`#token=...` or `...&token=...`) once and removes it. */
export function takeTokenFromLocation() {
  const m = location.hash.match(/[#&?]token=([A-Za-z0-9._~+/=-]+)/);
  if (!m) return;
  setAuthToken(decodeURIComponent(m[1]));
  const rest = location.hash.replace(/[#&?]token=[^&]*/, "").replace(/^#?&/, "#");
  history.replaceState(null, "", rest && rest !== "#" ? rest : "#/");
}

let dialog: HTMLDialogElement | null = null;

/**
 * The "Sign in" dialog: asks for a token after the server answered 401. Resolves once a token is saved
 * (the caller retries) or with false when closed without one.
 */
export function askToSignIn(reason = "This Tandem server requires signing in."): Promise<boolean> {
  dialog?.remove();
  const field = h("textarea#auth-token.code-input", { rows: 4, spellcheck: "false", autocomplete: "off", "data-testid": "auth-token" }) as HTMLTextAreaElement;
  const save = h("button.primary", { type: "submit", "data-testid": "auth-save" }, "Sign in");
  const cancel = h("button", { type: "button" }, "Cancel");
  const d = h(
    "dialog.modal",
    { "aria-labelledby": "auth-title", "data-testid": "auth-dialog" },
    h(
      "form",
      { method: "dialog" },
      h("h2#auth-title", {}, "Sign in"),
      h("p", {}, reason, " Paste the access token (JWT) your organisation's login gives you."),
      h("label", { for: "auth-token" }, "Access token"),
      field,
      h("div.row", {}, cancel, save),
    ),
  ) as HTMLDialogElement;
  dialog = d;
  document.body.append(d);
  return new Promise((done) => {
    let saved = false;
    d.querySelector("form")!.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!field.value.trim()) return field.focus();
      saved = true;
      setAuthToken(field.value);
      d.close();
    });
    cancel.addEventListener("click", () => d.close());
    d.addEventListener("close", () => {
      d.remove();
      if (dialog === d) dialog = null;
      done(saved);
    });
    d.showModal();
    field.focus();
  });
}

(window as any).tandemSignIn = (token: string) => setAuthToken(token);
