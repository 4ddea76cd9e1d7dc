import { describe, expect, it } from 'vitest';
import { BLANK, fillSections, placeholdersIn } from './template-fill';
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
