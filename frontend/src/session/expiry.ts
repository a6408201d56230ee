// When the sign-in ends (identity on, docs/security.md 8b): the server closes the connection at the token's
// expiry (4401, or the HTTP transport's 401), and the client stops reconnecting (state "unauthorized"). The page
// keeps what was typed, read-only, says why in an alert and offers to sign in again; with a new token the same
// participant connects again and the edits that were not confirmed are sent.
import type { EditorView } from "@codemirror/view";
import { h } from "../dom";
import { askToSignIn } from "../auth";
import { setEditorReadOnly } from "./editor";

export const EXPIRED_MESSAGE = "Your sign-in has expired. Sign in again to keep editing.";

export class SignInExpiry {
  private readonly signIn = h("button.small", { type: "button", "data-testid": "sign-in-again" }, "Sign in again");
  readonly el = h("div.banner", { role: "alert", hidden: true, "data-kind": "error", "data-testid": "signed-out" }, h("span", {}, EXPIRED_MESSAGE, " "), this.signIn);
  private active = false;

  /** `views`: every editor of the page; `resume`: connects again (once a new token is saved). */
  constructor(private readonly views: () => EditorView[], private readonly viewOnly: boolean, private readonly resume: () => void) {
    this.signIn.addEventListener("click", () => void askToSignIn("Your sign-in has expired."));
  }

  get expired() {
    return this.active;
  }

  /** The connection ended for want of a valid token: keep the text, stop typing, say so. */
  show() {
    this.active = true;
    for (const v of this.views()) setEditorReadOnly(v, true);
    this.el.hidden = false;
  }

  /** A new token was saved: edit again, and connect with it. */
  signedIn() {
    if (!this.active) return;
    this.active = false;
    this.el.hidden = true;
    for (const v of this.views()) setEditorReadOnly(v, this.viewOnly);
    this.resume();
  }
}
