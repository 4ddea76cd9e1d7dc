import { describe, expect, it } from 'vitest';
import { CreatePublicationBodySchema } from '../http/routes/publications.schema';
import { parseCsv } from './csv';
import {
  duplicateNumbers,
  IMPORT_COLUMNS,
  importColumnOf,
  importDate,
  mapImportRow,
  readHeader,
  yuanToFen,
} from './publication-import';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const lookups = {
  units: [
    { id: 'u1', name: '执法科' },
    { id: 'u2', name: '综合科' },
  ],
  users: [
    { id: 'p1', username: 'wang', name: '王建国' },
    { id: 'p2', username: 'li', name: '李明' },
    { id: 'p3', username: 'li2', name: '李明' },
  ],
};
const line = (cells: Record<string, string>, row = 2) => ({ row, cells: HEADERS.map((h) => cells[h] ?? '') });
const { index } = readHeader({ row: 1, cells: HEADERS });

describe('publication import: template and row mapping', () => {
  it('PUB-08 the template has exactly the fields of the single entry, party fields included', () => {
    const props = CreatePublicationBodySchema.properties as Record<string, { properties?: object }>;
    const paths = Object.entries(props).flatMap(([k, s]) =>
      s.properties ? Object.keys(s.properties).map((p) => `${k}.${p}`) : [k],
    );
    expect(IMPORT_COLUMNS.map((c) => c.path).sort()).toEqual(paths.sort());
    expect(new Set(HEADERS).size).toBe(HEADERS.length);
    expect(importColumnOf('party.name')).toBe('当事人名称');
    expect(importColumnOf('otherPersons[1]')).toBe('其他自然人姓名');
  });

  it('PUB-08 a header row is matched by column names in any order; missing, unknown and repeated columns are row-1 problems', () => {
    const reversed = readHeader({ row: 1, cells: [...HEADERS].reverse() });
    expect(reversed.problems).toEqual([]);
    expect(reversed.index.get('actType')).toBe(HEADERS.length - 1);
    const bad = readHeader({ row: 1, cells: ['\uFEFF执法类别', '执法类别', '备注'] });
    expect(bad.problems).toContainEqual({ row: 1, field: '执法类别', message: '栏目重复' });
    expect(bad.problems).toContainEqual({ row: 1, field: '第 3 列', message: expect.any(String) });
    expect(bad.problems).toContainEqual({
      row: 1,
      field: '当事人名称',
      message: '缺少必填栏目，请使用下载的模板',
    });
    expect(bad.problems.some((p) => p.field === '负责人')).toBe(false); // optional
  });

  it('PUB-08 a row becomes the single entry’s body: labels to codes, unit and responsible person by name, 元 to 分', () => {
    const m = mapImportRow(
      line({
        执法类别: '行政处罚',
        决定书文号: ' 青国动罚字〔2026〕第1号 ',
        决定日期: '2026年11月2日',
        承办科室: '执法科',
        负责人: '王建国',
        当事人类型: '自然人',
        当事人名称: '张三',
        证件类型: '居民身份证',
        证件号码: '310101198001011234',
        是否涉及未成年人: '否',
        其他自然人姓名: '赵六、钱七；孙八',
        '违法事实（事由）': '事实',
        依据: '依据',
        决定类别: '罚款',
        决定内容: '罚款人民币1,234.50元',
        '罚款金额（元）': '1,234.5',
      }),
      index,
      lookups,
    );
    expect(m.problems).toEqual([]);
    expect(m.body).toEqual({
      actType: 'penalty',
      number: '青国动罚字〔2026〕第1号',
      decisionDate: '2026-11-02',
      unitId: 'u1',
      responsibleUserId: 'p1',
      party: {
        kind: 'person',
        name: '张三',
        idType: 'residentId',
        idNumber: '310101198001011234',
        minor: false,
      },
      otherPersons: ['赵六', '钱七', '孙八'],
      facts: '事实',
      basis: '依据',
      resultKind: '罚款',
      resultContent: '罚款人民币1,234.50元',
      fineAmount: 123_450,
    });
  });

  it('PUB-08 PLT-05 notation problems name the row and column, never the value; values the entry refuses pass through as written', () => {
    const m = mapImportRow(
      line(
        {
          执法类别: '行政处分',
          承办科室: '不存在',
          负责人: '李明',
          是否涉及未成年人: '也许',
          '罚款金额（元）': '5千',
          证件号码: '310101198001011234',
        },
        7,
      ),
      index,
      lookups,
    );
    expect(m.problems).toEqual([
      { row: 7, field: '承办科室', message: '承办科室不存在（应填写系统中的科室名称）' },
      { row: 7, field: '负责人', message: '有同名人员，请填写负责人的登录名' },
      { row: 7, field: '是否涉及未成年人', message: '应填写“是”或“否”' },
      { row: 7, field: '罚款金额（元）', message: '应为以元为单位的金额，最多两位小数' },
    ]);
    expect(JSON.stringify(m.problems)).not.toContain('310101198001011234');
    expect(m.body.actType).toBe('行政处分'); // the schema's enum refuses it, as for the single entry
    expect(mapImportRow(line({ 负责人: 'li2' }), index, lookups).body.responsibleUserId).toBe('p3');
  });

  it('PUB-08 dates and amounts as people write them', () => {
    expect(importDate('2026/1/5')).toBe('2026-01-05');
    expect(importDate('2026.11.20')).toBe('2026-11-20');
    expect(importDate('2026-11-20')).toBe('2026-11-20');
    expect(importDate('20261120')).toBe('20261120');
    expect(yuanToFen('5000')).toBe(500_000);
    expect(yuanToFen('0.5')).toBe(50);
    expect(yuanToFen('1,000.05元')).toBe(100_005);
    expect(yuanToFen('-1')).toBe(-100);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('PUB-08 a 文号 appears once: a later repeat names the earlier row; one already taken is refused', () => {
    expect(
      duplicateNumbers(
        [
          { row: 2, number: 'A' },
          { row: 3, number: 'B' },
          { row: 5, number: 'A ' },
          { row: 6, number: 'C' },
        ],
        new Set(['C']),
      ),
    ).toEqual([
      { row: 5, field: '决定书文号', message: '决定书文号与第 2 行重复' },
      { row: 6, field: '决定书文号', message: '该决定书文号已有公示事项，不能重复导入' },
    ]);
  });

  it('PUB-08 CSV is read as RFC 4180 writes it: quotes, doubled quotes, line breaks in a field, CRLF or LF, a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi"""\n"multi\r\nline",\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\r\nline', ''],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(parseCsv('')).toEqual([]);
  });
});
