import "./style.css";
import { renderLanding } from "./landing";
import { renderSession } from "./session";
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
  else if (m) cleanup = renderSession(app, m[1]);
  else renderLanding(app);
}

window.addEventListener("hashchange", route);
route();
