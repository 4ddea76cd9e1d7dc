/**
 * The search tokens of a public decision (DESIGN.md "Chinese search"): overlapping 2-grams of every
 * run of CJK characters (a run of one character is its own token) and lower-case ASCII words and
 * numbers. Written into `public_decisions.search_tokens` when a decision is published and indexed
 * by the database's plain word search (PostgreSQL `simple` tsvector, SQLite FTS5 `unicode61`), so a
 * query of two characters or more finds a decision on both databases. The portal makes a query's
 * tokens with `queryTokens`: a decision matches when it has every one of them.
 */

/** Han ideographs (basic, extensions, compatibility) and the CJK letters that sit among them. */
const CJK = /[\p{Script=Han}\u3005\u3007]/u;
const WORD = /[\p{Script=Han}\u3005\u3007]+|[A-Za-z0-9]+/gu;

function runTokens(run: string): string[] {
  if (!CJK.test(run)) return [run.toLowerCase()];
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(WORD)) out.push(...runTokens(m[0]));
  return out;
}

/** Every token of the texts, each once, space-separated (the column's value). */
export function searchTokens(...texts: ReadonlyArray<string | null | undefined>): string {
  const seen = new Set<string>();
  for (const t of texts) if (t) for (const tok of tokensOf(t)) seen.add(tok);
  return [...seen].join(' ');
}

/** The tokens a query needs, each once; empty when the query has nothing searchable. */
export function queryTokens(q: string): string[] {
  return [...new Set(tokensOf(q))];
}

/** A query of fewer than two CJK characters and no ASCII word cannot use the tokens (LIKE instead). */
export function tokenSearchable(q: string): boolean {
  return queryTokens(q).some((t) => t.length >= 2 || !CJK.test(t));
}
