/**
 * An Atom feed (RFC 4287) as text. The feed carries what §4.1.1 requires — exactly one `id`,
 * `title` and `updated`, an `author` (so entries need none), `link rel="self"` — and each entry its
 * `id`, `title`, `updated`, a `link rel="alternate"` to its page and a text `summary`. Every value is
 * escaped, and characters XML 1.0 cannot carry at all are dropped.
 */
export interface AtomEntry {
  /** A permanent IRI, e.g. `urn:uuid:…`. */
  id: string;
  title: string;
  /** RFC 3339 instants. */
  updated: string;
  published: string;
  link: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  updated: string;
  selfLink: string;
  alternateLink: string;
  authorName: string;
  entries: readonly AtomEntry[];
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

export function atomFeed(f: AtomFeed): string {
  const entries = f.entries.map(
    (e) =>
      `<entry>${el('id', e.id)}${el('title', e.title)}${el('updated', e.updated)}${el('published', e.published)}` +
      `<link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>` +
      `<summary type="text">${escapeXml(e.summary)}</summary></entry>\n`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n` +
    `${el('id', f.id)}${el('title', f.title)}${el('subtitle', f.subtitle)}${el('updated', f.updated)}\n` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(f.selfLink)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(f.alternateLink)}"/>\n` +
    `<author>${el('name', f.authorName)}</author>\n` +
    entries.join('') +
    `</feed>\n`
  );
}
