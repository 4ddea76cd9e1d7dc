/**
 * Pure helpers for enforcement documents (执法文书) and their templates: filling a template for the
 * inline preview (the same rules as the server's `fillTemplate`), version chains, what still waits
 * for the party's signature, placeholder editing. No DOM, no clock.
 */
import type { ActType } from '../../src/domain/case-types';
import type { DocumentKind } from '../../src/domain/documents';
import type {
  DocumentData,
  DocumentView,
  TemplateKind,
  TemplateSection,
} from '../../src/http/routes/documents.schema';
import type { TagColor } from './format';
import { fillSections, placeholdersIn, type RenderedDocument } from '../../src/domain/template-fill';

const DOCUMENT_STATES: Record<DocumentView['state'], { label: string; color: TagColor }> = {
  draft: { label: '草稿', color: 'orange' },
  final: { label: '已签发', color: 'green' },
};

/** The tag of a document's state (a state this workbench does not know is shown as it comes). */
export function documentState(state: string): { label: string; color: TagColor } {
  return DOCUMENT_STATES[state as DocumentView['state']] ?? { label: state, color: 'default' };
}

/**
 * The template filled from the document's data, by the server's own rule (`fillSections`).
 * `known` are the placeholder names the server knows: an unknown `{{x}}` stays as written.
 */
export function fillTemplate(
  title: string,
  sections: readonly TemplateSection[],
  data: DocumentData,
  known?: ReadonlySet<string>,
): RenderedDocument {
  return fillSections(title, sections, data, known ? (name) => known.has(name) : () => true);
}

/** The kinds a case of this act type may have, in the templates' order. */
export function kindsForActType(kinds: readonly TemplateKind[], actType: ActType): TemplateKind[] {
  return kinds.filter((k) => k.actTypes.includes(actType));
}

export interface DocumentChain {
  /** The newest version: the one that counts, and the one a re-issue must start from. */
  latest: DocumentView;
  /** Older versions, newest first. */
  history: DocumentView[];
}

/** A case's documents as chains of re-issued versions, in the order the chains began. */
export function documentChains(docs: readonly DocumentView[]): DocumentChain[] {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const rootOf = (d: DocumentView): string => {
    let cur = d;
    const seen = new Set<string>();
    while (cur.versionOf && !seen.has(cur.id)) {
      seen.add(cur.id);
      const prior = byId.get(cur.versionOf);
      if (!prior) return cur.versionOf;
      cur = prior;
    }
    return cur.id;
  };
  const chains = new Map<string, DocumentView[]>();
  for (const d of docs) {
    const root = rootOf(d);
    const list = chains.get(root) ?? [];
    list.push(d);
    chains.set(root, list);
  }
  return [...chains.values()].map((list) => {
    const sorted = [...list].sort((a, b) => b.version - a.version);
    return { latest: sorted[0]!, history: sorted.slice(1) };
  });
}

/** An issued document the party signs (笔录, 送达回证, 清单) whose signed scan is not attached yet. */
export function awaitsSignature(d: DocumentView): boolean {
  return d.partySigns && d.state === 'final' && !d.signedScan;
}

/** The newest version of each document still waiting for the party's signed scan. */
export function unsignedDocuments(docs: readonly DocumentView[]): DocumentView[] {
  return documentChains(docs)
    .map((c) => c.latest)
    .filter(awaitsSignature);
}

/** A document's name with its 文号: 行政处罚决定书（青国动罚字〔2026〕第1号）. */
export function documentName(d: Pick<DocumentView, 'title' | 'kindLabel' | 'number'>): string {
  const name = d.title || d.kindLabel;
  return d.number ? `${name}（${d.number}）` : name;
}

/** The name of a user given as `{ id, name }`; null for a bare id (the server sends no name). */
export function userName(u: string | { id: string; name: string } | null | undefined): string | null {
  return u && typeof u === 'object' ? u.name : null;
}

/** Whether a document of this kind takes a 文号 when issued (what 签发 promises). */
export function issueWarning(numbered: boolean): string {
  return numbered
    ? '签发后取得文号，文书存为本案记录，且不可修改；如需更正只能重新出具。'
    : '签发后文书存为本案记录，且不可修改；如需更正只能重新出具。';
}

// ---- template editing ----

/** The problem with a paragraph's placeholders, or null. */
export function placeholderProblem(text: string, known: ReadonlySet<string>): string | null {
  const { names, malformed } = placeholdersIn(text);
  if (malformed) return '占位符的花括号不成对，应写作 {{名称}}';
  const unknown = names.find((n) => !known.has(n));
  return unknown !== undefined ? `未知的占位符 {{${unknown}}}` : null;
}

/** `text` with `insertion` put in place of [start, end); the caret goes after it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insertion: string,
): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insertion + text.slice(b), caret: a + insertion.length };
}

/** A server field path as a form name path: `sections[0].paragraphs[1].text` → [sections, 0, …]. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^[.\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** The template as the editor's form holds it → the body `PUT` takes (trimmed, no empty members). */
export function templateInput(
  v: { title: string; code?: string | null; sections: TemplateSection[] },
  numbered: boolean,
): { title: string; code?: string; sections: TemplateSection[] } {
  return {
    title: v.title.trim(),
    ...(numbered && v.code != null && { code: v.code.trim() }),
    sections: v.sections.map((s) => ({
      ...(s.heading?.trim() && { heading: s.heading.trim() }),
      paragraphs: s.paragraphs.map((p) => ({
        text: p.text,
        ...(p.when && { when: p.when }),
        ...(p.plain === true && { plain: true }),
      })),
    })),
  };
}

/** The notice keys a refusal names (`details.missing`), as labels. */
export function missingNoticeLabels(details: unknown, labels: Record<string, string>): string[] {
  const missing = (details as { missing?: unknown } | undefined)?.missing;
  if (!Array.isArray(missing)) return [];
  return missing.filter((m): m is string => typeof m === 'string').map((m) => labels[m] ?? m);
}

export type { DocumentKind };
