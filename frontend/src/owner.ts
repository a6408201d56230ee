// What the creator of a session keeps: the owner token and both links, in this browser's localStorage per session
// (keyed by the edit link), so the Share menu, Remove, Rotate links and Close session work after a reload.
import type { Links } from "./api";

export interface Ownership {
  editLink: string;
  viewLink: string;
  ownerToken: string;
}

const key = (editLink: string) => `tandem.owner.${editLink}`;

export function saveOwnership(o: Ownership) {
  try {
    localStorage.setItem(key(o.editLink), JSON.stringify(o));
  } catch {
    /* storage disabled: the owner's controls last as long as the page */
  }
}

export function ownershipOf(link: string): Ownership | null {
  try {
    const raw = localStorage.getItem(key(link));
    const o = raw ? JSON.parse(raw) : null;
    return o && typeof o.ownerToken === "string" && typeof o.viewLink === "string" ? (o as Ownership) : null;
  } catch {
    return null;
  }
}

/** After a rotation the old edit link grants nothing: the record moves to the new one. */
export function rotated(old: Ownership, links: Links): Ownership {
  const next = { editLink: links.editLink, viewLink: links.viewLink, ownerToken: old.ownerToken };
  try {
    localStorage.removeItem(key(old.editLink));
  } catch {
    /* ignore */
  }
  saveOwnership(next);
  return next;
}

export function forget(link: string) {
  try {
    localStorage.removeItem(key(link));
  } catch {
    /* ignore */
  }
}
