import { describe, expect, it } from 'vitest';
import type { IndexItem } from './archive-manifest';
import {
  caseFileName,
  coverOf,
  formatArchiveNumber,
  itemTitle,
  missingItems,
  missingReviewItems,
  orderIndex,
  pageCount,
  parseArchiveNumber,
  requiredDocuments,
  SUB_VOLUME_KINDS,
  volumeOf,
  type ReviewFileFacts,
  type FileCheckInput,
  type FileItem,
  type MissingItem,
} from './case-file';
import type { ActType, Procedure } from './case-types';
import { DOCUMENT_KINDS, DOCUMENT_KIND_INFO, type DocumentKind } from './documents';

describe('archive number (closing year + 4-digit sequence)', () => {
  it.each([
    [2026, 1, '2026-0001'],
    [2026, 7, '2026-0007'],
    [2026, 123, '2026-0123'],
    [2026, 9999, '2026-9999'],
    [2026, 12345, '2026-12345'],
  ])('REC-08 formatArchiveNumber(%i, %i) → %s, and parses back', (year, seq, s) => {
    expect(formatArchiveNumber(year, seq)).toBe(s);
    expect(parseArchiveNumber(s)).toEqual({ year, seq });
  });

  it.each([
    '',
    '2026',
    '2026-',
    '2026-007',
    '2026-7',
    '26-0007',
    '02026-0007',
    '2026/0007',
    '2026_0007',
    '2026-0007 ',
    ' 2026-0007',
    '2026-0007a',
    'abcd-0007',
    '2026-00O7',
    '2026 0007',
    '青国动罚字〔2026〕第12号',
  ])('REC-08 parseArchiveNumber rejects %j', (s) => {
    expect(parseArchiveNumber(s)).toBeNull();
  });
});

describe('caseFileName (案卷题名 = party + violation + 案)', () => {
  it.each([
    ['某某建设有限公司', '未按规定修建防空地下室', '某某建设有限公司未按规定修建防空地下室案'],
    ['某某建设有限公司', '未按规定修建防空地下室案', '某某建设有限公司未按规定修建防空地下室案'],
    ['张三', '擅自拆除人防工程案 ', '张三擅自拆除人防工程案'],
    ['张三', ' 擅自拆除人防工程 ', '张三擅自拆除人防工程案'],
    ['张三', '案', '张三案'],
  ])('REC-08 %s + %j → %s (案 never doubled)', (party, violation, name) => {
    expect(caseFileName(party, violation)).toBe(name);
    expect(caseFileName(party, violation)).not.toMatch(/案案$/);
  });
});

// ---- index ---------------------------------------------------------------------------------------

let seq = 0;
function item(recordId: string, o: Partial<FileItem> = {}): FileItem {
  seq++;
  return {
    recordId,
    kind: o.documentKind ? 'document' : 'photo',
    documentKind: null,
    documentNumber: null,
    scanOf: null,
    stepKind: null,
    fileName: `${recordId}.bin`,
    version: 1,
    date: '2026-03-01',
    createdAt: `2026-03-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    pages: null,
    ...o,
  };
}
const doc = (
  recordId: string,
  documentKind: DocumentKind,
  date: string,
  createdAt: string,
  o: Partial<FileItem> = {},
) => item(recordId, { kind: 'document', documentKind, date, createdAt, ...o });
const scan = (recordId: string, of: string, date: string, createdAt: string) =>
  item(recordId, { kind: 'scan', scanOf: of, date, createdAt, fileName: `${recordId}.pdf`, pages: 1 });

const ids = (index: readonly IndexItem[]) => index.map((i) => i.recordId);

/** Every order of a few, plus reversal: the index must not depend on the order it was given. */
function shuffles<T>(xs: readonly T[]): T[][] {
  const rotate = (n: number) => [...xs.slice(n), ...xs.slice(0, n)];
  const interleave = [...xs.filter((_, n) => n % 2 === 1), ...xs.filter((_, n) => n % 2 === 0)];
  return [[...xs], [...xs].reverse(), rotate(3), rotate(7), interleave, [...interleave].reverse()];
}

describe('orderIndex', () => {
  // A full ordinary penalty case, one item of every rank, written down in the expected order.
  const expected: FileItem[] = [
    doc('fa', 'filingApproval', '2026-03-01', '2026-03-01T01:00:00.000Z', { pages: 1 }),
    doc('pd', 'penaltyDecision', '2026-05-10', '2026-05-10T02:00:00.000Z', {
      documentNumber: '青国动罚字〔2026〕第12号',
      pages: 3,
      version: 2,
    }),
    doc('npd', 'noPenaltyDecision', '2026-05-12', '2026-05-12T02:00:00.000Z', {
      documentNumber: '青国动不罚字〔2026〕第1号',
      pages: 2,
    }),
    doc('sr1', 'serviceReceipt', '2026-04-21', '2026-04-21T02:00:00.000Z', { pages: 1 }),
    // the signed scan of sr1, recorded weeks later
    scan('sr1-scan', 'sr1', '2026-05-25', '2026-05-25T08:00:00.000Z'),
    doc('sr2', 'serviceReceipt', '2026-05-11', '2026-05-11T02:00:00.000Z', { pages: 1 }),
    doc('pn', 'penaltyNotice', '2026-04-20', '2026-04-20T02:00:00.000Z', {
      documentNumber: '青国动罚告字〔2026〕第3号',
      pages: 2,
    }),
    doc('hn', 'hearingNotice', '2026-04-25', '2026-04-25T02:00:00.000Z', { pages: 1 }),
    doc('hr', 'hearingRecord', '2026-04-30', '2026-04-30T02:00:00.000Z', { pages: 4 }),
    // evidence: 笔录 and media by date, then recording time; the scan of ir right after ir
    doc('ir', 'inspectionRecord', '2026-03-05', '2026-03-05T01:00:00.000Z', {
      pages: 2,
      stepKind: 'inspection',
    }),
    scan('ir-scan', 'ir', '2026-06-02', '2026-06-02T09:00:00.000Z'),
    item('photo-early', {
      kind: 'photo',
      stepKind: 'inspection',
      date: '2026-03-05',
      createdAt: '2026-03-05T01:30:00.000Z',
    }),
    item('photo-late', {
      kind: 'photo',
      stepKind: 'inspection',
      date: '2026-03-05',
      createdAt: '2026-03-05T03:00:00.000Z',
    }),
    item('video', {
      kind: 'video',
      stepKind: 'inspection',
      date: '2026-03-06',
      createdAt: '2026-03-06T01:00:00.000Z',
    }),
    doc('iq', 'inquiryRecord', '2026-03-10', '2026-03-10T01:00:00.000Z', { pages: 3, stepKind: 'inquiry' }),
    item('audio', {
      kind: 'audio',
      stepKind: 'inquiry',
      date: '2026-03-10',
      createdAt: '2026-03-10T01:05:00.000Z',
    }),
    // a scan whose document is not in the file stands alone as evidence
    scan('orphan-scan', 'not-in-file', '2026-03-11', '2026-03-11T01:00:00.000Z'),
    doc('sv', 'samplingVoucher', '2026-03-12', '2026-03-12T01:00:00.000Z', { pages: 1 }),
    item('note', { kind: 'text', date: '2026-03-20', createdAt: '2026-03-20T01:00:00.000Z', pages: 1 }),
    doc('ca', 'closingApproval', '2026-06-01', '2026-06-01T01:00:00.000Z', { pages: 1 }),
    // sub-volume, though dated before the closing approval
    doc('lro', 'legalReviewOpinion', '2026-03-01', '2026-03-01T02:00:00.000Z', { pages: 2 }),
    doc('lro2', 'legalReviewOpinion', '2026-05-01', '2026-05-01T02:00:00.000Z', { pages: 2 }),
    doc('cd', 'collectiveDiscussion', '2026-05-05', '2026-05-05T02:00:00.000Z', { pages: 3 }),
  ];
  const expectedIds = expected.map((i) => i.recordId);

  it.each(shuffles(expected).map((xs, n) => [n, xs] as const))(
    'REC-08 index follows the standard order: 立案审批表 → 决定书 and 送达回证 → other documents → evidence → 结案审批表, sub-volume last (input order #%i)',
    (_n, items) => {
      expect(ids(orderIndex(items))).toEqual(expectedIds);
    },
  );

  it('REC-08 items are numbered 1… on across both volumes; the sub-volume is numbered after the main volume', () => {
    const index = orderIndex([...expected].reverse());
    expect(index.map((i) => i.order)).toEqual(expected.map((_, n) => n + 1));
    const firstSub = index.findIndex((i) => i.volume === 'sub');
    expect(index.slice(0, firstSub).every((i) => i.volume === 'main')).toBe(true);
    expect(index.slice(firstSub).map((i) => i.recordId)).toEqual(['lro', 'lro2', 'cd']);
    expect(index.slice(firstSub).every((i) => i.volume === 'sub')).toBe(true);
    expect(index[firstSub - 1]!.recordId).toBe('ca');
  });

  it('REC-08 index lines carry title, 文号, date, record and pages', () => {
    const index = orderIndex(expected);
    expect(index.find((i) => i.recordId === 'pd')).toEqual({
      order: 2,
      volume: 'main',
      title: '行政处罚决定书（第2版）',
      documentNumber: '青国动罚字〔2026〕第12号',
      date: '2026-05-10',
      recordId: 'pd',
      pages: 3,
    });
    expect(index.find((i) => i.recordId === 'sr1-scan')).toMatchObject({
      title: '签名扫描件：sr1-scan.pdf',
      date: '2026-05-25',
      documentNumber: null,
      pages: 1,
    });
    expect(index.find((i) => i.recordId === 'video')).toMatchObject({
      title: '检查录像：video.bin',
      pages: null,
    });
  });

  it('REC-08 a signed scan follows its document even when recorded later than everything else', () => {
    const items = [
      doc('ir', 'inspectionRecord', '2026-03-05', '2026-03-05T01:00:00.000Z'),
      item('p1', { date: '2026-03-05', createdAt: '2026-03-05T02:00:00.000Z' }),
      item('p2', { date: '2026-03-09', createdAt: '2026-03-09T02:00:00.000Z' }),
      scan('ir-scan-1', 'ir', '2026-07-01', '2026-07-01T01:00:00.000Z'),
      scan('ir-scan-2', 'ir', '2026-06-01', '2026-06-01T01:00:00.000Z'),
    ];
    for (const xs of shuffles(items))
      expect(ids(orderIndex(xs))).toEqual(['ir', 'ir-scan-2', 'ir-scan-1', 'p1', 'p2']);
  });

  it('REC-08 a signed scan follows its document even when another item shares the document’s date and time', () => {
    // Records made in one transaction share their recording time.
    const at = '2026-03-05T01:00:00.000Z';
    const items = [
      doc('a-ir', 'inspectionRecord', '2026-03-05', at),
      doc('b-iq', 'inquiryRecord', '2026-03-05', at),
      scan('z-scan-a', 'a-ir', '2026-03-20', '2026-03-20T01:00:00.000Z'),
      scan('y-scan-b', 'b-iq', '2026-03-21', '2026-03-21T01:00:00.000Z'),
    ];
    for (const xs of shuffles(items))
      expect(ids(orderIndex(xs))).toEqual(['a-ir', 'z-scan-a', 'b-iq', 'y-scan-b']);
  });

  it('REC-08 the signed scan of a sub-volume document stays with it in the sub-volume', () => {
    const items = [
      doc('fa', 'filingApproval', '2026-03-01', '2026-03-01T01:00:00.000Z'),
      doc('cd', 'collectiveDiscussion', '2026-05-05', '2026-05-05T01:00:00.000Z'),
      scan('cd-scan', 'cd', '2026-05-06', '2026-05-06T01:00:00.000Z'),
      doc('ca', 'closingApproval', '2026-06-01', '2026-06-01T01:00:00.000Z'),
      doc('lro', 'legalReviewOpinion', '2026-05-20', '2026-05-20T01:00:00.000Z'),
    ];
    for (const xs of shuffles(items)) {
      const index = orderIndex(xs);
      expect(ids(index)).toEqual(['fa', 'ca', 'cd', 'cd-scan', 'lro']);
      expect(index.map((i) => i.volume)).toEqual(['main', 'main', 'sub', 'sub', 'sub']);
    }
  });

  it.each([
    // [why, a, b, expected order]
    [
      'same date: earlier recording time first',
      item('x', { date: '2026-03-05', createdAt: '2026-03-05T09:00:00.000Z' }),
      item('y', { date: '2026-03-05', createdAt: '2026-03-05T08:00:00.000Z' }),
      ['y', 'x'],
    ],
    [
      'the date wins over the recording time',
      item('x', { date: '2026-03-04', createdAt: '2026-03-06T09:00:00.000Z' }),
      item('y', { date: '2026-03-05', createdAt: '2026-03-05T08:00:00.000Z' }),
      ['x', 'y'],
    ],
    [
      'full tie: by record id',
      item('b', { date: '2026-03-05', createdAt: '2026-03-05T08:00:00.000Z' }),
      item('a', { date: '2026-03-05', createdAt: '2026-03-05T08:00:00.000Z' }),
      ['a', 'b'],
    ],
    [
      'two decisions the same day: by recording time',
      doc('d2', 'penaltyDecision', '2026-05-10', '2026-05-10T09:00:00.000Z'),
      doc('d1', 'seizureDecision', '2026-05-10', '2026-05-10T08:00:00.000Z'),
      ['d1', 'd2'],
    ],
    [
      'decisions before receipts, whatever their dates',
      doc('r', 'serviceReceipt', '2026-03-01', '2026-03-01T00:00:00.000Z'),
      doc('d', 'executionDecision', '2026-06-01', '2026-06-01T00:00:00.000Z'),
      ['d', 'r'],
    ],
    [
      'receipts before other documents',
      doc('n', 'admonitionNotice', '2026-03-01', '2026-03-01T00:00:00.000Z'),
      doc('r', 'serviceReceipt', '2026-06-01', '2026-06-01T00:00:00.000Z'),
      ['r', 'n'],
    ],
    [
      'other documents (清单) before evidence (笔录)',
      doc('e', 'examinationRecord', '2026-03-01', '2026-03-01T00:00:00.000Z'),
      doc('l', 'seizureList', '2026-06-01', '2026-06-01T00:00:00.000Z'),
      ['l', 'e'],
    ],
    [
      '结案审批表 after all evidence',
      doc('c', 'closingApproval', '2026-01-01', '2026-01-01T00:00:00.000Z'),
      item('v', { kind: 'video', date: '2026-12-01', createdAt: '2026-12-01T00:00:00.000Z' }),
      ['v', 'c'],
    ],
    [
      '立案审批表 first',
      doc('f', 'filingApproval', '2026-12-01', '2026-12-01T00:00:00.000Z'),
      doc('d', 'penaltyDecision', '2026-01-01', '2026-01-01T00:00:00.000Z'),
      ['f', 'd'],
    ],
  ] as Array<[string, FileItem, FileItem, string[]]>)('REC-08 %s', (_why, a, b, order) => {
    expect(ids(orderIndex([a, b]))).toEqual(order);
    expect(ids(orderIndex([b, a]))).toEqual(order);
  });

  it('an empty file has an empty index', () => {
    expect(orderIndex([])).toEqual([]);
  });
});

describe('volumeOf', () => {
  it.each(DOCUMENT_KINDS.map((k) => [k] as const))('REC-08 REV-08 %s', (k) => {
    const sub = [
      'legalReviewOpinion',
      'reReviewRequest',
      'reReviewOpinion',
      'reReviewDecision',
      'collectiveDiscussion',
    ].includes(k);
    expect(volumeOf(item('x', { documentKind: k }))).toBe(sub ? 'sub' : 'main');
    expect(SUB_VOLUME_KINDS.has(k)).toBe(sub);
  });

  it('REV-08 the sub-volume follows the whole main volume in the index, numbered on', () => {
    const idx = orderIndex([
      doc('o', 'legalReviewOpinion', '2026-01-02', '2026-01-02T00:00:00.000Z'),
      doc('m', 'collectiveDiscussion', '2026-01-03', '2026-01-03T00:00:00.000Z'),
      doc('c', 'closingApproval', '2026-02-01', '2026-02-01T00:00:00.000Z'),
      doc('r', 'reReviewOpinion', '2026-01-04', '2026-01-04T00:00:00.000Z'),
    ]);
    expect(idx.map((i) => [i.order, i.volume, i.title])).toEqual([
      [1, 'main', '结案审批表'],
      [2, 'sub', '法制审核意见书'],
      [3, 'sub', '集体讨论记录'],
      [4, 'sub', '复审意见书'],
    ]);
  });

  it('REC-08 records that are not documents are in the main volume', () => {
    expect(volumeOf(item('x', { kind: 'video' }))).toBe('main');
  });
});

describe('itemTitle', () => {
  it.each([
    [{ kind: 'document', documentKind: 'penaltyDecision' }, '行政处罚决定书'],
    [{ kind: 'document', documentKind: 'penaltyDecision', version: 3 }, '行政处罚决定书（第3版）'],
    [{ kind: 'document', documentKind: 'closingApproval', stepKind: 'other' }, '结案审批表'],
    [{ kind: 'photo', stepKind: 'inspection', fileName: 'a.jpg' }, '检查照片：a.jpg'],
    [{ kind: 'video', stepKind: 'seizure', fileName: 'b.mp4', version: 2 }, '查封扣押录像：b.mp4（第2版）'],
    [{ kind: 'audio', stepKind: null, fileName: 'c.m4a' }, '录音：c.m4a'],
    [{ kind: 'text', stepKind: 'inquiry', fileName: 'note.txt' }, '询问文字记录：note.txt'],
    [{ kind: 'hologram', stepKind: null, fileName: 'h.bin' }, '记录：h.bin'],
    [
      { kind: 'scan', scanOf: 'r1', stepKind: 'inspection', fileName: 's.pdf', version: 2 },
      '签名扫描件：s.pdf',
    ],
  ] as Array<[Partial<FileItem>, string]>)('%o → %s', (o, title) => {
    expect(itemTitle(item('x', o))).toBe(title);
  });
});

describe('pageCount', () => {
  const line = (pages: number | null): IndexItem => ({
    order: 1,
    volume: 'main',
    title: 't',
    documentNumber: null,
    date: '2026-03-01',
    recordId: 'r',
    pages,
  });
  it.each([
    [[], 0],
    [[3], 3],
    [[3, 2, 1], 6],
    [[null], 1],
    [[3, null, null, 4], 9],
    [[0, null], 1],
  ])('REC-08 pages %j → %i', (pages, n) => {
    expect(pageCount(pages.map(line))).toBe(n);
  });

  it('REC-08 the cover counts the pages of its index and names the case', () => {
    const index = orderIndex([
      doc('fa', 'filingApproval', '2026-03-01', '2026-03-01T01:00:00.000Z', { pages: 2 }),
      item('v', { kind: 'video' }),
      doc('pd', 'penaltyDecision', '2026-05-10', '2026-05-10T01:00:00.000Z', { pages: 3 }),
    ]);
    const cover = coverOf(
      {
        partyName: '某某建设有限公司',
        violation: '未按规定修建防空地下室案',
        caseNumber: '青国动立〔2026〕5号',
        decisionNumber: '青国动罚字〔2026〕第12号',
        unitName: '执法科',
        agencyName: '青浦区国动办',
        filedOn: '2026-03-01',
        closedOn: '2026-06-01',
        retention: 'permanent',
        retentionLabel: '永久',
        archiveNumber: '2026-0007',
      },
      index,
    );
    expect(cover).toEqual({
      caseName: '某某建设有限公司未按规定修建防空地下室案',
      caseNumber: '青国动立〔2026〕5号',
      decisionNumber: '青国动罚字〔2026〕第12号',
      unitName: '执法科',
      agencyName: '青浦区国动办',
      filedOn: '2026-03-01',
      closedOn: '2026-06-01',
      retention: 'permanent',
      retentionLabel: '永久',
      pageCount: 6,
      archiveNumber: '2026-0007',
    });
  });
});

// ---- missing items --------------------------------------------------------------------------------

type Issued = FileCheckInput['issued'][number];
let docSeq = 0;
const issued = (kind: DocumentKind, o: Partial<Issued> = {}): Issued => ({
  id: `doc-${++docSeq}`,
  kind,
  number: null,
  signed: DOCUMENT_KIND_INFO[kind].partySigns,
  ...o,
});
const check = (o: Partial<FileCheckInput>): FileCheckInput => ({
  actType: 'penalty',
  procedure: 'ordinary',
  outcome: 'penalty',
  terminated: false,
  issued: [],
  drafts: [],
  ...o,
});
const missingKinds = (m: MissingItem[]) =>
  m.filter((x) => x.code === 'DOCUMENT_MISSING').map((x) => x.documentKind);

describe('requiredDocuments', () => {
  it.each([
    // [actType, procedure, outcome, terminated, required]
    ['penalty', 'ordinary', 'penalty', false, ['penaltyNotice', 'penaltyDecision', 'serviceReceipt']],
    ['penalty', 'ordinary', 'noPenalty', false, ['noPenaltyDecision', 'serviceReceipt']],
    ['penalty', 'ordinary', null, false, []],
    ['penalty', 'ordinary', 'penalty', true, []],
    ['penalty', 'simplified', 'penalty', false, ['penaltyDecision']],
    ['penalty', 'simplified', null, false, ['penaltyDecision']],
    ['penalty', 'simplified', 'penalty', true, []],
    ['compulsion', 'measure', null, false, ['seizureDecision', 'seizureList']],
    ['compulsion', 'execution', null, false, ['admonitionNotice', 'executionDecision']],
    ['compulsion', 'execution', null, true, []],
    ['inspection', 'standard', null, false, []],
    ['licensing', 'standard', null, false, []],
    ['licensing', 'commitment', null, false, []],
    ['expropriation', 'standard', null, false, []],
  ] as Array<[ActType, Procedure, string | null, boolean, DocumentKind[]]>)(
    'REC-08 %s / %s, outcome %s, terminated %s → %j',
    (actType, procedure, outcome, terminated, required) => {
      expect(requiredDocuments({ actType, procedure, outcome, terminated })).toEqual(required);
    },
  );
});

describe('missingItems', () => {
  const completePenalty = () => [
    issued('filingApproval'),
    issued('inspectionRecord'),
    issued('penaltyNotice', { number: '青国动罚告字〔2026〕第3号' }),
    issued('penaltyDecision', { number: '青国动罚字〔2026〕第12号' }),
    issued('serviceReceipt'),
    issued('serviceReceipt'),
    issued('closingApproval'),
  ];

  it('REC-08 a complete ordinary penalty file misses nothing', () => {
    expect(missingItems(check({ issued: completePenalty() }))).toEqual([]);
  });

  it.each([
    // [drop, missing kinds]
    [['penaltyNotice'], ['penaltyNotice']],
    [['penaltyDecision'], ['penaltyDecision']],
    [['serviceReceipt'], ['serviceReceipt']],
    [
      ['penaltyNotice', 'penaltyDecision', 'serviceReceipt'],
      ['penaltyNotice', 'penaltyDecision', 'serviceReceipt'],
    ],
  ] as Array<[DocumentKind[], DocumentKind[]]>)(
    'REC-08 ordinary penalty file without %j misses %j',
    (drop, missing) => {
      const m = missingItems(check({ issued: completePenalty().filter((d) => !drop.includes(d.kind)) }));
      expect(m.every((x) => x.code === 'DOCUMENT_MISSING')).toBe(true);
      expect(missingKinds(m)).toEqual(missing);
    },
  );

  it('REC-08 an ordinary penalty file with nothing issued misses 告知书, 决定书 and 送达回证, by name', () => {
    expect(missingItems(check({}))).toEqual([
      { code: 'DOCUMENT_MISSING', documentKind: 'penaltyNotice', message: '缺少行政处罚事先告知书' },
      { code: 'DOCUMENT_MISSING', documentKind: 'penaltyDecision', message: '缺少行政处罚决定书' },
      { code: 'DOCUMENT_MISSING', documentKind: 'serviceReceipt', message: '缺少送达回证' },
    ]);
  });

  it.each([
    // [input, missing kinds]
    [check({ outcome: 'noPenalty' }), ['noPenaltyDecision', 'serviceReceipt']],
    [check({ outcome: 'noPenalty', issued: [issued('noPenaltyDecision'), issued('serviceReceipt')] }), []],
    [
      check({ outcome: 'noPenalty', issued: [issued('penaltyDecision'), issued('serviceReceipt')] }),
      ['noPenaltyDecision'],
    ],
    [check({ procedure: 'simplified' }), ['penaltyDecision']],
    [check({ procedure: 'simplified', issued: [issued('penaltyDecision')] }), []],
    [check({ terminated: true }), []],
    [check({ terminated: true, outcome: null, procedure: 'simplified' }), []],
    [
      check({ actType: 'compulsion', procedure: 'measure', outcome: null }),
      ['seizureDecision', 'seizureList'],
    ],
    [
      check({
        actType: 'compulsion',
        procedure: 'measure',
        outcome: null,
        issued: [issued('seizureDecision')],
      }),
      ['seizureList'],
    ],
    [
      check({
        actType: 'compulsion',
        procedure: 'measure',
        outcome: null,
        issued: [issued('seizureDecision'), issued('seizureList')],
      }),
      [],
    ],
    [
      check({ actType: 'compulsion', procedure: 'execution', outcome: null }),
      ['admonitionNotice', 'executionDecision'],
    ],
    [
      check({
        actType: 'compulsion',
        procedure: 'execution',
        outcome: null,
        issued: [issued('admonitionNotice')],
      }),
      ['executionDecision'],
    ],
    [check({ actType: 'inspection', procedure: 'standard', outcome: null }), []],
  ])('REC-08 %o misses %j', (input, missing) => {
    expect(missingKinds(missingItems(input))).toEqual(missing);
  });

  it('REC-08 a terminated case requires nothing, but unsigned documents and drafts still show', () => {
    const m = missingItems(
      check({
        terminated: true,
        issued: [issued('inquiryRecord', { id: 'iq', signed: false })],
        drafts: [{ id: 'dr', kind: 'penaltyNotice' }],
      }),
    );
    expect(m.map((x) => [x.code, x.documentId])).toEqual([
      ['SIGNATURE_MISSING', 'iq'],
      ['DRAFT_NOT_ISSUED', 'dr'],
    ]);
  });

  it.each(DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_INFO[k].partySigns] as const))(
    'REC-08 an unsigned %s is reported missing a signature: %s',
    (kind, partySigns) => {
      const m = missingItems(
        check({ terminated: true, issued: [issued(kind, { id: 'd1', signed: false })] }),
      );
      expect(m.map((x) => x.code)).toEqual(partySigns ? ['SIGNATURE_MISSING'] : []);
      const signed = missingItems(
        check({ terminated: true, issued: [issued(kind, { id: 'd1', signed: true })] }),
      );
      expect(signed).toEqual([]);
    },
  );

  it('REC-08 unsigned documents are named with their 文号 when they have one', () => {
    const m = missingItems(
      check({
        issued: [
          ...completePenalty().filter((d) => d.kind !== 'serviceReceipt'),
          issued('serviceReceipt', { id: 'sr', signed: false }),
          issued('inspectionRecord', { id: 'ir', signed: false, number: '检〔2026〕1号' }),
        ],
      }),
    );
    expect(m).toEqual([
      {
        code: 'SIGNATURE_MISSING',
        documentKind: 'serviceReceipt',
        documentId: 'sr',
        message: '送达回证尚未附当事人签名的扫描件',
      },
      {
        code: 'SIGNATURE_MISSING',
        documentKind: 'inspectionRecord',
        documentId: 'ir',
        message: '现场检查笔录（检〔2026〕1号）尚未附当事人签名的扫描件',
      },
    ]);
  });

  it('REC-08 drafts never issued are listed, after missing documents and signatures', () => {
    const m = missingItems(
      check({
        issued: completePenalty().filter((d) => d.kind !== 'penaltyNotice'),
        drafts: [
          { id: 'dr1', kind: 'hearingNotice' },
          { id: 'dr2', kind: 'penaltyDecision' },
        ],
      }),
    );
    expect(m).toEqual([
      { code: 'DOCUMENT_MISSING', documentKind: 'penaltyNotice', message: '缺少行政处罚事先告知书' },
      {
        code: 'DRAFT_NOT_ISSUED',
        documentKind: 'hearingNotice',
        documentId: 'dr1',
        message: '听证通知书草稿未签发',
      },
      {
        code: 'DRAFT_NOT_ISSUED',
        documentKind: 'penaltyDecision',
        documentId: 'dr2',
        message: '行政处罚决定书草稿未签发',
      },
    ]);
  });

  it.each([
    ['penalty', 'ordinary', 'penalty'],
    ['penalty', 'ordinary', 'noPenalty'],
    ['penalty', 'simplified', 'penalty'],
    ['compulsion', 'measure', null],
    ['compulsion', 'execution', null],
    ['inspection', 'standard', null],
  ] as Array<[ActType, Procedure, string | null]>)(
    'REC-08 a complete %s / %s file (outcome %s), every document signed, no drafts → []',
    (actType, procedure, outcome) => {
      const base = { actType, procedure, outcome, terminated: false };
      const all = [
        ...requiredDocuments(base),
        'filingApproval',
        'inquiryRecord',
        'closingApproval',
      ] as DocumentKind[];
      expect(missingItems({ ...base, issued: all.map((k) => issued(k)), drafts: [] })).toEqual([]);
    },
  );
});

describe('missingReviewItems (REV-04, REV-06, REV-08)', () => {
  const at = (d: string) => `${d}T02:00:00.000Z`;
  const t = (action: string, d: string) =>
    ({ action, at: at(d), on: d }) as ReviewFileFacts['transitions'][number];
  const PASSED: ReviewFileFacts['transitions'] = [
    t('startInvestigation', '2026-03-02'),
    t('endInvestigation', '2026-03-10'),
    t('notice', '2026-03-11'),
    t('decide', '2026-03-20'),
    t('serve', '2026-03-21'),
    t('execute', '2026-03-25'),
    t('close', '2026-03-30'),
  ];
  const agreed = (stage: ReviewFileFacts['reviews'][number]['stage']) => ({
    stage,
    opinion: { kind: 'agree' as const, issued: true },
    reply: null,
    finalDecision: null,
  });
  const base: ReviewFileFacts = {
    lifecycle: 'penaltyOrdinary',
    major: true,
    majorSince: null,
    preDecisionRequired: false,
    transitions: PASSED,
    reviews: [agreed('filing'), agreed('endOfInvestigation'), agreed('beforeDecision'), agreed('closing')],
    meeting: { heldOn: '2026-03-19', issued: true },
  };
  const codes = (f: ReviewFileFacts) => missingReviewItems(f).map((m) => [m.code, m.stage ?? null]);

  it('REV-04 REV-06 a major case with an agreeing 意见书 for each stage and the meeting record lacks nothing', () => {
    expect(missingReviewItems(base)).toEqual([]);
  });

  it('REV-04 each stage the case passed without an issued agreeing 意见书 is missing, named in Chinese', () => {
    const items = missingReviewItems({
      ...base,
      reviews: [
        agreed('filing'),
        // Not agreed: a 继续调查 opinion adopted, then never reviewed again.
        {
          stage: 'endOfInvestigation',
          opinion: { kind: 'investigateFurther', issued: true },
          reply: null,
          finalDecision: null,
        },
        // Agreed, but the 意见书 was never issued.
        {
          stage: 'beforeDecision',
          opinion: { kind: 'agree', issued: false },
          reply: null,
          finalDecision: null,
        },
      ],
    });
    expect(items.map((m) => m.stage)).toEqual(['endOfInvestigation', 'beforeDecision', 'closing']);
    expect(items.every((m) => m.code === 'LEGAL_REVIEW_MISSING')).toBe(true);
    expect(items[0]!.message).toBe('缺少调查终结审核同意的法制审核意见书（或负责人对异议的决定书）');
    expect(items[2]!.message).toContain('结案审批审核');
  });

  it("REV-07 a stage ended by the leader's written decision, or by a 复审意见书 revised to 同意, is not missing", () => {
    expect(
      codes({
        ...base,
        reviews: [
          {
            stage: 'filing',
            opinion: { kind: 'change', issued: true },
            reply: { kind: 'change', issued: true },
            finalDecision: { issued: true },
          },
          {
            stage: 'endOfInvestigation',
            opinion: { kind: 'correct', issued: true },
            reply: { kind: 'agree', issued: true },
            finalDecision: null,
          },
          agreed('beforeDecision'),
          agreed('closing'),
        ],
      }),
    ).toEqual([]);
    // The leader decided, but the 决定书 is not there.
    expect(
      codes({
        ...base,
        reviews: [
          {
            stage: 'filing',
            opinion: { kind: 'change', issued: true },
            reply: { kind: 'change', issued: true },
            finalDecision: { issued: false },
          },
          agreed('endOfInvestigation'),
          agreed('beforeDecision'),
          agreed('closing'),
        ],
      }),
    ).toEqual([['LEGAL_REVIEW_MISSING', 'filing']]);
  });

  it('REV-06 a major case decided without the 集体讨论记录, or with a meeting after the decision, lacks it', () => {
    const missing = [['COLLECTIVE_DISCUSSION_MISSING', null]];
    expect(codes({ ...base, meeting: null })).toEqual(missing);
    expect(codes({ ...base, meeting: { heldOn: '2026-03-19', issued: false } })).toEqual(missing);
    expect(codes({ ...base, meeting: { heldOn: '2026-03-21', issued: true } })).toEqual(missing);
    expect(codes({ ...base, meeting: { heldOn: '2026-03-20', issued: true } })).toEqual([]);
    expect(missingReviewItems({ ...base, meeting: null })[0]!.message).toBe(
      '缺少作出决定前案审会的集体讨论记录',
    );
  });

  it('REV-04 a case that became major midway needs only the stages from then on; stages not reached are not asked for', () => {
    expect(
      codes({
        ...base,
        majorSince: at('2026-03-15'),
        reviews: [agreed('beforeDecision'), agreed('closing')],
      }),
    ).toEqual([]);
    expect(codes({ ...base, majorSince: at('2026-03-15'), reviews: [] })).toEqual([
      ['LEGAL_REVIEW_MISSING', 'beforeDecision'],
      ['LEGAL_REVIEW_MISSING', 'closing'],
    ]);
    // Terminated after the investigation: no decision, no closing review asked for beyond what passed.
    expect(codes({ ...base, transitions: PASSED.slice(0, 2), reviews: [], meeting: null })).toEqual([
      ['LEGAL_REVIEW_MISSING', 'filing'],
      ['LEGAL_REVIEW_MISSING', 'endOfInvestigation'],
    ]);
  });

  it('REV-04 a case that is not major needs nothing, unless art. 58 asks for the review before the decision', () => {
    expect(codes({ ...base, major: false, reviews: [], meeting: null })).toEqual([]);
    expect(codes({ ...base, major: false, preDecisionRequired: true, reviews: [], meeting: null })).toEqual([
      ['LEGAL_REVIEW_MISSING', 'beforeDecision'],
    ]);
  });

  it('REV-04 the stages follow the lifecycle: an inspection is reviewed at its start, its result and closing', () => {
    expect(
      codes({
        ...base,
        lifecycle: 'inspection',
        transitions: [
          t('startInspection', '2026-03-02'),
          t('recordResult', '2026-03-05'),
          t('close', '2026-03-06'),
        ],
        reviews: [],
        meeting: null,
      }),
    ).toEqual([
      ['LEGAL_REVIEW_MISSING', 'filing'],
      ['LEGAL_REVIEW_MISSING', 'beforeDecision'],
      ['LEGAL_REVIEW_MISSING', 'closing'],
    ]);
  });

  it('REV-04 missingItems includes the legal review when given', () => {
    const input: FileCheckInput = {
      actType: 'penalty',
      procedure: 'ordinary',
      outcome: 'noPenalty',
      terminated: false,
      issued: [
        { id: 'd', kind: 'noPenaltyDecision', number: 'x', signed: true },
        { id: 's', kind: 'serviceReceipt', number: null, signed: true },
      ],
      drafts: [],
      legalReview: { ...base, meeting: null },
    };
    expect(missingItems(input).map((m) => m.code)).toEqual(['COLLECTIVE_DISCUSSION_MISSING']);
  });
});
