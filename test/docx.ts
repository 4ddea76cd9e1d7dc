import { strFromU8, unzipSync } from 'fflate';

/** The text of a .docx, one paragraph a line: unzipped, `word/document.xml` read run by run. */
export function docxText(content: Buffer): string {
  const files = unzipSync(new Uint8Array(content));
  const xml = strFromU8(files['word/document.xml']!);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join(''))
    .filter((line) => line !== '')
    .join('\n');
}

/** The first line holding every one of the words. */
export const lineWith = (text: string, ...words: string[]) =>
  text.split('\n').find((l) => words.every((w) => l.includes(w)));
