// Light and dark: follows the system setting (prefers-color-scheme) until the person picks one with the toggle,
// which is remembered in localStorage ("tandem.theme"). The page's colours are CSS variables switched by
// <html data-theme>; the editor swaps its CodeMirror theme through onThemeChange.
import { h } from "./dom";

export type Theme = "light" | "dark";
const KEY = "tandem.theme";
const media = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: light)") : null;
const listeners = new Set<(t: Theme) => void>();

function chosen(): Theme | null {
  try {
    const t = localStorage.getItem(KEY);
    return t === "light" || t === "dark" ? t : null;
  } catch {
    return null;
  }
}

export function currentTheme(): Theme {
  return chosen() ?? (media?.matches ? "light" : "dark");
}

function apply() {
  const t = currentTheme();
  document.documentElement.dataset.theme = t;
  for (const l of listeners) l(t);
}

export function onThemeChange(listener: (t: Theme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setTheme(t: Theme) {
  try {
    localStorage.setItem(KEY, t);
  } catch {
    /* not remembered */
  }
  apply();
}

/** A button that switches between light and dark (its label says what pressing it does). */
export function themeToggle(): HTMLButtonElement {
  const btn = h("button.small.theme-toggle", { type: "button", "data-testid": "theme-toggle" }) as HTMLButtonElement;
  const label = () => {
    const next = currentTheme() === "dark" ? "light" : "dark";
    btn.textContent = next === "light" ? "Light theme" : "Dark theme";
    btn.setAttribute("aria-label", `Switch to the ${next} theme`);
    btn.setAttribute("aria-pressed", String(currentTheme() === "light"));
  };
  btn.addEventListener("click", () => setTheme(currentTheme() === "dark" ? "light" : "dark"));
  onThemeChange(label);
  label();
  return btn;
}

media?.addEventListener("change", () => {
  if (!chosen()) apply();
});
apply();
