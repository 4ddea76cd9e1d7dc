import { DomainError } from './errors';

/**
 * The schema keyword that puts a string through the text rules (`domain/text.ts`): its value is
 * the kind of text. `Text`, `MultiLine` and `Name` in `schemas.ts` set it, so every route that
 * takes text has it. It replaces the value with its NFC form, and runs before the length limits
 * so that they count the stored form. An `x-` name keeps the OpenAPI document valid.
 */
export const TEXT_KEYWORD = 'x-text';

/**
 * What text the platform accepts (PLT-05). Text goes into two databases, the ledger's canonical
 * JSON and Word documents; characters that one of them refuses or that XML 1.0 cannot carry would
 * fail late (a 500 on PostgreSQL for U+0000, a .docx Word cannot open for U+FFFE), so they are
 * refused at the door with the field named. Accepted text is stored in NFC, so the same words typed
 * on two systems are the same bytes (search, digests, documents).
 *
 * - `line`: one line; no control characters at all, tab and line breaks included.
 * - `multiLine`: free text (facts, notes, reasons); tab and line breaks allowed, and every line
 *   break (CRLF, CR, U+2028, U+2029) is stored as LF so documents break lines one way.
 * - `name`: a person's, a unit's or a file's name; a line that additionally refuses invisible
 *   characters and direction overrides, which let a name look like another (`‮gpj.exe` shows
 *   as `exe.jpg`) or two names that look alike differ.
 */
export const TEXT_KINDS = ['line', 'multiLine', 'name'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export type TextRule = 'control' | 'lineBreak' | 'noncharacter' | 'surrogate' | 'bidi' | 'invisible';

export interface TextProblem {
  rule: TextRule;
  /** 1-based position of the character, counted in characters (code points) of the input. */
  position: number;
  codePoint: number;
}

export type TextCheck = { ok: true; value: string } | ({ ok: false } & TextProblem);

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const BIDI = (cp: number) =>
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069) ||
  cp === 0x200e ||
  cp === 0x200f ||
  cp === 0x061c;
const INVISIBLE = (cp: number) => (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;

/** Why one character is refused in text of this kind, or null when it is fine. */
export function characterRule(cp: number, kind: TextKind): TextRule | null {
  if (cp >= 0xd800 && cp <= 0xdfff) return 'surrogate';
  if (cp === 0x09 || LINE_BREAKS.has(cp)) return kind === 'multiLine' ? null : 'lineBreak';
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return 'noncharacter';
  if (kind === 'name') {
    if (BIDI(cp)) return 'bidi';
    if (INVISIBLE(cp)) return 'invisible';
  }
  return null;
}

/**
 * Anything outside this class is accepted without looking at each character: most text is
 * plain Chinese and Latin. (Supplementary-plane noncharacters and lone surrogates both contain
 * a surrogate code unit, so they fall inside it.)
 */
const SUSPECT =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufdd0-\ufdef\ufeff\ufffe\uffff\ud800-\udfff]/;

/** Checks text of a kind; the accepted value is NFC, with line breaks as LF in multi-line text. */
export function normaliseText(input: string, kind: TextKind): TextCheck {
  if (SUSPECT.test(input)) {
    let position = 0;
    // for…of walks code points; a lone surrogate comes out as one unit of its own.
    for (const ch of input) {
      position++;
      const cp = ch.codePointAt(0)!;
      const rule = characterRule(cp, kind);
      if (rule) return { ok: false, rule, position, codePoint: cp };
    }
  }
  let value = input.normalize('NFC');
  if (kind === 'multiLine') value = value.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  return { ok: true, value };
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The message for people. It names the field, the position and the kind of character, never the
 * text itself: that may be personal data (PLT-08).
 */
export function textProblemMessage(field: string, p: TextProblem): string {
  const at = `字段“${field}”第 ${p.position} 个字符（${hex(p.codePoint)}）`;
  switch (p.rule) {
    case 'lineBreak':
      return `${at}是换行符或制表符；此处只能填写一行文字`;
    case 'control':
      return `${at}是控制字符，不能使用`;
    case 'noncharacter':
      return `${at}是 Unicode 非字符，不能使用`;
    case 'surrogate':
      return `${at}是不成对的代理码元（文字编码有误），请重新输入`;
    case 'bidi':
      return `${at}是文字方向控制符，名称中不能使用`;
    case 'invisible':
      return `${at}是零宽（不可见）字符，名称中不能使用`;
  }
}

export const TEXT_INVALID = 'TEXT_INVALID';

/** The accepted form of a text, or a 400 `TEXT_INVALID` naming the field. */
export function cleanText(input: string, kind: TextKind, field: string): string {
  const r = normaliseText(input, kind);
  if (r.ok) return r.value;
  throw new DomainError('invalid', TEXT_INVALID, textProblemMessage(field, r), field, {
    rule: r.rule,
    position: r.position,
  });
}

/**
 * Text as XML 1.0 can carry it: characters it forbids (C0 controls other than tab, line feed and
 * carriage return; U+FFFE, U+FFFF; lone surrogates) are dropped. New input never holds them (the
 * text rules refuse them); this guards documents rendered from text stored before those rules, so
 * an issued .docx always opens (PLT-05).
 */
export function xmlSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}
