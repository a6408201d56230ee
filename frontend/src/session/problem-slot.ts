// The problem panel of a session opened on a problem: loaded over HTTP while the socket connects, so the
// submission events that arrive first (replayed after welcome) wait for it.
import type { ClientMessage, SubmissionEvent } from "@tandem/client";
import { getProblem, getSession } from "../api";
import { ProblemPanel } from "../problem";
import { SubmissionHistory } from "./history";

export class ProblemSlot {
  private panel: ProblemPanel | null = null;
  private history: SubmissionHistory | null = null;
  private readonly early: SubmissionEvent[] = [];

  constructor(
    host: HTMLElement,
    sessionId: string,
    send: (m: ClientMessage) => boolean,
    nameOf: (idOrName: string) => string,
    extras: { viewOnly?: boolean; runWith?: (stdin: string) => void } = {},
  ) {
    getSession(sessionId)
      .then((info) => (info.problem ? getProblem(info.problem) : null))
      .then((problem) => {
        if (!problem) return;
        this.panel = new ProblemPanel(problem, send, nameOf, extras);
        this.history = new SubmissionHistory(sessionId);
        host.replaceChildren(this.panel.el, this.history.el);
        for (const m of this.early.splice(0)) this.panel.onEvent(m);
      })
      .catch(() => {
        /* no problem panel: the session works as a free one */
      });
  }

  onEvent(msg: SubmissionEvent) {
    if (this.panel) this.panel.onEvent(msg);
    else this.early.push(msg);
    if (msg.type === "submission.queued" || msg.type === "submission.finished") this.history?.reload();
  }

  error(code: string, message: string) {
    this.panel?.error(code, message);
  }
}
