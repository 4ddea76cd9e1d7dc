import { describe, expect, it } from 'vitest';
import { BLANK, fillSections, placeholdersIn, withoutLeadingJingcha } from './template-fill';
import { sourcesMatching } from '../../test/source-files';

describe('filling a document template', () => {
  const sections = [
    { heading: '{{party.name}}', paragraphs: [{ text: '罚款{{sanction.fine}}\n\n{{x}}' }] },
    { paragraphs: [{ text: '听证于{{hearing.date}}', when: 'hearingOffered', plain: true }] },
    { heading: '空节', paragraphs: [{ text: '仅组织', when: 'organisation' }] },
  ];
  const data = { values: { 'party.name': '张某', 'sanction.fine': '' }, conditions: ['hearingOffered'] };

  it('REC-02 fills known names, leaves unknown ones as written, blanks missing values and drops paragraphs whose condition fails', () => {
    const known = (n: string) => n !== 'x';
    expect(fillSections(' 行政处罚决定书 ', sections, data, known)).toEqual({
      title: '行政处罚决定书',
      sections: [
        {
          heading: '张某',
          paragraphs: [
            { text: `罚款${BLANK}`, plain: false },
            { text: '{{x}}', plain: false },
          ],
        },
        { paragraphs: [{ text: `听证于${BLANK}`, plain: true }] },
      ],
    });
  });

  it('finds placeholders and unmatched braces', () => {
    expect(placeholdersIn('{{a}} 和 {{ b.c }}')).toEqual({ names: ['a', 'b.c'], malformed: false });
    expect(placeholdersIn('{{a}').malformed).toBe(true);
  });

  it('is the only place that fills placeholders (server and workbench share it)', () => {
    // The placeholder pattern `{{ name }}` written as a regular expression.
    const copies = sourcesMatching(/\\\{\\\{\\s\*\(/, 'template-fill.ts');
    expect(copies).toEqual([]);
  });
});

describe('经查 in the facts (REC-02)', () => {
  it('REC-02 PLT-06 facts that begin with 经查 are not prefixed with a second 经查 where the template says it', () => {
    for (const facts of [
      '经查，当事人出租地下室。',
      '经查:当事人出租地下室。',
      '经查明：当事人出租地下室。',
      ' 经查, 当事人出租地下室。',
    ])
      expect(withoutLeadingJingcha(facts)).toMatch(/^当事人出租地下室。$/);
    expect(withoutLeadingJingcha('经查阅档案，当事人未备案。')).toBe('经查阅档案，当事人未备案。');
    expect(withoutLeadingJingcha('当事人经查，出租地下室。')).toBe('当事人经查，出租地下室。');

    const template = [
      { paragraphs: [{ text: '经查，{{facts}}以上事实有证据为证。' }, { text: '简要案情：{{facts}}' }] },
    ];
    const filled = fillSections(
      '决定书',
      template,
      { values: { facts: '经查，当事人出租地下室。' }, conditions: [] },
      () => true,
    );
    expect(filled.sections[0]!.paragraphs.map((p) => p.text)).toEqual([
      '经查，当事人出租地下室。以上事实有证据为证。',
      '简要案情：经查，当事人出租地下室。',
    ]);
    // Facts that are only 经查 leave the blank to fill in, not nothing.
    const bare = fillSections(
      '决定书',
      template,
      { values: { facts: '经查：' }, conditions: [] },
      () => true,
    );
    expect(bare.sections[0]!.paragraphs[0]!.text).toBe(`经查，${BLANK}以上事实有证据为证。`);
  });
});
