import { describe, expect, it } from 'vitest';
import { queryTokens, searchTokens, tokenSearchable } from './search-tokens';

/** A decision matches a query when it has every one of the query's tokens. */
const matches = (doc: string, q: string) => {
  const have = new Set(searchTokens(doc).split(' '));
  return queryTokens(q).length > 0 && queryTokens(q).every((t) => have.has(t));
};

describe('search tokens', () => {
  it('PUB-04 CJK runs become overlapping 2-grams, ASCII words lower case, each once', () => {
    expect(searchTokens('张某罚款')).toBe('张某 某罚 罚款');
    expect(searchTokens('ABC公司 abc')).toBe('abc 公司');
    expect(searchTokens('青国动罚字〔2026〕第12号')).toBe('青国 国动 动罚 罚字 2026 第 12 号');
    expect(searchTokens(null, undefined, '')).toBe('');
    // Full-width digits and letters are the same word as their ASCII forms.
    expect(searchTokens('２０２６')).toBe('2026');
  });

  it.each([
    ['某某置业有限公司擅自拆除人防设施', '置业', true],
    ['某某置业有限公司擅自拆除人防设施', '人防设施', true],
    ['某某置业有限公司擅自拆除人防设施', '人设', false],
    ['青国动罚字〔2026〕第12号', '青国动罚字〔2026〕第12号', true],
    ['青国动罚字〔2026〕第12号', '第13号', false],
    ['张某', '张某', true],
    ['上海市青浦区', '青浦', true],
    ['上海市青浦区', '浦东', false],
  ])('PUB-04 %s found by %s: %s', (doc, q, found) => {
    expect(matches(doc, q)).toBe(found);
  });

  it('PUB-04 a one-character query is not token-searchable; two are', () => {
    expect(tokenSearchable('张')).toBe(false);
    expect(tokenSearchable('张某')).toBe(true);
    expect(tokenSearchable('12')).toBe(true);
    expect(tokenSearchable('，。')).toBe(false);
    expect(queryTokens('，。')).toEqual([]);
  });
});
