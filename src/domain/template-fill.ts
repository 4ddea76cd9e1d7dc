/**
 * Filling a document template: the one rule the server uses to render a document and the workbench
 * uses for its inline preview, so the preview is what will be issued. No imports, so the workbench
 * bundle takes only this file.
 */

/** Left for handwriting when a value is not known. */
export const BLANK = '＿＿＿＿＿＿';

export interface RenderedParagraph {
  text: string;
  plain: boolean;
}
export interface RenderedDocument {
  title: string;
  sections: Array<{ heading?: string; paragraphs: RenderedParagraph[] }>;
}

/** A template section as filling reads it (the server's `TemplateSection` and its schema fit). */
export interface FillableSection {
  heading?: string;
  paragraphs: ReadonlyArray<{ text: string; when?: string; plain?: boolean }>;
}
/** The values of a document's placeholders and the conditions that hold for it. */
export interface FillData {
  values: Readonly<Partial<Record<string, string>>>;
  conditions: readonly string[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A template's words that already open the statement of facts: 「经查，{{facts}}」. */
const OPENS_WITH_JINGCHA = /经查[，,：:]\s*$/;
const LEADING_JINGCHA = /^\s*经查明?\s*[，,：:]\s*/;

/**
 * The facts without a leading 「经查，」 (or 经查明， 经查： …) of their own, for a template that
 * already says 经查 before them: 「经查，经查，当事人…」 reads 「经查，当事人…」.
 */
export function withoutLeadingJingcha(text: string): string {
  return text.replace(LEADING_JINGCHA, '');
}

/** Every `{{name}}` in a text, and whether any braces are left unmatched. */
export function placeholdersIn(text: string): { names: string[]; malformed: boolean } {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  const rest = text.replace(/\{\{[^{}]*\}\}/g, '');
  return { names, malformed: /\{\{|\}\}/.test(rest) };
}

/**
 * The template with its placeholders filled and the paragraphs whose condition does not hold left
 * out; each line of a paragraph is a paragraph of its own. A name `known` refuses stays as written
 * (`{{x}}`); a known name without a value is left blank for handwriting. A value placed right after
 * 「经查，」 loses a 「经查，」 of its own.
 */
export function fillSections(
  title: string,
  templateSections: readonly FillableSection[],
  data: FillData,
  known: (name: string) => boolean,
): RenderedDocument {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string, at: number) => {
      if (!known(name)) return whole;
      const value = data.values[name] || BLANK;
      return OPENS_WITH_JINGCHA.test(text.slice(0, at)) ? withoutLeadingJingcha(value) || BLANK : value;
    });
  const sections: RenderedDocument['sections'] = [];
  for (const s of templateSections) {
    const paragraphs: RenderedParagraph[] = [];
    for (const p of s.paragraphs) {
      if (p.when !== undefined && !data.conditions.includes(p.when)) continue;
      for (const line of fill(p.text).split(/\r?\n/)) {
        const text = line.trim();
        if (text !== '') paragraphs.push({ text, plain: p.plain === true });
      }
    }
    if (paragraphs.length > 0)
      sections.push({ ...(s.heading !== undefined && { heading: fill(s.heading).trim() }), paragraphs });
  }
  return { title: title.trim(), sections };
}
