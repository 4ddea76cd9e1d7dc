import { xmlSafe } from '../domain/text';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
  type IParagraphOptions,
} from 'docx';
import type { RenderedDocument } from '../domain/template-fill';

/**
 * A filled document as a Word file laid out like a Chinese government document (after GB/T 9704):
 * A4 with 公文 margins; the agency and the title centred in 小标宋 二号; the 文号 under the title;
 * the body in 仿宋_GB2312 三号, first lines indented two characters, fixed 29-point lines; section
 * headings in 黑体; and for sealed kinds the agency, the seal position 「（印章）」 and the date
 * (2026年4月16日) at the right. Page numbers 「— 1 —」 in the footer; a 笔录 has 「共X页 第X页」 at
 * the head of every page instead (Word's page fields, so a printed page says it).
 *
 * Pagination: the closing block (agency, （印章）, date) and a 笔录's signature lines are kept with
 * the body paragraph before them, so they never stand alone on a page; headings keep with what
 * follows. A paragraph with a long unbreakable run (¥50,000.00, an account number) is set flush
 * left rather than justified, which would stretch the line before the run with wide gaps. The file
 * properties (author, company, title) name the agency.
 */
export interface DocxLayout {
  agencyName: string;
  /** The 文号, or null (drafts, kinds without one). */
  number: string | null;
  /** The date as written: 2026年4月16日. */
  dateText: string;
  sealed: boolean;
  /** A line under the title for what is not an issued document: 「（草稿）」, 「（样式预览）」. */
  banner: string | null;
  /** A 笔录: 「共X页 第X页」 on every page. */
  paged: boolean;
}

const latin = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' };
const FANGSONG: IFontAttributesProperties = { ...latin, eastAsia: '仿宋_GB2312' };
const XIAOBIAOSONG: IFontAttributesProperties = { ...latin, eastAsia: '方正小标宋简体' };
const HEITI: IFontAttributesProperties = { ...latin, eastAsia: '黑体' };
const SONGTI: IFontAttributesProperties = { ...latin, eastAsia: '宋体' };

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt. */
const ERHAO = 44;
const SANHAO = 32;
const SIHAO = 28;
/** Twips: two characters of 三号 for the first-line indent; 29-point lines (22 lines a page). */
const INDENT = 640;
const LINE = { line: 580, lineRule: LineRuleType.EXACT };
const mm = (n: number) => Math.round((n / 25.4) * 1440);

// Every run passes through xmlSafe: text stored before the input rules must not break the XML.
const run = (text: string, font: IFontAttributesProperties, size: number, bold = false) =>
  new TextRun({ text: xmlSafe(text), font, size, bold, language: { eastAsia: 'zh-CN' } });

type Para = IParagraphOptions & { keepNext?: boolean; keepLines?: boolean };

const centred = (text: string, font: IFontAttributesProperties, size: number): Para => ({
  alignment: AlignmentType.CENTER,
  spacing: { line: 700, lineRule: LineRuleType.EXACT },
  keepNext: true,
  children: [run(text, font, size)],
});

const blank = (): Para => ({ spacing: LINE, children: [run('', FANGSONG, SANHAO)] });

/** A run that cannot be broken across lines and is long enough to leave a justified line gappy. */
const LONG_UNBREAKABLE = /[!-~¥￥]{8,}/;
/** A line the party or an officer signs on. */
export const SIGNATURE_LINE = /签名|签字|盖章/;

/**
 * Which paragraphs of a document's body keep with the next (pure, for tests): every heading, and
 * from the paragraph before the first signature line of the last section to the last paragraph
 * but one, so the signatures stay with text above them.
 */
export function keepTogether(doc: RenderedDocument): boolean[] {
  const flat: Array<{ heading: boolean; text: string; section: number }> = [];
  doc.sections.forEach((s, i) => {
    if (s.heading) flat.push({ heading: true, text: s.heading, section: i });
    for (const p of s.paragraphs) flat.push({ heading: false, text: p.text, section: i });
  });
  const keep = flat.map((x) => x.heading);
  const last = doc.sections.length - 1;
  const firstSignature = flat.findIndex((x) => x.section === last && SIGNATURE_LINE.test(x.text));
  if (firstSignature >= 0)
    for (let i = Math.max(0, firstSignature - 1); i < flat.length - 1; i++) keep[i] = true;
  return keep;
}

export async function renderDocx(doc: RenderedDocument, layout: DocxLayout): Promise<Buffer> {
  const head: Para[] = [
    centred(layout.agencyName, XIAOBIAOSONG, ERHAO),
    centred(doc.title, XIAOBIAOSONG, ERHAO),
  ];
  if (layout.number !== null)
    head.push({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      keepNext: true,
      children: [run(layout.number, FANGSONG, SANHAO)],
    });
  if (layout.banner !== null)
    head.push({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      keepNext: true,
      children: [run(layout.banner, HEITI, SANHAO)],
    });
  head.push({ ...blank(), keepNext: true });

  const keep = keepTogether(doc);
  const body: Para[] = [];
  for (const s of doc.sections) {
    if (s.heading)
      body.push({
        spacing: LINE,
        indent: { firstLine: INDENT },
        keepLines: true,
        children: [run(s.heading, HEITI, SANHAO)],
      });
    for (const p of s.paragraphs)
      body.push({
        alignment: LONG_UNBREAKABLE.test(p.text) ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
        spacing: LINE,
        ...(!p.plain && { indent: { firstLine: INDENT } }),
        // Form and signature lines are one line each: never split one over two pages.
        ...(p.plain && { keepLines: true }),
        children: [run(p.text, FANGSONG, SANHAO)],
      });
  }
  body.forEach((p, i) => {
    if (keep[i]) p.keepNext = true;
  });

  const closing: Para[] = [];
  if (layout.sealed) {
    // The agency, the seal over it and the date, four characters in from the right margin; the
    // whole block stays with the last lines of the body.
    const last = body.at(-1);
    if (last) last.keepNext = true;
    const right = (text: string): Para => ({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      indent: { right: INDENT * 2 },
      keepLines: true,
      children: [run(text, FANGSONG, SANHAO)],
    });
    closing.push(blank(), blank(), right(layout.agencyName), right('（印章）'), right(layout.dateText));
    closing.slice(0, -1).forEach((p) => (p.keepNext = true));
  }
  const children = [...head, ...body, ...closing].map((p) => new Paragraph(p));

  const title = layout.number ? `${doc.title}（${layout.number}）` : doc.title;
  const document = new Document({
    creator: layout.agencyName,
    lastModifiedBy: layout.agencyName,
    title,
    subject: doc.title,
    description: '执法文书',
    styles: { default: { document: { run: { font: FANGSONG, size: SANHAO } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        ...(layout.paged
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.RIGHT,
                      children: [
                        new TextRun({
                          children: ['共', PageNumber.TOTAL_PAGES, '页　第', PageNumber.CURRENT, '页'],
                          font: FANGSONG,
                          size: SIHAO,
                        }),
                      ],
                    }),
                  ],
                }),
              },
            }
          : {
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [
                        new TextRun({
                          children: ['— ', PageNumber.CURRENT, ' —'],
                          font: SONGTI,
                          size: SIHAO,
                        }),
                      ],
                    }),
                  ],
                }),
              },
            }),
        children,
      },
    ],
  });
  // The docx package writes no company into the extended properties: ours names the agency.
  return Packer.toBuffer(document, false, [
    { path: 'docProps/app.xml', data: appProperties(layout.agencyName) },
  ]);
}

const xmlText = (s: string) =>
  xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/app.xml: the application and the agency as the company. */
export const appProperties = (agency: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  `<Application>zhifa</Application><Company>${xmlText(agency)}</Company></Properties>`;
