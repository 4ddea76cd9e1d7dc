import { xmlSafe } from '../domain/text';
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
} from 'docx';
import type { RenderedDocument } from '../domain/template-fill';

/**
 * A filled document as a Word file laid out like a Chinese government document (after GB/T 9704):
 * A4 with 公文 margins; the agency and the title centred in 小标宋 二号; the 文号 under the title;
 * the body in 仿宋_GB2312 三号, first lines indented two characters, fixed 29-point lines; section
 * headings in 黑体; and for sealed kinds the agency, the seal position 「（印章）」 and the date
 * (2026年4月16日) at the right. Page numbers 「— 1 —」 in the footer.
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
  new TextRun({ text: xmlSafe(text), font, size, bold });

const centred = (text: string, font: IFontAttributesProperties, size: number) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, font, size)],
  });

const blank = () => new Paragraph({ spacing: LINE, children: [run('', FANGSONG, SANHAO)] });

export async function renderDocx(doc: RenderedDocument, layout: DocxLayout): Promise<Buffer> {
  const children: Paragraph[] = [
    centred(layout.agencyName, XIAOBIAOSONG, ERHAO),
    centred(doc.title, XIAOBIAOSONG, ERHAO),
  ];
  if (layout.number !== null)
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: LINE,
        children: [run(layout.number, FANGSONG, SANHAO)],
      }),
    );
  if (layout.banner !== null)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: LINE,
        children: [run(layout.banner, HEITI, SANHAO)],
      }),
    );
  children.push(blank());
  for (const s of doc.sections) {
    if (s.heading)
      children.push(
        new Paragraph({
          spacing: LINE,
          indent: { firstLine: INDENT },
          children: [run(s.heading, HEITI, SANHAO)],
        }),
      );
    for (const p of s.paragraphs)
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: LINE,
          ...(!p.plain && { indent: { firstLine: INDENT } }),
          children: [run(p.text, FANGSONG, SANHAO)],
        }),
      );
  }
  if (layout.sealed) {
    // The agency, the seal over it and the date, four characters in from the right margin.
    const right = (text: string) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: LINE,
        indent: { right: INDENT * 2 },
        children: [run(text, FANGSONG, SANHAO)],
      });
    children.push(blank(), blank(), right(layout.agencyName), right('（印章）'), right(layout.dateText));
  }

  const document = new Document({
    creator: layout.agencyName,
    title: layout.number ? `${doc.title}（${layout.number}）` : doc.title,
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
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: SIHAO }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
