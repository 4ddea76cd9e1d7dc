import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './document-templates';
import {
  asSentence,
  DOCUMENT_KIND_INFO,
  NO_PAYMENT_BANK,
  paymentBankText,
  RECORDED_STEP,
  statementText,
  validatePaymentBank,
  chineseAmount,
  chineseDateTime,
  DOCUMENT_KINDS,
  documentData,
  fillTemplate,
  formatDocumentNumber,
  isNumbered,
  isServed,
  kindsFor,
  missingNotices,
  noticeFactsOf,
  parseDocumentNumber,
  renderedText,
  sampleContext,
  sanctionText,
  templateMissingNotices,
  validateTemplate,
  yuanFigures,
  type TemplateBody,
} from './documents';
import { BLANK } from './template-fill';

const TODAY = '2026-04-16';

/** A copy of a default template with the paragraphs matching `re` removed. */
function without(kind: keyof typeof DEFAULT_TEMPLATES, re: RegExp): TemplateBody {
  const { body } = DEFAULT_TEMPLATES[kind];
  return {
    ...body,
    sections: body.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => !re.test(p.text)) })),
  };
}

describe('文号', () => {
  it('REC-02 agency short name + code + 字 + 〔year〕 + 第N号, and back', () => {
    expect(formatDocumentNumber('青国动', '罚', 2026, 12)).toBe('青国动罚字〔2026〕第12号');
    expect(formatDocumentNumber('青国动', '罚告', 2026, 1)).toBe('青国动罚告字〔2026〕第1号');
    expect(parseDocumentNumber('青国动罚字〔2026〕第12号')).toEqual({
      prefix: '青国动罚',
      year: 2026,
      n: 12,
    });
    expect(parseDocumentNumber('青国动罚字[2026]第3号')).toEqual({ prefix: '青国动罚', year: 2026, n: 3 });
    expect(parseDocumentNumber('青国动〔2026〕案第3号')).toBeNull();
    expect(() => formatDocumentNumber('青国动', 'F', 2026, 1)).toThrow(/代字/);
    expect(() => formatDocumentNumber('青国动', '罚', 2026, 0)).toThrow(/序号/);
  });

  it('REC-02 REV-05 documents issued to the party are numbered, and legal review’s written opinions (法审, 法复审); records and forms are not', () => {
    expect(DOCUMENT_KINDS.filter(isNumbered)).toEqual([
      'penaltyNotice',
      'hearingNotice',
      'penaltyDecision',
      'noPenaltyDecision',
      'legalReviewOpinion',
      'reReviewOpinion',
      'seizureDecision',
      'admonitionNotice',
      'executionDecision',
    ]);
    expect(DOCUMENT_KINDS.filter(isServed)).toEqual([
      'penaltyNotice',
      'hearingNotice',
      'penaltyDecision',
      'noPenaltyDecision',
      'seizureDecision',
      'admonitionNotice',
      'executionDecision',
    ]);
    expect(kindsFor('penalty')).toContain('penaltyDecision');
    expect(kindsFor('inspection')).not.toContain('penaltyDecision');
    expect(kindsFor('compulsion')).toContain('seizureDecision');
  });
});

describe('amounts and dates as documents write them', () => {
  it.each([
    [0, '零元整'],
    [5_000_000, '伍万元整'],
    [1_001_000, '壹万零壹拾元整'],
    [10_000_000, '壹拾万元整'],
    [100_550, '壹仟零伍元伍角'],
    [5, '伍分'],
    [105, '壹元零伍分'],
    [10_000_000_000, '壹亿元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [123_456_789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [200_000_000, '贰佰万元整'],
  ])('REC-02 %i fen is %s', (fen, text) => {
    expect(chineseAmount(fen)).toBe(text);
  });

  it('REC-02 figures, the penalty in words, and times in Asia/Shanghai', () => {
    expect(yuanFigures(5_000_000)).toBe('50,000.00');
    expect(yuanFigures(1_234_567_805)).toBe('12,345,678.05');
    expect(sanctionText({ kinds: ['warning', 'fine'], fine: 5_000_000, confiscated: 0 })).toBe(
      '警告；罚款人民币伍万元整（¥50,000.00）',
    );
    expect(chineseDateTime('2026-04-16T01:30:00.000Z')).toBe('2026年4月16日9时30分');
    expect(chineseDateTime('2026-04-15T16:05:00.000Z')).toBe('2026年4月16日0时05分');
  });
});

describe('templates and the notices owed to the party', () => {
  it('PUB-06 every default template is well-formed and gives every notice its kind owes', () => {
    for (const kind of DOCUMENT_KINDS) {
      const t = DEFAULT_TEMPLATES[kind];
      expect(validateTemplate(kind, t.title, t.body), kind).toEqual([]);
      expect(templateMissingNotices(kind, t.title, t.body, TODAY), kind).toEqual([]);
    }
  });

  it('PUB-06 a decision without the remedies, or with a shorter period, lacks them', () => {
    const t = DEFAULT_TEMPLATES.penaltyDecision;
    expect(
      templateMissingNotices('penaltyDecision', t.title, without('penaltyDecision', /行政复议/), TODAY),
    ).toEqual(['reconsideration', 'litigation']);
    const shorter: TemplateBody = JSON.parse(
      JSON.stringify(t.body).replaceAll('六十日', '三十日'),
    ) as TemplateBody;
    expect(templateMissingNotices('penaltyDecision', t.title, shorter, TODAY)).toEqual(['reconsideration']);
    const noCourt: TemplateBody = JSON.parse(
      JSON.stringify(t.body).replaceAll('依法向上海铁路运输法院提起行政诉讼', '提起行政诉讼'),
    ) as TemplateBody;
    expect(templateMissingNotices('penaltyDecision', t.title, noCourt, TODAY)).toEqual(['litigation']);
  });

  it('PUB-06 a notice without the hearing paragraph lacks it when the penalty qualifies, not otherwise', () => {
    const body = without('penaltyNotice', /要求听证/);
    expect(templateMissingNotices('penaltyNotice', '行政处罚事先告知书', body, TODAY)).toEqual(['hearing']);
    const data = documentData(sampleContext(TODAY, { hearingOffered: false, person: false }));
    const text = renderedText(fillTemplate('行政处罚事先告知书', body, data));
    expect(missingNotices('penaltyNotice', text, noticeFactsOf(data))).toEqual([]);
    expect(
      templateMissingNotices('penaltyNotice', 'x告知书', without('penaltyNotice', /回避|陈述/), TODAY),
    ).toEqual(['statement', 'defence', 'statementPeriod', 'recusal']);
    // The facts and the basis must be filled in, not merely named.
    expect(
      templateMissingNotices('penaltyNotice', '告知书', without('penaltyNotice', /经查|依据/), TODAY),
    ).toEqual(['reason', 'basis']);
  });

  it('PUB-06 a right and its period must be stated together, in one paragraph', () => {
    const facts = { hearingOffered: false, reasons: ['事实'], basis: '《条例》第一条' };
    const spread =
      '事实\n依据《条例》第一条\n可以申请行政复议。\n期限为六十日。\n复议机关为上海市青浦区人民政府。\n行政诉讼六个月人民法院';
    expect(missingNotices('penaltyDecision', spread, facts)).toEqual(['reconsideration']);
  });

  it('PLT-05 template edits are checked: placeholders, braces, the 文号 code, sizes', () => {
    const body: TemplateBody = {
      sections: [
        { paragraphs: [{ text: '{{party.name}}：{{party.secret}}' }, { text: '未闭合 {{date' }] },
        { heading: '', paragraphs: [] },
      ],
    };
    expect(validateTemplate('penaltyDecision', '决', body)).toEqual([
      { field: 'title', message: expect.stringContaining('2–50') as unknown },
      { field: 'code', message: expect.stringContaining('文号代字') as unknown },
      { field: 'sections[0].paragraphs[0].text', message: '未知的占位符 {{party.secret}}' },
      { field: 'sections[0].paragraphs[1].text', message: expect.stringContaining('花括号') as unknown },
      { field: 'sections[1].heading', message: expect.any(String) as unknown },
      { field: 'sections[1].paragraphs', message: expect.any(String) as unknown },
    ]);
    expect(
      validateTemplate('inspectionRecord', '现场检查笔录', {
        code: '检',
        sections: [{ paragraphs: [{ text: 'x' }] }],
      }),
    ).toEqual([{ field: 'code', message: expect.stringContaining('不编文号') as unknown }]);
  });
});

describe('filling a template from a case', () => {
  it('REC-02 values are filled, conditional paragraphs follow the case, unknown values are left blank', () => {
    const ctx = sampleContext(TODAY, { hearingOffered: true, person: false });
    const data = documentData({ ...ctx, caseInfo: { ...ctx.caseInfo, hearingOn: undefined } });
    expect(data.conditions).toEqual(['hearingOffered', 'hasFine', 'organisation']);
    expect(data.values.date).toBe('2026年4月16日');
    expect(data.values.facts).toBe(
      '上海某某置业有限公司存在出租、使用未经竣工验收或者竣工验收不合格的民防工程的行为。',
    );
    expect(data.values.officers).toBe('王建国（执法证号：31011800001）、李明（执法证号：31011800002）');
    expect(data.values.evidence).toBe('2026年4月16日现场检查笔录、2026年4月16日询问笔录');
    expect(data.values['hearing.date']).toBe(BLANK);
    const r = fillTemplate(
      ' 标题 ',
      {
        sections: [
          {
            heading: '{{case.number}}',
            paragraphs: [
              { text: '{{party.name}}：', plain: true },
              { text: '听证{{hearing.date}}', when: 'hearingOffered' },
              { text: '不听证', when: 'hearingNotOffered' },
              { text: '第一行\n\n第二行' },
            ],
          },
          { paragraphs: [{ text: '个人', when: 'person' }] },
        ],
      },
      data,
    );
    expect(r).toEqual({
      title: '标题',
      sections: [
        {
          heading: '青国动〔2026〕案第1号',
          paragraphs: [
            { text: '上海某某置业有限公司：', plain: true },
            { text: `听证${BLANK}`, plain: false },
            { text: '第一行', plain: false },
            { text: '第二行', plain: false },
          ],
        },
      ],
    });
    const person = documentData(sampleContext(TODAY, { hearingOffered: false, person: true }));
    expect(person.conditions).toEqual(['hearingNotOffered', 'hasFine', 'person']);
    expect(person.values['party.legalRepresentative']).toBe(BLANK);
  });
});

describe('what the decision says of the statement and the payment (REC-02)', () => {
  const base = {
    partyWaived: false,
    noticePeriodOver: false,
    hearingOffered: false,
    hearingRequested: false,
  };

  it('REC-02 PLT-06 the decision says whether the party made 陈述、申辩 and how it was considered', () => {
    expect(statementText({ ...base, partyWaived: true })).toBe('当事人放弃陈述、申辩的权利。');
    expect(statementText({ ...base, partyWaived: true, hearingOffered: true })).toBe(
      '当事人放弃陈述、申辩和要求听证的权利。',
    );
    expect(statementText({ ...base, noticePeriodOver: true })).toBe(
      '当事人在法定期限内未提出陈述、申辩意见。',
    );
    expect(statementText({ ...base, noticePeriodOver: true, hearingOffered: true })).toBe(
      '当事人在法定期限内未提出陈述、申辩意见，也未要求听证。',
    );
    expect(statementText({ ...base, statement: { made: false } })).toBe(
      '当事人在法定期限内未提出陈述、申辩意见。',
    );
    expect(
      statementText({
        ...base,
        noticePeriodOver: true,
        statement: {
          made: true,
          summary: '地下室系临时堆放，已于告知后清退。',
          consideration: '当事人提出的已改正情节属实，本机关在裁量时予以考虑',
        },
      }),
    ).toBe(
      '当事人提出了陈述、申辩意见：地下室系临时堆放，已于告知后清退。经复核，当事人提出的已改正情节属实，本机关在裁量时予以考虑。',
    );
    // Made, but the review's answer not recorded: a blank to fill in, never a made-up conclusion.
    expect(statementText({ ...base, statement: { made: true } })).toBe(
      `当事人提出了陈述、申辩意见。经复核，${BLANK}。`,
    );
    expect(
      statementText({
        ...base,
        hearingOffered: true,
        hearingRequested: true,
        hearingOn: '2026-04-20',
        statement: { made: true, summary: '罚款过高', consideration: '不予采纳' },
      }),
    ).toBe(
      '本机关应当事人的要求，于2026年4月20日举行了听证。当事人提出了陈述、申辩意见：罚款过高。经复核，不予采纳。',
    );
    // Nothing known (the period still running, no waiver): a line to fill in.
    expect(statementText(base)).toBe(`当事人陈述、申辩及复核情况：${BLANK}`);
  });

  it('REC-02 指定银行 names the bank, the account name and number; what is not set is a visible blank', () => {
    expect(
      paymentBankText({
        bankName: '中国农业银行上海青浦支行',
        accountName: '上海市青浦区财政局',
        accountNumber: '0385 0100',
      }),
    ).toBe('指定银行（开户银行：中国农业银行上海青浦支行，户名：上海市青浦区财政局，账号：0385 0100）');
    expect(paymentBankText(NO_PAYMENT_BANK)).toBe(
      `指定银行（开户银行：${BLANK}，户名：${BLANK}，账号：${BLANK}）`,
    );
    expect(paymentBankText(undefined)).toContain(`账号：${BLANK}`);
    expect(validatePaymentBank({ ...NO_PAYMENT_BANK, accountNumber: '6222-0000 12' })).toEqual([]);
    expect(validatePaymentBank({ ...NO_PAYMENT_BANK, accountNumber: '账号12' })).toMatchObject([
      { field: 'accountNumber' },
    ]);
  });

  it('REC-02 the default decision states the statement and the bank; the entered facts end a sentence', () => {
    const ctx = sampleContext(TODAY, { hearingOffered: true, person: false });
    const data = documentData({ ...ctx, facts: '经查，当事人将地下室出租作仓库使用' });
    expect(data.values.facts).toBe('经查，当事人将地下室出租作仓库使用。');
    const t = DEFAULT_TEMPLATES.penaltyDecision;
    const text = renderedText(fillTemplate(t.title, t.body, data));
    expect(text).toContain('经查，当事人将地下室出租作仓库使用。以上事实有');
    expect(text).not.toContain('经查，经查');
    expect(text).toContain('当事人在法定期限内未提出陈述、申辩意见，也未要求听证。');
    expect(text).toContain(
      '将罚款缴至指定银行（开户银行：中国农业银行上海青浦支行，户名：上海市青浦区财政局，账号：',
    );
    expect(asSentence('已改正！')).toBe('已改正！');
    expect(asSentence('  ')).toBe('');
  });

  it('REC-02 a 笔录 records its step: the step notes, the facts entered when the step has none, and the 记录人', () => {
    const ctx = sampleContext(TODAY, { hearingOffered: false, person: false });
    const t = DEFAULT_TEMPLATES.inspectionRecord;
    const text = (c: typeof ctx) => renderedText(fillTemplate(t.title, t.body, documentData(c)));
    expect(text(ctx)).toContain('现场检查人防工程使用情况');
    expect(text(ctx)).toContain('记录人：李明');
    expect(text(ctx)).toContain('记录人（签名）');
    const noNotes = {
      ...ctx,
      facts: '地下室出租作仓库。',
      step: { ...ctx.step!, notes: '', noteTaker: undefined },
    };
    expect(text(noNotes)).toContain('地下室出租作仓库。');
    expect(text(noNotes)).toContain(`记录人：${BLANK}`);
    expect(RECORDED_STEP.inspectionRecord).toBe('inspection');
    expect(DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_INFO[k].paged)).toEqual([
      'inspectionRecord',
      'inquiryRecord',
      'examinationRecord',
      'hearingRecord',
    ]);
  });
});
