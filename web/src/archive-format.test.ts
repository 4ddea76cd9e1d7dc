import { describe, expect, it } from 'vitest';
import {
  acceptNeedsNote,
  approvalOf,
  canApproveDisposal,
  canPlaceHold,
  indexByVolume,
  missingLines,
  restrictedText,
  RETENTION_STATUS,
  RETENTION_STATUSES,
  retentionStatus,
  volumePages,
  yearOptions,
} from './archive-format';
import type { CaseFileIndexItem, RetentionItem } from '../../src/http/routes/archives.schema';

const item = (order: number, volume: 'main' | 'sub', pages: number | null = 1): CaseFileIndexItem => ({
  order,
  volume,
  title: `第${order}件`,
  documentNumber: null,
  date: '2026-04-16',
  recordId: `r${order}`,
  pages,
});

describe('卷内目录', () => {
  it('splits the index into 正卷 and 副卷, each in order', () => {
    const v = indexByVolume([item(3, 'main'), item(2, 'sub'), item(1, 'main'), item(4, 'sub')]);
    expect(v.main.map((i) => i.order)).toEqual([1, 3]);
    expect(v.sub.map((i) => i.order)).toEqual([2, 4]);
    expect(indexByVolume([])).toEqual({ main: [], sub: [] });
  });

  it('counts pages only when every item has a count', () => {
    expect(volumePages([item(1, 'main', 2), item(2, 'main', 3)])).toBe(5);
    expect(volumePages([item(1, 'main', 2), item(2, 'main', null)])).toBeNull();
    expect(volumePages([])).toBe(0);
  });
});

describe('接收归档', () => {
  it('needs a note when anything is missing or unsigned', () => {
    expect(acceptNeedsNote({ missing: [], unsigned: [] })).toBe(false);
    expect(
      acceptNeedsNote({ missing: [{ code: 'DOCUMENT_MISSING', message: '缺送达回证' }], unsigned: [] }),
    ).toBe(true);
    expect(
      acceptNeedsNote({ missing: [], unsigned: [{ documentId: 'd', title: '询问笔录', number: null }] }),
    ).toBe(true);
  });

  it('reads the lines of a CASE_FILE_INCOMPLETE refusal', () => {
    expect(
      missingLines({ missing: [{ code: 'a', message: '缺少送达回证' }, { code: 'b' }, '缺少签名', 3] }),
    ).toEqual(['缺少送达回证', 'b', '缺少签名']);
    expect(missingLines(undefined)).toEqual([]);
    expect(missingLines({ missing: 'x' })).toEqual([]);
  });

  it('names the restricted records, or nothing', () => {
    expect(restrictedText({ stateSecret: 0, tradeSecret: 2, privacy: 1 })).toBe(
      '商业秘密 2 件、个人隐私 1 件',
    );
    expect(restrictedText({ stateSecret: 0, tradeSecret: 0, privacy: 0 })).toBeNull();
  });

  it('offers the recent years, newest first', () => {
    expect(yearOptions(2026, 2)).toEqual([2026, 2025, 2024]);
  });
});

describe('保管期限', () => {
  const base: RetentionItem = {
    recordId: 'r1',
    restricted: false,
    fileName: 'a.mp4',
    kind: 'video',
    kindLabel: '视频',
    size: 1024,
    sha256: 'ab'.repeat(32),
    createdAt: '2025-10-16T02:00:00.000Z',
    caseId: null,
    caseNumber: null,
    caseTitle: null,
    retentionClass: 'inspectionAv',
    retentionClassLabel: '检查音像',
    retentionLabel: '检查音像 6 个月',
    retentionReason: '检查音像保存 6 个月',
    dueOn: '2026-04-16',
    status: 'due',
    marks: [],
    approvals: [],
    disposalId: null,
    undoUntil: null,
    disposedAt: null,
    holds: [],
  };

  it('has a label for every status', () => {
    for (const s of RETENTION_STATUSES) expect(RETENTION_STATUS[s].label).not.toBe('');
    expect(RETENTION_STATUS.onHold.label).toBe('冻结中');
    expect(retentionStatus('ready')).toEqual({ label: '待执行处置', color: 'red' });
    expect(retentionStatus('later')).toEqual({ label: 'later', color: 'default' });
  });

  it('finds each approval by role', () => {
    const it1 = {
      ...base,
      approvals: [{ role: 'leader' as const, user: { id: 'u2', name: '赵' }, at: 'x' }],
    };
    expect(approvalOf(it1, 'leader')?.user.name).toBe('赵');
    expect(approvalOf(it1, 'recordsKeeper')).toBeNull();
  });

  it('offers 批准处置 once per user while the record is due or awaits the other approval', () => {
    expect(canApproveDisposal(base, 'u1')).toBe(true);
    const half = {
      ...base,
      status: 'awaitingApproval' as const,
      approvals: [{ role: 'recordsKeeper' as const, user: { id: 'u1', name: '钱' }, at: 'x' }],
    };
    expect(canApproveDisposal(half, 'u1')).toBe(false);
    expect(canApproveDisposal(half, 'u2')).toBe(true);
    expect(canApproveDisposal({ ...base, status: 'onHold' }, 'u2')).toBe(false);
    expect(canApproveDisposal({ ...base, status: 'undoWindow' }, 'u2')).toBe(false);
  });

  it('offers a hold unless the record is held or gone', () => {
    expect(canPlaceHold(base)).toBe(true);
    expect(canPlaceHold({ ...base, status: 'onHold' })).toBe(false);
    expect(canPlaceHold({ ...base, status: 'disposed' })).toBe(false);
  });
});
