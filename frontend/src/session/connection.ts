// The connection badge and the banner: what the client's state means for the person editing.
import type { ConnState } from "@tandem/client";
import { h } from "../dom";

const STATE_LABEL: Record<ConnState, string> = {
  connecting: "connecting…",
  connected: "connected",
  reconnecting: "reconnecting…",
  offline: "offline",
  gone: "session not found",
  unauthorized: "signed out",
};

export class ConnectionStatus {
  readonly badge = h("span.conn", { "data-testid": "conn-state", "data-state": "connecting", role: "status" }, STATE_LABEL.connecting);
  readonly banner = h("div.banner", { role: "alert", hidden: true, "data-testid": "banner" });
  private everConnected = false;
  private transportLabel = "";
  private current: ConnState = "connecting";

  /** Which transport is in use (WebSocket, SSE, long polling): shown in the badge beside the state. */
  transport(label: string) {
    this.transportLabel = label;
    this.badge.dataset.transport = label;
    this.badge.textContent = this.label(this.current);
  }

  private label(s: ConnState) {
    return this.transportLabel && s === "connected" ? `${STATE_LABEL[s]} · ${this.transportLabel}` : STATE_LABEL[s];
  }

  show(text: string | null, kind: "warn" | "error" | "info" = "warn") {
    this.banner.hidden = !text;
    this.banner.textContent = text ?? "";
    this.banner.dataset.kind = kind;
  }

  state(s: ConnState, detail?: string) {
    this.current = s;
    this.badge.textContent = this.label(s);
    this.badge.dataset.state = s;
    if (s === "connected") {
      this.everConnected = true;
      this.show(null);
    } else if (s === "offline") {
      this.show("You are offline. Keep editing: your changes are kept and sync when the connection is back.", "warn");
    } else if (s === "reconnecting") {
      this.show(this.everConnected ? "Connection lost. Reconnecting… your edits are kept." : "Cannot reach the Tandem server. Retrying…", "warn");
    } else if (s === "gone") {
      this.show(detail ?? "This session does not exist.", "error");
    } else if (s === "unauthorized") {
      this.show(null); // the sign-in alert (./expiry.ts) says why and what to do
    }
  }
}
