/**
 * Version 1 of each standard document's template (REC-02): what a new office starts with and an
 * administrator edits. Wording follows 行政处罚法 (2021), 行政强制法 and 行政复议法 (2023); the
 * reconsideration body and the court are this office's (青浦区: 区人民政府 since the 2024 复议 reform;
 * 上海铁路运输法院 hears first-instance cases against district-level agencies) — another office edits
 * them. Each template gives every notice `REQUIRED_NOTICES` asks of its kind (a test checks).
 */
import type { DocumentKind, TemplateBody, TemplateParagraph } from './documents';

const p = (text: string, o: Omit<TemplateParagraph, 'text'> = {}): TemplateParagraph => ({ text, ...o });
const plain = (text: string, o: Omit<TemplateParagraph, 'text' | 'plain'> = {}) =>
  p(text, { ...o, plain: true });

const RECONSIDERATION_AND_SUIT =
  '如不服本决定，可以在收到本决定书之日起六十日内向上海市青浦区人民政府申请行政复议；也可以在收到本决定书之日起六个月内依法向上海铁路运输法院提起行政诉讼。行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。';
const CONTACT = '本机关地址：{{agency.address}}　联系电话：{{agency.phone}}';
const PARTY_LINES: TemplateParagraph[] = [
  plain('当事人：{{party.name}}'),
  plain('{{party.idType}}：{{party.idNumber}}'),
  plain('法定代表人（负责人）：{{party.legalRepresentative}}', { when: 'organisation' }),
  plain('住所（住址）：{{party.address}}'),
];
const ON_SITE_NOTICE =
  '执法人员已向当事人出示执法证件，表明身份，说明了检查（调查）的依据和内容；告知当事人应当如实回答询问、配合执法，不得拒绝、阻挠；告知当事人认为执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避。';
const SIGNATURES = [
  plain('当事人（签名）：＿＿＿＿＿＿　　　　年　月　日'),
  plain('执法人员（签名）：＿＿＿＿＿＿　　　　年　月　日'),
];
/** A 笔录's signatures: the party, the officers and the one who wrote it. */
const RECORD_SIGNATURES = [...SIGNATURES, plain('记录人（签名）：＿＿＿＿＿＿　　　　年　月　日')];
const record = (
  lines: TemplateParagraph[],
  notesHeading: string,
  o: { recorder: boolean } = { recorder: true },
): TemplateBody => ({
  sections: [
    {
      paragraphs: [
        ...lines,
        plain('当事人：{{party.name}}　{{party.idType}}：{{party.idNumber}}'),
        plain('执法人员：{{step.officers}}'),
        ...(o.recorder ? [plain('记录人：{{step.noteTaker}}')] : []),
        p(ON_SITE_NOTICE),
        p('当事人是否申请回避：＿＿＿＿＿＿'),
      ],
    },
    { heading: notesHeading, paragraphs: [p('{{step.notes}}')] },
    {
      paragraphs: [
        p('以上记录已交当事人核对（已向当事人宣读），与事实相符。'),
        ...(o.recorder ? RECORD_SIGNATURES : SIGNATURES),
      ],
    },
  ],
});

/** The case as legal review's documents name it. */
const REVIEW_CASE_LINES: TemplateParagraph[] = [
  plain('案号：{{case.number}}　案由：{{case.title}}'),
  plain('当事人：{{party.name}}'),
  plain('拟作出的决定：{{sanction}}'),
  plain('法律依据：{{case.basis}}'),
];

export const DEFAULT_TEMPLATES: Record<DocumentKind, { title: string; body: TemplateBody }> = {
  filingApproval: {
    title: '立案审批表',
    body: {
      sections: [
        {
          paragraphs: [
            plain('案号：{{case.number}}'),
            plain('案由：{{case.title}}'),
            plain('当事人：{{party.name}}（{{party.kind}}）　{{party.idType}}：{{party.idNumber}}'),
            plain('权力事项：{{case.powerItem}}'),
            plain('立案日期：{{case.filedOn}}'),
          ],
        },
        { heading: '简要案情', paragraphs: [p('{{facts}}')] },
        { heading: '立案依据', paragraphs: [p('{{case.basis}}')] },
        {
          heading: '审批意见',
          paragraphs: [
            plain('承办人意见：建议立案调查。　承办人：{{officers}}'),
            plain('承办部门负责人意见：＿＿＿＿＿＿　　　　年　月　日'),
            plain('机关负责人审批意见：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  inspectionRecord: {
    title: '现场检查笔录',
    body: record([plain('检查时间：{{step.time}}'), plain('检查地点：{{step.place}}')], '检查情况'),
  },
  inquiryRecord: {
    title: '询问笔录',
    body: record([plain('询问时间：{{step.time}}'), plain('询问地点：{{step.place}}')], '询问记录'),
  },
  examinationRecord: {
    title: '勘验笔录',
    body: record([plain('勘验时间：{{step.time}}'), plain('勘验地点：{{step.place}}')], '勘验情况'),
  },
  samplingVoucher: {
    title: '抽样取证凭证',
    body: record(
      [plain('抽样时间：{{step.time}}'), plain('抽样地点：{{step.place}}')],
      '抽取的样品（名称、规格、数量）',
      { recorder: false },
    ),
  },
  penaltyNotice: {
    title: '行政处罚事先告知书',
    body: {
      code: '罚告',
      sections: [
        {
          paragraphs: [
            plain('{{party.name}}：'),
            p('经查，{{facts}}以上事实有{{evidence}}等证据为证。'),
            p(
              '你（单位）的上述行为属于{{case.violation}}的违法行为。依据{{case.basis}}的规定，本机关拟对你（单位）作出如下行政处罚：{{sanction}}。',
            ),
            p(
              '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。你（单位）可以在收到本告知书之日起五个工作日内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃陈述和申辩的权利。',
            ),
            p(
              '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求听证。如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃听证的权利。',
              { when: 'hearingOffered' },
            ),
            p(
              '你（单位）认为本案执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避。',
            ),
            p(CONTACT),
            p('承办执法人员：{{officers}}'),
          ],
        },
      ],
    },
  },
  hearingNotice: {
    title: '听证通知书',
    body: {
      code: '听通',
      sections: [
        {
          paragraphs: [
            plain('{{party.name}}：'),
            p(
              '根据你（单位）的申请，本机关定于{{hearing.date}}在{{hearing.place}}就{{case.title}}（案号：{{case.number}}）举行听证，请准时参加。',
            ),
            p(
              '你（单位）可以亲自参加听证，也可以委托一至二人代理。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。',
            ),
            p(
              '听证由本机关指定的非本案调查人员主持。你（单位）认为主持人与本案有直接利害关系的，有权申请回避，并应当在听证开始前提出。',
            ),
            p(CONTACT),
          ],
        },
      ],
    },
  },
  hearingRecord: {
    title: '听证笔录',
    body: {
      sections: [
        {
          paragraphs: [
            plain('案由：{{case.title}}（案号：{{case.number}}）'),
            plain('听证时间：{{step.time}}　听证地点：{{step.place}}'),
            plain('当事人：{{party.name}}'),
            plain('本案调查人员：{{officers}}'),
            plain('记录人：{{step.noteTaker}}'),
            p(
              '主持人宣布听证纪律，告知当事人有申请主持人回避的权利，有陈述、申辩和质证的权利。当事人是否申请回避：＿＿＿＿＿＿',
            ),
          ],
        },
        {
          heading: '听证经过',
          paragraphs: [p('{{step.notes}}'), p('当事人的陈述、申辩意见：＿＿＿＿＿＿')],
        },
        { paragraphs: [p('以上笔录已交当事人核对，与事实相符。'), ...RECORD_SIGNATURES] },
      ],
    },
  },
  penaltyDecision: {
    title: '行政处罚决定书',
    body: {
      code: '罚',
      sections: [
        {
          paragraphs: [
            ...PARTY_LINES,
            p('经查，{{facts}}以上事实有{{evidence}}等证据为证。'),
            p(
              '本机关于{{case.noticedOn}}向你（单位）告知了拟作出行政处罚的事实、理由、依据及你（单位）依法享有的陈述、申辩等权利。',
            ),
            p('{{statement}}'),
            p(
              '本机关认为，你（单位）的上述行为属于{{case.violation}}的违法行为。依据{{case.basis}}的规定，本机关决定对你（单位）作出如下行政处罚：{{sanction}}。',
            ),
            p(
              '请你（单位）自收到本决定书之日起十五日内，将罚款缴至{{payment.bank}}或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，每日按罚款数额的百分之三加处罚款。',
              { when: 'hasFine' },
            ),
            p(RECONSIDERATION_AND_SUIT),
            p('逾期不申请行政复议，不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。'),
          ],
        },
      ],
    },
  },
  noPenaltyDecision: {
    title: '不予行政处罚决定书',
    body: {
      code: '不罚',
      sections: [
        {
          paragraphs: [
            ...PARTY_LINES,
            p('经查，{{facts}}以上事实有{{evidence}}等证据为证。'),
            p('本机关认为：{{decision.reason}}。'),
            p(
              '根据{{case.basis}}及《中华人民共和国行政处罚法》第三十三条的规定，本机关决定对你（单位）不予行政处罚。',
            ),
            p(
              '如不服本决定，可以在收到本决定书之日起六十日内向上海市青浦区人民政府申请行政复议；也可以在收到本决定书之日起六个月内依法向上海铁路运输法院提起行政诉讼。',
            ),
          ],
        },
      ],
    },
  },
  serviceReceipt: {
    title: '送达回证',
    body: {
      sections: [
        {
          paragraphs: [
            plain('送达文书及文号：{{served}}'),
            plain('受送达人：{{party.name}}'),
            plain('送达地点：{{party.address}}'),
            plain('送达方式：{{step.serviceManner}}'),
            plain('送达时间：{{step.time}}'),
            plain('送达人：{{step.officers}}'),
            plain('受送达人（签名或盖章）：＿＿＿＿＿＿　　　　年　月　日'),
            plain('代收人及代收理由：＿＿＿＿＿＿'),
            plain('备注（留置送达的见证人等）：＿＿＿＿＿＿'),
          ],
        },
      ],
    },
  },
  legalReviewOpinion: {
    title: '法制审核意见书',
    body: {
      code: '法审',
      sections: [
        {
          paragraphs: [
            ...REVIEW_CASE_LINES,
            plain('审核环节：{{review.stage}}（{{review.round}}）'),
            plain('提请审核日期：{{review.submittedOn}}'),
            plain('承办部门提请审核的说明：{{review.statement}}'),
          ],
        },
        { heading: '审核参与情况', paragraphs: [plain('{{review.participants}}')] },
        { heading: '审核事项', paragraphs: [plain('{{review.checklist}}')] },
        {
          heading: '审核意见',
          paragraphs: [
            p('审核意见：{{review.opinion}}。'),
            p('理由：{{review.reasons}}'),
            p(
              '承办部门对本意见有异议的，可以在收到本意见书之日起2个工作日内书面申请复审；法制审核部门在3个工作日内书面答复。',
            ),
            plain('法制审核人员：{{review.reviewer}}　出具日期：{{review.date}}'),
            plain('法制审核人员（签名）：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  reReviewRequest: {
    title: '法制审核复审申请书',
    body: {
      sections: [
        {
          paragraphs: [
            ...REVIEW_CASE_LINES,
            plain('审核环节：{{review.stage}}（{{review.round}}）'),
            plain('原审核意见：{{review.number}}　{{review.opinion}}'),
            plain('申请人（承办人员）：{{reReview.applicant}}　申请日期：{{reReview.date}}'),
          ],
        },
        {
          heading: '申请复审的理由',
          paragraphs: [
            p('{{reReview.reasons}}'),
            p('承办部门对上述法制审核意见有异议，特书面申请复审。'),
            plain('承办人员（签名）：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  reReviewOpinion: {
    title: '法制审核复审意见书',
    body: {
      code: '法复审',
      sections: [
        {
          paragraphs: [
            ...REVIEW_CASE_LINES,
            plain('审核环节：{{review.stage}}（{{review.round}}）'),
            plain('原审核意见：{{review.number}}　{{review.opinion}}'),
            plain('复审申请：{{reReview.applicant}}于{{reReview.date}}提出'),
          ],
        },
        { heading: '申请复审的理由', paragraphs: [p('{{reReview.reasons}}')] },
        {
          heading: '复审意见',
          paragraphs: [
            p('复审结论：{{reReview.reply}}。'),
            p('{{reReview.replyText}}'),
            p('承办部门对复审意见仍有异议的，报本机关负责人决定。'),
            plain('法制审核人员：{{review.reviewer}}　答复日期：{{reReview.replyDate}}'),
            plain('法制审核人员（签名）：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  reReviewDecision: {
    title: '法制审核异议决定书',
    body: {
      sections: [
        {
          paragraphs: [
            ...REVIEW_CASE_LINES,
            plain('审核环节：{{review.stage}}（{{review.round}}）'),
            plain('原审核意见：{{review.number}}　{{review.opinion}}'),
            plain('复审申请：{{reReview.applicant}}于{{reReview.date}}提出'),
            plain('复审意见：{{reReview.reply}}（{{reReview.replyDate}}）'),
          ],
        },
        { heading: '异议及复审情况', paragraphs: [p('{{reReview.reasons}}'), p('{{reReview.replyText}}')] },
        {
          heading: '负责人决定',
          paragraphs: [
            p('决定：{{reReview.final}}。'),
            p('理由：{{reReview.finalReasons}}'),
            p('本决定为最终决定，本审核环节据此办结。'),
            plain('负责人：{{reReview.leader}}　决定日期：{{reReview.finalDate}}'),
            plain('负责人（签名）：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  collectiveDiscussion: {
    title: '重大行政执法决定集体讨论记录',
    body: {
      sections: [
        {
          paragraphs: [
            ...REVIEW_CASE_LINES,
            plain('讨论时间：{{meeting.date}}'),
            plain('出席人员：{{meeting.attendees}}'),
            plain('记录人：{{meeting.recorder}}'),
          ],
        },
        { heading: '案情', paragraphs: [p('{{facts}}')] },
        { heading: '讨论情况', paragraphs: [p('{{meeting.discussion}}')] },
        { heading: '出席人员意见', paragraphs: [plain('{{meeting.views}}')] },
        {
          heading: '讨论结论',
          paragraphs: [p('{{meeting.conclusion}}'), plain('出席人员（签名）：＿＿＿＿＿＿')],
        },
      ],
    },
  },
  closingApproval: {
    title: '结案审批表',
    body: {
      sections: [
        {
          paragraphs: [
            plain('案号：{{case.number}}　案由：{{case.title}}'),
            plain('当事人：{{party.name}}'),
            plain('立案日期：{{case.filedOn}}　决定日期：{{case.decidedOn}}'),
            plain('处理结果：{{sanction}}'),
            plain('执行情况：＿＿＿＿＿＿'),
          ],
        },
        {
          heading: '审批意见',
          paragraphs: [
            plain('承办人意见：建议结案。　承办人：{{officers}}'),
            plain('承办部门负责人意见：＿＿＿＿＿＿　　　　年　月　日'),
            plain('机关负责人审批意见：＿＿＿＿＿＿　　　　年　月　日'),
          ],
        },
      ],
    },
  },
  seizureDecision: {
    title: '查封（扣押）决定书',
    body: {
      code: '查扣',
      sections: [
        {
          paragraphs: [
            ...PARTY_LINES,
            p('经查，{{facts}}'),
            p(
              '依据{{case.basis}}及《中华人民共和国行政强制法》第二十四条的规定，本机关决定对你（单位）的有关场所、设施或者财物予以查封（扣押），期限为三十日，查封（扣押）的场所、设施或者财物见所附清单。',
            ),
            p(RECONSIDERATION_AND_SUIT),
          ],
        },
      ],
    },
  },
  seizureList: {
    title: '查封（扣押）场所、设施、财物清单',
    body: {
      sections: [
        {
          paragraphs: [
            plain('案号：{{case.number}}　当事人：{{party.name}}'),
            plain('查封（扣押）时间：{{step.time}}　地点：{{step.place}}'),
          ],
        },
        { heading: '名称、规格、数量、状况', paragraphs: [p('{{step.notes}}')] },
        { paragraphs: SIGNATURES },
      ],
    },
  },
  admonitionNotice: {
    title: '催告书',
    body: {
      code: '催',
      sections: [
        {
          paragraphs: [
            plain('{{party.name}}：'),
            p(
              '本机关于{{case.decidedOn}}对你（单位）作出的行政决定（{{case.title}}），你（单位）至今未履行。',
            ),
            p(
              '根据《中华人民共和国行政强制法》第三十五条的规定，现催告你（单位）自收到本催告书之日起十日内履行上述义务：{{sanction}}。',
            ),
            p(
              '你（单位）有权进行陈述和申辩，可以在收到本催告书之日起三日内向本机关提出陈述、申辩意见。逾期仍不履行的，本机关将依法强制执行或者申请人民法院强制执行。',
            ),
            p(CONTACT),
          ],
        },
      ],
    },
  },
  executionDecision: {
    title: '行政强制执行决定书',
    body: {
      code: '强执',
      sections: [
        {
          paragraphs: [
            ...PARTY_LINES,
            p('经查，{{facts}}本机关已依法催告，你（单位）在催告期限内仍未履行义务，且无正当理由。'),
            p(
              '依据{{case.basis}}及《中华人民共和国行政强制法》第三十七条的规定，本机关决定依法强制执行。强制执行的方式和时间另行通知。',
            ),
            p(RECONSIDERATION_AND_SUIT),
          ],
        },
      ],
    },
  },
};
