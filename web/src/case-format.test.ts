import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  caseNotFoundError,
  bandText,
  errorWithProblems,
  fenToYuan,
  formatYuan,
  guessRecordKind,
  isOverdue,
  itemBand,
  kindFits,
  legalBandsText,
  looksLikeIdNumber,
  recordChains,
  recordsByStep,
  remapErrorField,
  shanghaiDateOf,
  shanghaiInputToIso,
  shanghaiLocalInput,
  timelineEntries,
  yuanToFen,
} from './case-format';
import type { Step, TimelineTransition } from '../../src/http/routes/cases.schema';
import type { RecordView } from '../../src/http/routes/records.schema';

describe('yuan and fen', () => {
  it('turns yuan into integer fen without floating-point error', () => {
    expect(yuanToFen(20000)).toBe(2_000_000);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1.1)).toBe(110);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('0')).toBe(0);
  });
  it('refuses what is not an amount', () => {
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(-5)).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('十元')).toBeNull();
  });
  it('shows fen as yuan, cents only when there are any', () => {
    expect(fenToYuan(2_000_000)).toBe(20000);
    expect(formatYuan(2_000_000)).toBe('20,000元');
    expect(formatYuan(123_450)).toBe('1,234.50元');
    expect(formatYuan(0)).toBe('0元');
  });
  it('round-trips every amount with two decimals', () => {
    for (let fen = 0; fen < 2000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});

describe('fine bands', () => {
  it("shows the server's statutory bands for both party kinds", () => {
    const legalBands = { person: null, organisation: { min: 1_000_000, max: 5_000_000 } };
    expect(itemBand({ legalBands }, 'organisation')).toEqual({ min: 1_000_000, max: 5_000_000 });
    expect(itemBand({ legalBands }, 'person')).toBeNull();
    expect(legalBandsText({ legalBands })).toBe('自然人：不设罚款；法人或其他组织：10,000元至50,000元');
    expect(bandText({ min: 0, max: 500_000 })).toBe('5,000元以下');
    expect(bandText({ min: 50_000, max: 500_000 })).toBe('500元至5,000元');
  });
});

describe('timeline order', () => {
  const step = (id: string, occurredAt: string) => ({ id, occurredAt }) as Step;
  const tr = (id: string, occurredOn: string, at: string) => ({ id, occurredOn, at }) as TimelineTransition;
  it('merges steps and transitions by when they happened', () => {
    const entries = timelineEntries(
      [step('s1', '2026-11-25T02:10:00Z'), step('s0', '2026-11-20T02:00:00Z')],
      [
        tr('filed', '2026-11-25', '2026-11-25T01:00:00Z'),
        tr('end', '2026-11-25', '2026-11-25T03:00:00Z'),
        // Recorded on the 25th for the 21st: placed at the end of the 21st.
        tr('late', '2026-11-21', '2026-11-25T04:00:00Z'),
      ],
    );
    expect(entries.map((e) => e.key)).toEqual(['s:s0', 't:late', 't:filed', 's:s1', 't:end']);
  });
  it('puts a transition before a step of the same second', () => {
    const entries = timelineEntries(
      [step('s', '2026-11-25T12:56:47.000Z')],
      [tr('t', '2026-11-25', '2026-11-25T12:56:47.238Z'), tr('u', '2026-11-25', '2026-11-25T12:56:52.249Z')],
    );
    expect(entries.map((e) => e.key)).toEqual(['t:t', 's:s', 't:u']);
  });
  it('starts with the filing', () => {
    const entries = timelineEntries(
      [step('s', '2026-11-25T02:10:05.000Z')],
      [tr('t', '2026-11-25', '2026-11-25T02:00:00.000Z')],
      { createdAt: '2026-11-25T01:59:59.500Z', filedOn: '2026-11-25' },
    );
    expect(entries.map((e) => e.key)).toEqual(['filed', 't:t', 's:s']);
  });
  it('reads dates in Shanghai, not in the machine zone', () => {
    expect(shanghaiDateOf('2026-11-24T16:30:00Z')).toBe('2026-11-25');
  });
});

describe('record versions', () => {
  const rec = (id: string, rootId: string, version: number, stepId = 'st') =>
    ({ id, rootId, version, stepId }) as RecordView;
  it('keeps the newest version of each chain first and the rest as history', () => {
    const chains = recordChains([rec('a', 'a', 1), rec('b', 'b', 1), rec('a2', 'a', 2), rec('a3', 'a', 3)]);
    expect(chains.map((c) => c.latest.id)).toEqual(['a3', 'b']);
    expect(chains[0]!.history.map((r) => r.id)).toEqual(['a2', 'a']);
  });
  it('groups records by step', () => {
    const m = recordsByStep([rec('a', 'a', 1, 'x'), rec('b', 'b', 1, 'y'), rec('c', 'c', 1, 'x')]);
    expect(m.get('x')?.map((r) => r.id)).toEqual(['a', 'c']);
  });
  it('knows which kinds fit a file type, as the server does', () => {
    expect(kindFits('video', 'video/mp4')).toBe(true);
    expect(kindFits('video', 'audio/mpeg')).toBe(false);
    expect(kindFits('scan', 'application/pdf')).toBe(true);
    expect(kindFits('document', 'video/mp4')).toBe(false);
    expect(guessRecordKind('video/mp4')).toBe('video');
    expect(guessRecordKind('image/jpeg')).toBe('photo');
    expect(guessRecordKind('application/pdf')).toBe('document');
  });
});

describe('Shanghai wall-clock inputs', () => {
  it('shows an instant as Shanghai local time and reads it back with +08:00', () => {
    expect(shanghaiLocalInput(new Date('2026-11-25T02:20:00Z'))).toBe('2026-11-25T10:20');
    expect(shanghaiLocalInput(new Date('2026-11-25T02:20:07Z'), true)).toBe('2026-11-25T10:20:07');
    expect(shanghaiInputToIso('2026-11-25T10:20:07')).toBe('2026-11-25T10:20:07+08:00');
    expect(shanghaiInputToIso('2026-11-25T10:20')).toBe('2026-11-25T10:20:00+08:00');
    expect(new Date(shanghaiInputToIso('2026-11-25T10:20')!).toISOString()).toBe('2026-11-25T02:20:00.000Z');
    expect(shanghaiInputToIso('2026-11-25')).toBeNull();
    expect(shanghaiInputToIso(undefined)).toBeNull();
  });
  it('calls a due date overdue only after it has passed', () => {
    expect(isOverdue('2026-11-24', '2026-11-25')).toBe(true);
    expect(isOverdue('2026-11-25', '2026-11-25')).toBe(false);
    expect(isOverdue(null, '2026-11-25')).toBe(false);
  });
});

describe('errors', () => {
  it('moves a server field onto the form field that holds it', () => {
    const err = new ApiError(400, 'FINE_OUTSIDE_BAND', '超出', 'sanction.fine');
    const moved = remapErrorField(err, { 'sanction.fine': 'fineYuan' }) as ApiError;
    expect(moved.field).toBe('fineYuan');
    expect(moved.code).toBe('FINE_OUTSIDE_BAND');
    expect((remapErrorField(err, {}) as ApiError).field).toBe('sanction.fine');
  });
  it('appends the problems an error lists', () => {
    const err = new ApiError(422, 'TWO_OFFICER_RULE', '须两名', 'officerIds', {
      problems: [{ officerId: 'x', message: '刘洋的执法证件已过期' }],
    });
    expect((errorWithProblems(err) as ApiError).message).toBe('须两名：刘洋的执法证件已过期');
  });
  it('tells ID numbers from names', () => {
    expect(looksLikeIdNumber('91310118MA1JL0000N')).toBe(true);
    expect(looksLikeIdNumber('310118199001011234')).toBe(true);
    expect(looksLikeIdNumber('上海某某物业')).toBe(false);
  });
});

describe('a case that cannot exist', () => {
  it('PLT-05 a malformed case id (400 on id) reads as 案件不存在 (404), other errors are kept', () => {
    const bad = caseNotFoundError(new ApiError(400, 'VALIDATION_PATTERN', '字段“id”格式不正确', 'id'));
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    expect((bad as ApiError).message).toContain('案件不存在');
    const other = new ApiError(400, 'VALIDATION_PATTERN', '格式不正确', 'cursor');
    expect(caseNotFoundError(other)).toBe(other);
    const network = new ApiError(0, 'NETWORK', '无法连接服务器');
    expect(caseNotFoundError(network)).toBe(network);
  });
});
