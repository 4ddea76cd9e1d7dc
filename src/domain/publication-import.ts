/**
 * Import of decisions made outside the platform (事后公示, issue 14; PUB-08, PUB-11): the template's
 * columns and how a row of a spreadsheet becomes the body of a single entry (`POST
 * /api/publications`). Only notation is converted here (labels to codes, a unit's name to its id,
 * 元 to 分, dates as people write them); every rule of the entry itself — lengths, required fields,
 * allowed values, dates, access — is checked where the single entry checks it, so each rule lives in
 * one place. Problems name the row (as the spreadsheet counts it, the header being row 1) and the
 * column, never the value: a cell may hold personal data.
 */
import {
  ACT_TYPE_LABELS,
  ACT_TYPES,
  ID_TYPE_LABELS,
  ID_TYPES,
  PARTY_KIND_LABELS,
  PARTY_KINDS,
} from './case-types';

/** At most this many rows (besides the header) in one file. */
export const IMPORT_MAX_ROWS = 1000;
/** At most this many bytes in one file. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export type ImportFormat = 'xlsx' | 'csv';

/** One column of the template: its header, the body field it fills, and how to fill it in. */
export interface ImportColumn {
  header: string;
  /** The field of the single entry's body, as a path (`party.name`). */
  path: string;
  required: boolean;
  note: string;
  example: string;
}

const labels = (m: Record<string, string>) => Object.values(m).join('、');

/** The template, in order: exactly the fields of the single entry. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    header: '执法类别',
    path: 'actType',
    required: true,
    note: `填写：${labels(ACT_TYPE_LABELS)}`,
    example: '行政处罚',
  },
  {
    header: '决定书文号',
    path: 'number',
    required: true,
    note: '同一文号只能导入一次',
    example: '青国动罚字〔2026〕第1号',
  },
  {
    header: '决定日期',
    path: 'decisionDate',
    required: true,
    note: '如 2026-11-20，不能晚于今天',
    example: '2026-11-20',
  },
  {
    header: '承办科室',
    path: 'unitId',
    required: true,
    note: '科室名称，与系统中的名称一致',
    example: '执法科',
  },
  {
    header: '负责人',
    path: 'responsibleUserId',
    required: false,
    note: '登录名或姓名；不填为导入人',
    example: '',
  },
  {
    header: '当事人类型',
    path: 'party.kind',
    required: true,
    note: `填写：${labels(PARTY_KIND_LABELS)}`,
    example: '法人或其他组织',
  },
  {
    header: '当事人名称',
    path: 'party.name',
    required: true,
    note: '自然人填写姓名，公示时脱敏',
    example: '上海示例商贸有限公司',
  },
  {
    header: '统一社会信用代码',
    path: 'party.creditCode',
    required: false,
    note: '法人或其他组织填写',
    example: '91310118MA1JL0000X',
  },
  {
    header: '证件类型',
    path: 'party.idType',
    required: false,
    note: `填写：${labels(ID_TYPE_LABELS)}`,
    example: '',
  },
  { header: '证件号码', path: 'party.idNumber', required: false, note: '不公示，仅用于脱敏', example: '' },
  { header: '联系电话', path: 'party.phone', required: false, note: '不公示，仅用于脱敏', example: '' },
  { header: '住址', path: 'party.address', required: false, note: '不公示，仅用于脱敏', example: '' },
  { header: '法定代表人', path: 'party.legalRepresentative', required: false, note: '', example: '' },
  {
    header: '是否涉及未成年人',
    path: 'party.minor',
    required: false,
    note: '填写“是”或“否”；涉及未成年人的决定一律不公示',
    example: '否',
  },
  {
    header: '其他自然人姓名',
    path: 'otherPersons',
    required: false,
    note: '证人等，多个以顿号分隔；公示时隐去',
    example: '',
  },
  {
    header: '违法事实（事由）',
    path: 'facts',
    required: true,
    note: '',
    example: '擅自改变人民防空工程用途。',
  },
  {
    header: '依据',
    path: 'basis',
    required: true,
    note: '',
    example: '《中华人民共和国人民防空法》第四十九条',
  },
  { header: '决定类别', path: 'resultKind', required: true, note: '如 罚款、警告', example: '罚款' },
  { header: '决定内容', path: 'resultContent', required: true, note: '', example: '罚款人民币5,000元' },
  {
    header: '罚款金额（元）',
    path: 'fineAmount',
    required: false,
    note: '以元为单位，最多两位小数',
    example: '5000',
  },
];

const COLUMN_OF_PATH = new Map(IMPORT_COLUMNS.map((c) => [c.path, c]));

/** The column that fills a body field (`party.name` → 当事人名称); the path itself if none does. */
export function importColumnOf(path: string): string {
  const exact = COLUMN_OF_PATH.get(path);
  if (exact) return exact.header;
  // otherPersons[2] → otherPersons
  const base = path.replace(/\[\d+\]$/, '');
  return COLUMN_OF_PATH.get(base)?.header ?? path;
}

/** One refused row: where, and what is wrong, in Chinese. */
export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

/** A row of the file, already as text: its number in the spreadsheet and its cells in order. */
export interface ImportLine {
  row: number;
  cells: readonly string[];
}

/** What the names in a file are resolved against. */
export interface ImportLookups {
  units: ReadonlyArray<{ id: string; name: string }>;
  users: ReadonlyArray<{ id: string; username: string; name: string }>;
}

/** A row turned into the body of a single entry (still to be checked as one). */
export interface MappedRow {
  row: number;
  body: Record<string, unknown>;
}

const clean = (s: string | undefined) => (s ?? '').replace(/^\uFEFF/, '').trim();

/** Which column each template header is in; problems (row 1) for missing or unknown columns. */
export function readHeader(header: ImportLine): { index: Map<string, number>; problems: ImportProblem[] } {
  const index = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const known = new Map(IMPORT_COLUMNS.map((c) => [c.header, c]));
  header.cells.forEach((raw, i) => {
    const h = clean(raw);
    if (h === '') return;
    const col = known.get(h);
    if (!col) {
      problems.push({
        row: header.row,
        field: `第 ${i + 1} 列`,
        message: '该栏目不在模板中，请使用下载的模板',
      });
      return;
    }
    if (index.has(col.path)) problems.push({ row: header.row, field: col.header, message: '栏目重复' });
    else index.set(col.path, i);
  });
  for (const c of IMPORT_COLUMNS)
    if (c.required && !index.has(c.path))
      problems.push({ row: header.row, field: c.header, message: '缺少必填栏目，请使用下载的模板' });
  return { index, problems };
}

/** A label (行政处罚) or the code itself (penalty); anything else as written, for the entry's rule to refuse. */
function code<T extends string>(values: readonly T[], labelsOf: Record<T, string>, s: string): string {
  if ((values as readonly string[]).includes(s)) return s;
  return values.find((v) => labelsOf[v] === s) ?? s;
}

/** 2026-11-20, 2026/11/20, 2026.11.20 and 2026年11月20日 as YYYY-MM-DD; anything else as written. */
export function importDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/** An amount in yuan as fen: 5000 → 500000, 1,234.5 → 123450; null when it is not such an amount. */
export function yuanToFen(s: string): number | null {
  const t = s.replace(/[,，]/g, '').replace(/元$/, '').trim();
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

const YES = new Set(['是', 'Y', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'N', 'n', 'no', 'false', '0']);

function setPath(body: Record<string, unknown>, path: string, value: unknown) {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) body[head] = value;
  else ((body[head] ??= {}) as Record<string, unknown>)[tail] = value;
}

/** One data row as the single entry's body, or the problems of its notation. */
export function mapImportRow(
  line: ImportLine,
  index: ReadonlyMap<string, number>,
  lookups: ImportLookups,
): { body: Record<string, unknown>; problems: ImportProblem[] } {
  const body: Record<string, unknown> = { party: {} };
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ row: line.row, field: importColumnOf(path), message });
  for (const col of IMPORT_COLUMNS) {
    const i = index.get(col.path);
    const v = i === undefined ? '' : clean(line.cells[i]);
    if (v === '') continue; // a missing required field is the entry's rule (“缺少必填字段”)
    let value: unknown = v;
    switch (col.path) {
      case 'actType':
        value = code(ACT_TYPES, ACT_TYPE_LABELS, v);
        break;
      case 'party.kind':
        value = code(PARTY_KINDS, PARTY_KIND_LABELS, v);
        break;
      case 'party.idType':
        value = code(ID_TYPES, ID_TYPE_LABELS, v);
        break;
      case 'decisionDate':
        value = importDate(v);
        break;
      case 'unitId': {
        const units = lookups.units.filter((u) => u.name === v || u.id === v);
        if (units.length !== 1) {
          problem(col.path, '承办科室不存在（应填写系统中的科室名称）');
          continue;
        }
        value = units[0]!.id;
        break;
      }
      case 'responsibleUserId': {
        const byLogin = lookups.users.filter((u) => u.username === v);
        const users = byLogin.length > 0 ? byLogin : lookups.users.filter((u) => u.name === v);
        if (users.length !== 1) {
          problem(
            col.path,
            users.length === 0 ? '负责人不存在（应填写登录名或姓名）' : '有同名人员，请填写负责人的登录名',
          );
          continue;
        }
        value = users[0]!.id;
        break;
      }
      case 'party.minor':
        if (YES.has(v)) value = true;
        else if (NO.has(v)) value = false;
        else {
          problem(col.path, '应填写“是”或“否”');
          continue;
        }
        break;
      case 'otherPersons':
        value = v
          .split(/[、，,；;\n]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
        break;
      case 'fineAmount': {
        const fen = yuanToFen(v);
        if (fen === null) {
          problem(col.path, '应为以元为单位的金额，最多两位小数');
          continue;
        }
        value = fen;
        break;
      }
    }
    setPath(body, col.path, value);
  }
  return { body, problems };
}

/** Whether a row holds nothing (such rows are skipped, wherever they are). */
export const blankLine = (line: ImportLine) => line.cells.every((c) => clean(c) === '');

/**
 * 文号 are unique: within the file (the later row is refused, naming the earlier) and against the
 * items that exist. `existing` holds the numbers already taken.
 */
export function duplicateNumbers(
  rows: ReadonlyArray<{ row: number; number: string }>,
  existing: ReadonlySet<string>,
): ImportProblem[] {
  const field = importColumnOf('number');
  const first = new Map<string, number>();
  const out: ImportProblem[] = [];
  for (const r of rows) {
    const n = r.number.trim();
    if (n === '') continue;
    const earlier = first.get(n);
    if (earlier !== undefined) out.push({ row: r.row, field, message: `决定书文号与第 ${earlier} 行重复` });
    else {
      first.set(n, r.row);
      if (existing.has(n)) out.push({ row: r.row, field, message: '该决定书文号已有公示事项，不能重复导入' });
    }
  }
  return out;
}

/** Problems in spreadsheet order (row, then column order of the template). */
export function sortProblems(ps: readonly ImportProblem[]): ImportProblem[] {
  const order = new Map(IMPORT_COLUMNS.map((c, i) => [c.header, i]));
  return [...ps].sort((a, b) => a.row - b.row || (order.get(a.field) ?? 99) - (order.get(b.field) ?? 99));
}
