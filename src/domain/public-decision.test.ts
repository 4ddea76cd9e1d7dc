import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml } from './atom-feed';
import { CSV_BOM, csvCell, csvLine } from './csv';
import { decodeDecisionCursor, encodeDecisionCursor } from './decision-cursor';
import { DomainError } from './errors';
import { fenAsWanYuan, normaliseQuery, parseDecisionQuery, queryLength } from './public-decision';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, field: e.field } : e;
  }
  return null;
};

describe('public decisions: pure pieces', () => {
  it('PUB-04 a cursor round-trips and anything else is refused with CURSOR_INVALID', () => {
    const c = { date: '2026-03-01', id: '0190f5e2-7b3a-7c4d-8e5f-0123456789ab' };
    const token = encodeDecisionCursor(c);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDecisionCursor(token)).toEqual(c);
    for (const bad of [
      '',
      'not a cursor',
      Buffer.from('["2026-02-30","0190f5e2-7b3a-7c4d-8e5f-0123456789ab"]').toString('base64url'),
      Buffer.from('["2026-03-01","x"]').toString('base64url'),
      Buffer.from('{"date":"2026-03-01"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ])
      expect(
        refused(() => decodeDecisionCursor(bad)),
        bad,
      ).toEqual({ code: 'CURSOR_INVALID', field: 'cursor' });
  });

  it('PUB-04 the query is trimmed and counted in characters; empty filters mean any', () => {
    expect(normaliseQuery('  张三  ')).toBe('张三');
    expect(normaliseQuery('   ')).toBeUndefined();
    expect(queryLength('𠀀某')).toBe(2);
    expect(parseDecisionQuery({ q: '', actType: '', unit: '', partyKind: '', from: '', to: '' })).toEqual({});
    expect(parseDecisionQuery({ q: ' 某某 ', actType: 'penalty', unit: 'u1', partyKind: 'person' })).toEqual({
      q: '某某',
      actType: 'penalty',
      unitId: 'u1',
      partyKind: 'person',
    });
    expect(refused(() => parseDecisionQuery({ actType: 'parking' }))).toEqual({
      code: 'VALIDATION',
      field: 'actType',
    });
    expect(refused(() => parseDecisionQuery({ partyKind: 'robot' }))).toEqual({
      code: 'VALIDATION',
      field: 'partyKind',
    });
  });

  it('PUB-03 fines are written in 万元 exactly (the 双公示 unit)', () => {
    expect(fenAsWanYuan(0)).toBe('0');
    expect(fenAsWanYuan(500_000)).toBe('0.5');
    expect(fenAsWanYuan(2_000_000)).toBe('2');
    expect(fenAsWanYuan(123_456_789)).toBe('123.456789');
    expect(fenAsWanYuan(1)).toBe('0.000001');
  });

  it('PUB-03 CSV cells are quoted per RFC 4180 and formula-like text is neutralised', () => {
    expect(CSV_BOM).toBe('\uFEFF');
    expect(csvCell('上海某某有限公司')).toBe('上海某某有限公司');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"明"')).toBe('"说""明"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', null, 3])).toBe('a,,3\r\n');
  });

  it('PUB-03 Atom text is escaped and characters XML cannot carry are dropped', () => {
    expect(escapeXml('<a & "b">\u0001\uFFFE')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const xml = atomFeed({
      id: 'https://x/open/decisions.atom',
      title: 'T<',
      subtitle: 's',
      updated: '2026-01-01T00:00:00.000Z',
      selfLink: 'https://x/open/decisions.atom?q=a&b=c',
      alternateLink: 'https://x/decisions',
      authorName: '机关',
      entries: [],
    });
    expect(xml).toContain('<title>T&lt;</title>');
    expect(xml).toContain('href="https://x/open/decisions.atom?q=a&amp;b=c"');
  });
});
