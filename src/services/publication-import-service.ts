/**
 * Import of decisions made outside the platform (事后公示, issue 14; PUB-08): the template to
 * download (.xlsx or UTF-8 CSV with BOM), and a filled-in file turned into publication items —
 * every row or none. Each row is the body of a single entry and is checked as one: its shape by
 * the entry's schema (the caller hands in that check), its rules by `entryProblems`; 文号 must be
 * new. All rows are then created in one transaction by the single entry's own insert, each with its
 * ledger entry. A refusal names row and column, never a value (cells hold personal data).
 */
import type ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, parseCsv } from '../domain/csv';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import {
  blankLine,
  duplicateNumbers,
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  importColumnOf,
  mapImportRow,
  readHeader,
  sortProblems,
  type ImportFormat,
  type ImportLine,
  type ImportProblem,
} from '../domain/publication-import';
import { shanghaiDate } from '../domain/shanghai-time';
import * as repo from '../repositories/publication-repository';
import type { CreatePublicationBody, ImportResult } from '../http/routes/publications.schema';
import { loadCalendar } from './calendar-service';
import {
  entryProblems,
  insertExternal,
  type PublicationDeps,
  type PublicationViewer,
} from './publication-service';

/** The single entry's shape check: null, or the first violation's field path and message. */
export type EntryShapeCheck = (body: unknown) => { field?: string; message: string } | null;

const SHEET = '公示决定';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- the template ----

/** The template's example row: today's date, the user's own unit (else the first one). */
async function exampleRow(deps: PublicationDeps, v: PublicationViewer): Promise<string[]> {
  const units = await repo.unitsForImport(deps.db);
  const unit = units.find((u) => u.id === v.unitId) ?? units[0];
  return IMPORT_COLUMNS.map((c) => {
    if (c.path === 'decisionDate') return shanghaiDate(deps.clock.now());
    if (c.path === 'unitId') return unit?.name ?? c.example;
    return c.example;
  });
}

export async function importTemplate(
  deps: PublicationDeps,
  v: PublicationViewer,
  format: ImportFormat,
): Promise<{ content: Buffer; mediaType: string; fileName: string }> {
  const example = await exampleRow(deps, v);
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  if (format === 'csv')
    return {
      content: Buffer.from(CSV_BOM + csvLine(headers) + csvLine(example), 'utf8'),
      mediaType: 'text/csv; charset=utf-8',
      fileName: '公示决定导入模板.csv',
    };
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers);
  ws.addRow(example);
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, c.header.length * 2 + 4);
    // Text, so that ID and phone numbers keep every digit and 文号 stay as written.
    col.numFmt = '@';
    const head = ws.getCell(1, i + 1);
    head.font = { bold: true, ...(c.required && { color: { argb: 'FFC00000' } }) };
    if (c.note) head.note = c.note;
  });
  const lists: Record<string, string[]> = {};
  for (const c of IMPORT_COLUMNS) {
    const m = /^填写：(.+)$/.exec(c.note);
    if (m) lists[c.path] = m[1]!.split('、');
  }
  lists['party.minor'] = ['是', '否'];
  IMPORT_COLUMNS.forEach((c, i) => {
    const values = lists[c.path];
    if (!values) return;
    for (let r = 2; r <= IMPORT_MAX_ROWS + 1; r++)
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
  });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['栏目', '是否必填', '说明']);
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  help.addRow([]);
  help.addRow([
    `第 2 行为示例，导入前请改写或删除。每个文件最多 ${IMPORT_MAX_ROWS} 行；任何一行有误，整个文件都不导入。`,
  ]);
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 10;
  help.getColumn(3).width = 60;
  return {
    content: Buffer.from(await wb.xlsx.writeBuffer()),
    mediaType: XLSX_TYPE,
    fileName: '公示决定导入模板.xlsx',
  };
}

// ---- reading a file ----

const unreadable = (message: string) =>
  new DomainError('unprocessable', 'PUBLICATION_IMPORT_UNREADABLE', message, 'file');

/** UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else GB18030 (Excel's CSV on Chinese Windows). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A cell as text: dates as YYYY-MM-DD, rich text joined, a formula's result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v)
    return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v && typeof v.text === 'string') return v.text;
  return '';
}

async function readXlsx(bytes: Buffer): Promise<ImportLine[]> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('文件不是有效的 .xlsx 工作簿，请使用下载的模板');
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) throw unreadable('工作簿中没有工作表');
  if (ws.actualRowCount > IMPORT_MAX_ROWS + 1) throw tooMany();
  const lines: ImportLine[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    lines.push({ row: n, cells });
  });
  return lines;
}

function readCsv(bytes: Buffer): ImportLine[] {
  const text = decodeCsv(bytes);
  if (text.includes('\u0000')) throw unreadable('文件不是 CSV 文本，请使用下载的模板');
  return parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
}

const tooMany = () =>
  new DomainError(
    'unprocessable',
    'PUBLICATION_IMPORT_TOO_MANY_ROWS',
    `每个文件最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件`,
    'file',
  );

const refused = (problems: ImportProblem[]) =>
  new DomainError(
    'unprocessable',
    'PUBLICATION_IMPORT_INVALID',
    `文件中有 ${new Set(problems.map((p) => p.row)).size} 行有误，整个文件未导入`,
    'file',
    { rows: sortProblems(problems) },
  );

// ---- importing ----

/** Every row of the file as a publication item, or none (422 with each bad row). */
export async function importPublications(
  deps: PublicationDeps,
  actor: Actor,
  viewer: PublicationViewer,
  format: ImportFormat,
  bytes: Buffer,
  checkShape: EntryShapeCheck,
): Promise<ImportResult> {
  const lines = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  const first = lines.findIndex((l) => !blankLine(l));
  if (first < 0)
    throw new DomainError(
      'unprocessable',
      'PUBLICATION_IMPORT_EMPTY',
      '文件是空的，请使用下载的模板',
      'file',
    );
  const header = readHeader(lines[first]!);
  if (header.problems.length > 0) throw refused(header.problems);
  const data = lines.slice(first + 1).filter((l) => !blankLine(l));
  if (data.length === 0)
    throw new DomainError('unprocessable', 'PUBLICATION_IMPORT_EMPTY', '文件中没有要导入的决定', 'file');
  if (data.length > IMPORT_MAX_ROWS) throw tooMany();

  const lookups = {
    units: await repo.unitsForImport(deps.db),
    users: await repo.usersForImport(deps.db),
  };
  const today = shanghaiDate(deps.clock.now());
  const problems: ImportProblem[] = [];
  const rows: Array<{ row: number; body: CreatePublicationBody }> = [];
  const numbers: Array<{ row: number; number: string }> = [];
  for (const line of data) {
    const m = mapImportRow(line, header.index, lookups);
    if (typeof m.body.number === 'string') numbers.push({ row: line.row, number: m.body.number });
    if (m.problems.length > 0) {
      problems.push(...m.problems);
      continue;
    }
    const shape = checkShape(m.body);
    if (shape) {
      const column = importColumnOf(shape.field ?? '');
      problems.push({
        row: line.row,
        field: column,
        message: shape.field ? shape.message.split(`“${shape.field}”`).join(`“${column}”`) : shape.message,
      });
      continue;
    }
    const body = m.body as CreatePublicationBody;
    const rules = await entryProblems(deps.db, viewer, today, body);
    for (const p of rules)
      problems.push({ row: line.row, field: importColumnOf(p.field), message: p.message });
    if (rules.length === 0) rows.push({ row: line.row, body });
  }
  const distinct = [...new Set(numbers.map((n) => n.number.trim()))];
  problems.push(...duplicateNumbers(numbers, await repo.takenNumbers(deps.db, distinct)));
  if (problems.length > 0) throw refused(problems);

  const { calendar } = await loadCalendar(deps);
  const ids = await deps.db.transaction().execute(async (trx) => {
    // Another entry may have taken a 文号 since the check: looked at again under the transaction.
    const late = duplicateNumbers(numbers, await repo.takenNumbers(trx, distinct));
    if (late.length > 0) throw refused(late);
    const out: string[] = [];
    for (const r of rows) {
      const id = await insertExternal(trx, deps, actor, calendar, r.body);
      if (id !== null) out.push(id);
    }
    return out;
  });
  return { imported: ids.length, ids };
}

/**
 * exceljs is loaded on the first import or template request, not with the server: it adds ~27 MiB
 * to every node's memory, and most offices import rarely or never.
 */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
