/**
 * The issued documents as a clerk sees them: every kind rendered to .docx as issuing does, opened
 * in LibreOffice (headless, converted to PDF) and read back with pdftotext. Needs
 * `libreoffice-writer-nogui` and `poppler-utils` (scripts/test-all.sh installs them). Rendering does
 * not touch the database, so this runs once, not per dialect; all files go through one soffice
 * start (it is slow to start), with a fresh profile.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../src/domain/document-templates';
import {
  DOCUMENT_KIND_INFO,
  DOCUMENT_KINDS,
  documentData,
  fillTemplate,
  formatDocumentNumber,
  sampleContext,
  type DocumentKind,
} from '../src/domain/documents';
import { chineseDate } from '../src/domain/dates';
import type { RenderedDocument } from '../src/domain/template-fill';
import { renderDocx, SIGNATURE_LINE } from '../src/services/document-docx';
import { documentLayout } from '../src/services/document-service';

const run = promisify(execFile);
const ON = '2026-11-25';
const DATE = chineseDate(ON);
const AGENCY = '上海市青浦区国防动员办公室';
const SEAL = '（印章）';

const SENTENCES = [
  '2026年10月12日，本机关执法人员对位于上海市青浦区华志路100号的民防工程进行现场检查，',
  '发现该工程地下一层约1200平方米的区域被当事人出租给上海某某物流有限公司作仓库使用，',
  '现场堆放纸箱、货架等物品，并设有值班人员。经查阅本机关档案，该民防工程未经竣工验收备案，',
  '当事人亦未能提供竣工验收合格的证明材料。当事人的委托代理人在询问中承认，',
  '自2025年3月起将上述区域出租，月租金为人民币三万元，已收取租金共计人民币六十万元。',
];
/** Facts of about `chars` characters, cut after a comma, ending in a full stop. */
function factsOf(chars: number): string {
  let s = '';
  for (let i = 0; s.length < chars; i++) s += SENTENCES[i % SENTENCES.length]!;
  const cut = s.slice(0, chars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('。')))}。`;
}

interface Rendered {
  name: string;
  kind: DocumentKind;
  doc: RenderedDocument;
  number: string | null;
  facts: string;
  /** With the keep-with-next and keep-together marks taken out: what the layout was before. */
  control: boolean;
}

async function render(
  dir: string,
  kind: DocumentKind,
  facts: string,
  name: string,
  control = false,
): Promise<Rendered> {
  const base = sampleContext(ON, { hearingOffered: true, person: false });
  const ctx = { ...base, facts, step: { ...base.step!, notes: facts } };
  const t = DEFAULT_TEMPLATES[kind];
  const doc = fillTemplate(t.title, t.body, documentData(ctx));
  const number = t.body.code ? formatDocumentNumber('青国动', t.body.code, 2026, 12) : null;
  let buffer = await renderDocx(
    doc,
    documentLayout(kind, { agencyName: AGENCY, number, dateText: DATE, banner: null }),
  );
  if (control) {
    const files = unzipSync(new Uint8Array(buffer));
    const xml = strFromU8(files['word/document.xml']!);
    files['word/document.xml'] = strToU8(xml.replace(/<w:keep(Next|Lines)\/>/g, ''));
    buffer = Buffer.from(zipSync(files));
  }
  writeFileSync(join(dir, `${name}.docx`), buffer);
  return { name, kind, doc, number, facts, control };
}

const PAGE_MARK = /^\s*(—\s*\d+\s*—|共\s*\d+\s*页\s*第\s*\d+\s*页)\s*$/;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The PDF's pages, each as its lines without whitespace and without page numbers. */
function pagesOf(text: string): string[][] {
  return text
    .split('\f')
    .map((page) =>
      page
        .split('\n')
        .filter((l) => !PAGE_MARK.test(l))
        .map(squeeze)
        .filter((l) => l !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/** Where each text starts in `whole`, searched in order; -1 from the first that is not found after the one before. */
function positions(whole: string, texts: readonly string[]): number[] {
  let from = 0;
  return texts.map((t) => {
    const at = whole.indexOf(squeeze(t), from);
    if (at >= 0) from = at + 1;
    return at;
  });
}

const isClosing = (l: string) => l === AGENCY || l === SEAL || l === squeeze(DATE);

/**
 * Problems with where the closing block and the signatures fall: the agency, （印章） and the date
 * must be on one page with at least one line of body text; so must all the signature lines of the
 * last section (with the line before them).
 */
function pageProblems(r: Rendered, pages: string[][]): string[] {
  const problems: string[] = [];
  const body = (l: string) => !isClosing(l) && !SIGNATURE_LINE.test(l) && !PAGE_MARK.test(l);
  if (DOCUMENT_KIND_INFO[r.kind].sealed) {
    const page = pages.findIndex((p) => p.includes(SEAL));
    const lines = pages[page] ?? [];
    const seal = lines.indexOf(SEAL);
    if (lines[seal - 1] !== AGENCY || lines[seal + 1] !== squeeze(DATE))
      problems.push(`${r.name}: 落款、印章、日期不在同一页`);
    if (!lines.slice(0, seal - 1).some(body)) problems.push(`${r.name}: 落款所在页没有正文`);
  }
  const last = r.doc.sections.at(-1)!.paragraphs.map((p) => squeeze(p.text));
  const signatures = last.filter((t) => SIGNATURE_LINE.test(t));
  if (signatures.length > 0) {
    const starts = signatures.map((s) => s.slice(0, 8));
    const page = pages.findIndex((p) => p.some((l) => l.startsWith(starts[0]!)));
    const lines = pages[page] ?? [];
    if (!starts.every((s) => lines.some((l) => l.startsWith(s)))) problems.push(`${r.name}: 签名栏分在两页`);
    const first = lines.findIndex((l) => l.startsWith(starts[0]!));
    if (!lines.slice(0, first).some(body)) problems.push(`${r.name}: 签名栏所在页没有正文`);
  }
  return problems;
}

describe('documents opened in LibreOffice', () => {
  let dir = '';
  const docs: Rendered[] = [];
  const text = new Map<string, string>();
  /** Facts from a page and a half to two and a half pages, in steps of about two and a half lines. */
  const SWEEP = Array.from({ length: 8 }, (_, i) => 700 + i * 70);
  const SWEPT: DocumentKind[] = ['penaltyDecision', 'inspectionRecord'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhifa-lo-'));
    for (const kind of DOCUMENT_KINDS) docs.push(await render(dir, kind, factsOf(600), kind));
    for (const kind of SWEPT)
      for (const n of SWEEP) {
        docs.push(await render(dir, kind, factsOf(n), `${kind}-${n}`));
        docs.push(await render(dir, kind, factsOf(n), `${kind}-${n}-control`, true));
      }
    await run(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...docs.map((d) => join(dir, `${d.name}.docx`)),
      ],
      { timeout: 110_000 },
    );
    await Promise.all(
      docs.map(async (d) => {
        await run('pdftotext', [
          '-layout',
          '-enc',
          'UTF-8',
          join(dir, `${d.name}.pdf`),
          join(dir, `${d.name}.txt`),
        ]);
        text.set(d.name, readFileSync(join(dir, `${d.name}.txt`), 'utf8'));
      }),
    );
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('REC-02 PLT-06 every document kind reads in order in LibreOffice: agency, title, 文号, party, facts, basis, decision, closing', () => {
    for (const d of docs.filter((x) => !x.control && x.name === x.kind)) {
      const whole = pagesOf(text.get(d.name)!).flat().join('');
      // Every paragraph, by its first words, in the order of the document.
      const paragraphs = [
        AGENCY,
        d.doc.title,
        ...(d.number ? [d.number] : []),
        ...d.doc.sections.flatMap((s) => [
          ...(s.heading ? [s.heading] : []),
          ...s.paragraphs.map((p) => squeeze(p.text).slice(0, 12)),
        ]),
        ...(DOCUMENT_KIND_INFO[d.kind].sealed ? [AGENCY, SEAL, DATE] : []),
      ];
      const at = positions(whole, paragraphs);
      expect(
        paragraphs.filter((_, i) => at[i]! < 0),
        `${d.name}: 缺少或次序不对的段落`,
      ).toEqual([]);
    }
    // The decision, named part by named part.
    const decision = docs.find((x) => x.name === 'penaltyDecision')!;
    const parts = [
      '行政处罚决定书',
      decision.number!,
      '当事人：上海某某置业有限公司',
      `经查，${decision.facts.slice(0, 12)}`,
      '当事人在法定期限内未提出陈述、申辩意见',
      '依据《上海市民防条例》第四十三条的规定，本机关决定',
      '罚款人民币伍万元整（¥50,000.00）',
      '指定银行（开户银行：中国农业银行上海青浦支行',
      '申请行政复议',
      AGENCY,
      SEAL,
      DATE,
    ];
    const whole = pagesOf(text.get('penaltyDecision')!).flat().join('');
    expect(positions(whole, parts).every((p) => p >= 0)).toBe(true);
    expect(whole).not.toContain('经查，经查');
  });

  it("REV-05 REV-06 REV-07 legal review's documents read in LibreOffice: the 法审/法复审 文号, each checklist item, the opinion and its reasons; the meeting record with each attendee's view", () => {
    const read = (kind: DocumentKind) => pagesOf(text.get(kind)!).flat().join('');
    const opinion = read('legalReviewOpinion');
    const parts = [
      '法制审核意见书',
      formatDocumentNumber('青国动', '法审', 2026, 12),
      '审核环节：作出决定前审核（第1次）',
      '审核参与情况',
      '1.执法主体是否合法',
      '4.处理是否适当：不符合。罚款数额高于裁量基准',
      '6.是否需要集体讨论：符合',
      '审核意见：变更。',
      '理由：罚款数额高于裁量基准对应档次',
      '法制审核人员：赵法审',
    ];
    expect(positions(opinion, parts.map(squeeze))).not.toContain(-1);
    expect(read('reReviewOpinion')).toContain(squeeze(formatDocumentNumber('青国动', '法复审', 2026, 12)));
    expect(read('reReviewDecision')).toContain(squeeze('决定：维持法制审核意见。'));
    expect(read('reReviewRequest')).toContain(squeeze('当事人违法情节较重，适用较高档次罚款。'));
    const meeting = read('collectiveDiscussion');
    expect(
      positions(
        meeting,
        [
          '重大行政执法决定集体讨论记录',
          '出席人员：钱局长、孙副局长',
          '钱局长：同意按裁量基准处罚',
          '孙副局长：同意',
          '同意作出行政处罚决定。',
        ].map(squeeze),
      ),
    ).not.toContain(-1);
  });

  it('REC-02 PLT-06 the closing block (agency, （印章）, date) and the 笔录 signatures share their page with body text, whatever the length of the facts', () => {
    const problems = docs
      .filter((d) => !d.control)
      .flatMap((d) => pageProblems(d, pagesOf(text.get(d.name)!)));
    expect(problems).toEqual([]);
    // The lengths swept are ones where the block would otherwise be cut off or stand alone: the
    // same files without keep-with-next show it, for the decision and for the 笔录.
    for (const kind of SWEPT) {
      const stranded = docs
        .filter((d) => d.control && d.kind === kind)
        .filter((d) => pageProblems(d, pagesOf(text.get(d.name)!)).length > 0);
      expect(stranded.length, `${kind}: 无“与下段同页”时也没有落单的落款或签名栏`).toBeGreaterThan(0);
    }
  });

  it('REC-02 PLT-06 笔录 say 共X页 第X页 on every page and name the 记录人; other kinds number their pages — 1 —', () => {
    const record = pagesOf(text.get('inspectionRecord-980')!.replace(/[ \t]+/g, ' '));
    expect(record.length).toBeGreaterThan(1);
    const raw = text
      .get('inspectionRecord-980')!
      .split('\f')
      .filter((p) => p.trim() !== '');
    raw.forEach((page, i) => expect(squeeze(page)).toContain(`共${raw.length}页第${i + 1}页`));
    expect(record.flat()).toContain('记录人：李明');
    expect(record.flat().some((l) => l.startsWith('记录人（签名）'))).toBe(true);
    expect(squeeze(text.get('penaltyDecision')!)).toContain('—1—');
    expect(squeeze(text.get('penaltyDecision')!)).not.toMatch(/共\d+页第\d+页/);
  });
});
