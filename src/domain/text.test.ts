import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { cleanText, normaliseText, textProblemMessage, type TextKind, type TextRule, xmlSafe } from './text';

/** [input, kind, accepted value] */
const ACCEPTED: Array<[string, TextKind, string]> = [
  ['王五', 'name', '王五'],
  ['上海某某置业有限公司', 'name', '上海某某置业有限公司'],
  // NFD (e + combining acute) is stored as NFC (é).
  ['Jose\u0301', 'name', 'José'],
  ['e\u0301', 'line', '\u00e9'],
  // Compatibility forms are kept: NFC, not NFKC (全角 digits stay as written).
  ['１２３', 'line', '１２３'],
  // Rare characters: supplementary-plane CJK (𠀀), private use (生僻字 in local fonts), and an
  // ideographic variation sequence (葛 + VS17) are names too.
  ['\u{20000}某', 'name', '\u{20000}某'],
  ['\ue000某', 'name', '\ue000某'],
  ['葛\u{e0100}', 'name', '葛\u{e0100}'],
  ['😀 记录', 'line', '😀 记录'],
  // Free text keeps tabs and line breaks; every line break is stored as LF.
  ['第一行\n第二行\t完', 'multiLine', '第一行\n第二行\t完'],
  ['a\r\nb\rc\u2028d\u2029e', 'multiLine', 'a\nb\nc\nd\ne'],
  // Zero-width and direction characters are refused only in names.
  ['علی\u200f 说', 'line', 'علی\u200f 说'],
  ['a\u200bb', 'multiLine', 'a\u200bb'],
  ['\ufeffBOM', 'line', '\ufeffBOM'],
  ['', 'line', ''],
];

/** [input, kind, rule, position] */
const REFUSED: Array<[string, TextKind, TextRule, number]> = [
  ['王\u0000五', 'name', 'control', 2],
  ['王\u0000五', 'multiLine', 'control', 2],
  ['a\u0007', 'line', 'control', 2],
  ['a\u001b[31m', 'multiLine', 'control', 2],
  ['\u007f', 'line', 'control', 1],
  ['a\u0085b', 'multiLine', 'control', 2],
  ['a\u009fb', 'line', 'control', 2],
  ['第一行\n第二行', 'line', 'lineBreak', 4],
  ['a\tb', 'name', 'lineBreak', 2],
  ['a\rb', 'line', 'lineBreak', 2],
  ['a\u2028b', 'line', 'lineBreak', 2],
  ['事实\ufffe', 'multiLine', 'noncharacter', 3],
  ['\uffff', 'line', 'noncharacter', 1],
  ['a\ufdd0', 'line', 'noncharacter', 2],
  ['𠀀\u{1fffe}', 'line', 'noncharacter', 2],
  ['\u{10ffff}', 'multiLine', 'noncharacter', 1],
  ['a\ud800b', 'line', 'surrogate', 2],
  ['\udc00', 'multiLine', 'surrogate', 1],
  // A surrogate pair is one character: the lone one after it is the third.
  ['😀a\ud83d', 'line', 'surrogate', 3],
  ['\u202egpj.exe', 'name', 'bidi', 1],
  ['张\u202a三', 'name', 'bidi', 2],
  ['张\u2066三\u2069', 'name', 'bidi', 2],
  ['张\u200f三', 'name', 'bidi', 2],
  ['张\u200b三', 'name', 'invisible', 2],
  ['张\u200d三', 'name', 'invisible', 2],
  ['张\u2060三', 'name', 'invisible', 2],
  ['\ufeff张三', 'name', 'invisible', 1],
];

describe('text rules', () => {
  it.each(ACCEPTED)('PLT-05 %j as %s is accepted as %j', (input, kind, value) => {
    expect(normaliseText(input, kind)).toEqual({ ok: true, value });
  });

  it.each(REFUSED)('PLT-05 %j as %s is refused (%s at %i)', (input, kind, rule, position) => {
    expect(normaliseText(input, kind)).toMatchObject({ ok: false, rule, position });
  });

  it('PLT-05 the refusal names the field, the position and the character class, never the text', () => {
    let thrown: unknown;
    try {
      cleanText('王\u0000五', 'name', 'party.name');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const e = thrown as DomainError;
    expect(e).toMatchObject({ kind: 'invalid', code: 'TEXT_INVALID', field: 'party.name' });
    expect(e.details).toEqual({ rule: 'control', position: 2 });
    expect(e.message).toBe('字段“party.name”第 2 个字符（U+0000）是控制字符，不能使用');
    expect(e.message).not.toMatch(/王|五/);
    for (const [input, kind] of REFUSED) {
      const r = normaliseText(input, kind);
      if (r.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
      const m = textProblemMessage('f', r);
      expect(m).toMatch(/^字段“f”第 \d+ 个字符（U\+[0-9A-F]{4,6}）是/);
      expect(m).not.toContain(input);
    }
  });
});

describe('xmlSafe', () => {
  it.each([
    ['经查，\u0000当事人', '经查，当事人'],
    ['事实\uFFFE清楚', '事实清楚'],
    ['\uD800孤', '孤'],
    ['孤\uDC00', '孤'],
    ['𠀋 rare 𡃁', '𠀋 rare 𡃁'],
    ['行一\n行二\t制表', '行一\n行二\t制表'],
  ])('PLT-05 %j becomes %j, which XML 1.0 can carry', (input, want) => {
    expect(xmlSafe(input)).toBe(want);
  });
});
