/**
 * CSV as RFC 4180 writes it and Excel opens it: fields separated by commas, CRLF line ends, a field
 * quoted when it holds a comma, quote or line break (quotes doubled). The file starts with a UTF-8
 * byte-order mark, without which Excel reads Chinese as mojibake.
 */
export const CSV_BOM = '\uFEFF';

/**
 * A cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is a formula to a spreadsheet
 * (CSV injection): published text comes from case files and may start so. Such a cell gets a
 * leading apostrophe, the spreadsheet's own mark for "this is text". Numbers are written by the
 * caller as numbers and never pass here.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** What makes a cell more than its text: a formula's first character, or a character to quote. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // Most cells are plain text: one test, where neutralising and quoting took two.
  if (!SPECIAL.test(value)) return value;
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += i === 0 ? csvCell(values[i]) : `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}

/**
 * Reads CSV as RFC 4180 writes it (and Excel saves it): records of comma-separated fields, quoted
 * fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR end a record. A leading
 * byte-order mark is dropped. Each record is one spreadsheet row, numbered from 1.
 */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && s[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return rows;
}
