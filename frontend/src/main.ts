import "./style.css";
import { renderLanding } from "./landing";
import { renderSession } from "./session";
import { takeTokenFromLocation } from "./auth";
import "./theme";
import { renderPlayback } from "./playback/view";

const app = document.getElementById("app")!;
let cleanup: (() => void) | null = null;

/** Hash routes: "#/" landing, "#/s/{id}" a session, "#/s/{id}/playback" its playback. Quarkus only has to serve index.html at "/". */
function route() {
  cleanup?.();
  cleanup = null;
  app.replaceChildren();
  const playback = location.hash.match(/^#\/s\/([A-Za-z0-9_-]+)\/playback/);
  const m = location.hash.match(/^#\/s\/([A-Za-z0-9_-]+)/);
  if (playback) cleanup = renderPlayback(app, playback[1]);
  // "#/s/{link}?view": a read-only link, opened as the view-only editor
  else if (m) cleanup = renderSession(app, m[1], /^#\/s\/[A-Za-z0-9_-]+\?(.*&)?view(&|=|$)/.test(location.hash));
  else renderLanding(app);
}

takeTokenFromLocation(); // a login hook's redirect to /#token=<jwt>
window.addEventListener("hashchange", route);
route();
