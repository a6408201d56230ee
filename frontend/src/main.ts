import "./style.css";
import { renderLanding } from "./landing";
import { renderSession } from "./session";

const app = document.getElementById("app")!;
let cleanup: (() => void) | null = null;

/** Hash routes: "#/" landing, "#/s/{id}" a session. Quarkus only has to serve index.html at "/". */
function route() {
  cleanup?.();
  cleanup = null;
  app.replaceChildren();
  const m = location.hash.match(/^#\/s\/([A-Za-z0-9_-]+)/);
  if (m) cleanup = renderSession(app, m[1]);
  else renderLanding(app);
}

window.addEventListener("hashchange", route);
route();
