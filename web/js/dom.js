// DOM helpers. Every string from the API is inserted as text (textContent / text nodes),
// never parsed as HTML, and wrapped in a bidi-isolated element so right-to-left override
// characters inside scraped text cannot reorder the interface around it.

const ALLOWED_ATTRS = new Set(['class', 'id', 'href', 'dir', 'lang', 'title', 'role', 'type', 'name', 'value', 'placeholder', 'for', 'min', 'max', 'datetime', 'colspan', 'hidden', 'selected', 'tabindex', 'rel', 'target']);

/** h('p', {class: 'x', on: {click: fn}}, 'text', node, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    } else if (k.startsWith('aria-') || ALLOWED_ATTRS.has(k)) {
      if (k === 'href') el.setAttribute('href', String(v).startsWith('#') ? String(v) : safeHref(v) || '#');
      else el.setAttribute(k, v === true ? '' : String(v));
    } else {
      throw new Error(`attribute not allowed: ${k}`);
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** scraped text, isolated: <span dir="auto" class="bdi"> */
export function bidi(text, tag = 'span', cls = '') {
  return h(tag, { dir: 'auto', class: `bdi ${cls}`.trim() }, text ?? '');
}

/** only http(s) links leave the app */
export function safeHref(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** an external link (opens in a new tab, no referrer), or plain text when the URL is not http(s) */
export function externalLink(url, text) {
  const href = safeHref(url);
  if (!href || href.startsWith(location.origin)) return bidi(text ?? url ?? '');
  return h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'external' }, bidi(text ?? href));
}

/** text with the given ranges ({start, end, ...}) wrapped in <mark>; ranges sorted, non-overlapping */
export function marked(text, ranges, mark = (r) => ({ class: 'hit' })) {
  const frag = document.createDocumentFragment();
  let at = 0;
  const sorted = [...(ranges || [])].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    const s = Math.max(at, Math.min(text.length, r.start));
    const e = Math.max(s, Math.min(text.length, r.end));
    if (s > at) frag.append(document.createTextNode(text.slice(at, s)));
    if (e > s) frag.append(h('mark', mark(r), text.slice(s, e)));
    at = Math.max(at, e);
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

export const route = (...parts) => `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}
