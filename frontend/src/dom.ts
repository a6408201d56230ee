type Attrs = Record<string, string | number | boolean | ((e: any) => void) | undefined>;

type TagOf<S extends string> = S extends `${infer T}.${string}` ? TagOf<T> : S extends `${infer T}#${string}` ? T : S;
type ElementOf<S extends string> = TagOf<S> extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[TagOf<S>] : HTMLElement;

/** Tiny element builder: h("button.primary", {onclick}, "Run"), h("input#name", {value}). */
export function h<S extends string>(
  spec: S,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): ElementOf<S> {
  const [tagAndId, ...classes] = spec.split(".");
  const [tag, id] = tagAndId.split("#");
  const el = document.createElement(tag) as ElementOf<S>;
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(" ");
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value") (el as any).value = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function randomId(bytes = 9): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return btoa(String.fromCharCode(...a)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const NAME_KEY = "tandem.name";
export function storedName(): string {
  let name = localStorage.getItem(NAME_KEY);
  if (!name) {
    name = `Guest ${Math.floor(100 + Math.random() * 900)}`;
    localStorage.setItem(NAME_KEY, name);
  }
  return name;
}
export function storeName(name: string) {
  localStorage.setItem(NAME_KEY, name);
}
