import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/domain/document-templates';
import {
  DOCUMENT_KINDS,
  documentData,
  fillTemplate as serverFill,
  PLACEHOLDERS,
  sampleContext,
} from '../../src/domain/documents';
import {
  awaitsSignature,
  documentChains,
  documentName,
  documentState,
  fieldPath,
  fillTemplate,
  insertAt,
  issueWarning,
  kindsForActType,
  missingNoticeLabels,
  placeholderProblem,
  templateInput,
  unsignedDocuments,
  userName,
} from './document-format';
import { BLANK, placeholdersIn } from '../../src/domain/template-fill';
import type { DocumentView, TemplateKind } from '../../src/http/routes/documents.schema';

function doc(p: Partial<DocumentView> & { id: string }): DocumentView {
  return {
    caseId: 'c1',
    stepId: null,
    kind: 'inquiryRecord',
    kindLabel: '询问笔录',
    title: '询问笔录',
    templateId: 't1',
    templateVersion: 1,
    state: 'draft',
    number: null,
    recordId: null,
    version: 1,
    versionOf: null,
    reason: null,
    partySigns: true,
    signedScan: null,
    data: { values: {}, conditions: [] },
    createdBy: { id: 'u1', name: '王建国' },
    createdAt: '2026-04-16T01:00:00.000Z',
    finalisedBy: null,
    finalisedAt: null,
    ...p,
  };
}

describe('fillTemplate', () => {
  const data = {
    values: { 'party.name': '张某', facts: '第一行\n\n第二行' },
    conditions: ['person' as const],
  };

  it('fills placeholders, leaves a blank for unknown values and splits lines', () => {
    const r = fillTemplate(
      ' 标题 ',
      [
        {
          heading: '{{party.name}}',
          paragraphs: [
            { text: '当事人：{{ party.name }}，证件 {{party.idNumber}}' },
            { text: '{{facts}}', plain: true },
          ],
        },
      ],
      data,
    );
    expect(r.title).toBe('标题');
    expect(r.sections[0]?.heading).toBe('张某');
    expect(r.sections[0]?.paragraphs).toEqual([
      { text: `当事人：张某，证件 ${BLANK}`, plain: false },
      { text: '第一行', plain: true },
      { text: '第二行', plain: true },
    ]);
  });

  it('leaves out paragraphs whose condition fails, and sections left empty', () => {
    const r = fillTemplate(
      't',
      [
        {
          paragraphs: [
            { text: '自然人', when: 'person' },
            { text: '组织', when: 'organisation' },
          ],
        },
        { heading: '空', paragraphs: [{ text: '听证', when: 'hearingOffered' }] },
      ],
      data,
    );
    expect(r.sections).toEqual([{ paragraphs: [{ text: '自然人', plain: false }] }]);
  });

  it('keeps an unknown placeholder as written when the known names are given', () => {
    const r = fillTemplate('t', [{ paragraphs: [{ text: '{{nope}}' }] }], data, new Set(['party.name']));
    expect(r.sections[0]?.paragraphs[0]?.text).toBe('{{nope}}');
  });

  it('renders every default template as the server does', () => {
    const known = new Set(Object.keys(PLACEHOLDERS));
    for (const kind of DOCUMENT_KINDS) {
      for (const person of [true, false])
        for (const hearingOffered of [true, false]) {
          const d = documentData(sampleContext('2026-04-16', { hearingOffered, person }));
          const t = DEFAULT_TEMPLATES[kind];
          expect(fillTemplate(t.title, t.body.sections, d, known)).toEqual(serverFill(t.title, t.body, d));
        }
    }
  });
});

describe('documents of a case', () => {
  const a1 = doc({ id: 'a1', state: 'final', number: null, version: 1 });
  const a2 = doc({ id: 'a2', state: 'final', version: 2, versionOf: 'a1', reason: '更正' });
  const a3 = doc({ id: 'a3', state: 'draft', version: 3, versionOf: 'a2', reason: '再更正' });
  const b1 = doc({ id: 'b1', kind: 'penaltyDecision', partySigns: false, state: 'final', number: 'X' });

  it('groups re-issued versions into chains, newest first, in the order the chains began', () => {
    const chains = documentChains([a1, b1, a2, a3]);
    expect(chains.map((c) => c.latest.id)).toEqual(['a3', 'b1']);
    expect(chains[0]?.history.map((d) => d.id)).toEqual(['a2', 'a1']);
  });

  it('a version whose prior is not in the list still starts its own chain', () => {
    expect(documentChains([a2]).map((c) => c.latest.id)).toEqual(['a2']);
  });

  it('lists issued documents the party signs that have no scan, newest versions only', () => {
    expect(awaitsSignature(a1)).toBe(true);
    expect(awaitsSignature(doc({ id: 'd' }))).toBe(false); // a draft is not signed yet
    expect(awaitsSignature(b1)).toBe(false);
    const scanned = doc({
      id: 's',
      state: 'final',
      signedScan: {
        recordId: 'r',
        attachedAt: '2026-04-16T02:00:00Z',
        attachedBy: { id: 'u', name: '李明' },
      },
    });
    expect(awaitsSignature(scanned)).toBe(false);
    expect(unsignedDocuments([a1, a2, b1]).map((d) => d.id)).toEqual(['a2']);
    expect(unsignedDocuments([a1, a2, a3, b1])).toEqual([]);
    // Before the server sends signedScan at all, an issued record still waits for its signature.
    const { signedScan: _, ...older } = a1;
    expect(awaitsSignature(older as DocumentView)).toBe(true);
  });

  it('names documents with their 文号, and users only when a name is given', () => {
    expect(documentName(b1)).toBe('询问笔录（X）');
    expect(documentName(a1)).toBe('询问笔录');
    expect(userName({ id: 'u', name: '王建国' })).toBe('王建国');
    expect(userName('0190-…')).toBeNull();
    expect(userName(null)).toBeNull();
    expect(issueWarning(true)).toContain('文号');
    expect(issueWarning(false)).not.toContain('文号');
    expect(documentState('final').label).toBe('已签发');
    expect(documentState('revoked')).toEqual({ label: 'revoked', color: 'default' });
  });

  it('offers the kinds of the case’s act type', () => {
    const kinds: TemplateKind[] = [
      {
        kind: 'penaltyDecision',
        kindLabel: '行政处罚决定书',
        numbered: true,
        actTypes: ['penalty'],
        current: null,
      },
      { kind: 'seizureList', kindLabel: '清单', numbered: false, actTypes: ['compulsion'], current: null },
      {
        kind: 'serviceReceipt',
        kindLabel: '送达回证',
        numbered: false,
        actTypes: ['penalty', 'compulsion'],
        current: null,
      },
    ];
    expect(kindsForActType(kinds, 'compulsion').map((k) => k.kind)).toEqual([
      'seizureList',
      'serviceReceipt',
    ]);
  });
});

describe('template editing', () => {
  const known = new Set(['party.name', 'date']);

  it('finds placeholders and unmatched braces as the server does', () => {
    expect(placeholdersIn('{{a}} 和 {{ b.c }}')).toEqual({ names: ['a', 'b.c'], malformed: false });
    expect(placeholdersIn('{{a}').malformed).toBe(true);
    expect(placeholderProblem('当事人 {{party.name}}', known)).toBeNull();
    expect(placeholderProblem('{{party.nam}}', known)).toBe('未知的占位符 {{party.nam}}');
    expect(placeholderProblem('{{date', known)).toMatch(/不成对/);
  });

  it('inserts at the caret, replacing a selection, within bounds', () => {
    expect(insertAt('当事人：', 4, 4, '{{party.name}}')).toEqual({
      text: '当事人：{{party.name}}',
      caret: 18,
    });
    expect(insertAt('abcdef', 2, 4, 'X')).toEqual({ text: 'abXef', caret: 3 });
    expect(insertAt('ab', 9, 12, 'X')).toEqual({ text: 'abX', caret: 3 });
  });

  it('turns a server field into a form path', () => {
    expect(fieldPath('sections[0].paragraphs[12].text')).toEqual(['sections', 0, 'paragraphs', 12, 'text']);
    expect(fieldPath('title')).toEqual(['title']);
  });

  it('builds the PUT body: trimmed, code only for numbered kinds, no empty members', () => {
    const v = {
      title: ' 决定书 ',
      code: ' 罚 ',
      sections: [
        { heading: '  ', paragraphs: [{ text: '甲', when: undefined, plain: false }] },
        { heading: ' 二 ', paragraphs: [{ text: '乙', when: 'hasFine' as const, plain: true }] },
      ],
    };
    expect(templateInput(v, true)).toEqual({
      title: '决定书',
      code: '罚',
      sections: [
        { paragraphs: [{ text: '甲' }] },
        { heading: '二', paragraphs: [{ text: '乙', when: 'hasFine', plain: true }] },
      ],
    });
    expect(templateInput(v, false)).not.toHaveProperty('code');
  });

  it('names the notices a refusal lists', () => {
    expect(missingNoticeLabels({ missing: ['hearing', 'x'] }, { hearing: '听证权' })).toEqual([
      '听证权',
      'x',
    ]);
    expect(missingNoticeLabels(undefined, {})).toEqual([]);
  });
});
