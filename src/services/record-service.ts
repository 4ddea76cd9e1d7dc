import type { Readable } from 'node:stream';
import { DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as repo from '../repositories/record-repository';
import type { BlobStore, ByteRange } from '../storage/blobs';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { pageOf } from './paging';

/** What record services use beyond the database. */
export interface RecordDeps extends Deps {
  blobs: BlobStore;
  uploads: { maxBytes: number; mediaTypes: string[] };
  retrievalPurposeRequired: boolean;
}

export function recordView(r: NonNullable<Awaited<ReturnType<typeof repo.getRecord>>>) {
  return {
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    sm3: r.sm3,
    createdAt: r.created_at,
    createdBy: { id: r.created_by, name: r.creator_name },
  };
}
export type RecordView = ReturnType<typeof recordView>;

export function checkMediaType(deps: RecordDeps, mediaType: string): string {
  const t = mediaType.split(';')[0]!.trim().toLowerCase();
  if (!deps.uploads.mediaTypes.includes(t))
    throw new DomainError(
      'unsupportedType',
      'MEDIA_TYPE_NOT_ALLOWED',
      `不接受此类型的文件：${t || '未知类型'}`,
      'mediaType',
    );
  return t;
}

export function checkFileName(name: string): string {
  const n = name.normalize('NFC').trim();
  // eslint-disable-next-line no-control-regex
  if (n.length === 0 || n.length > 255 || /[\x00-\x1f/\\]/.test(n))
    throw invalid('FILE_NAME_INVALID', '文件名不能为空、过长或含有斜杠与控制字符', 'fileName');
  return n;
}

/**
 * Content becomes a record (REC-01): streamed into the blob store (hashed on the way; a declared
 * SHA-256 that differs is refused and nothing is kept), then the record row and its ledger entry
 * are written in one transaction. A blob without a record row is never a record.
 */
export async function createRecord(
  deps: RecordDeps,
  actor: Actor & { type: 'user' },
  input: {
    content: Readable | Buffer;
    fileName: string;
    mediaType: string;
    expectedSha256?: string;
    maxBytes?: number;
  },
): Promise<RecordView> {
  const mediaType = checkMediaType(deps, input.mediaType);
  const fileName = checkFileName(input.fileName);
  if (input.expectedSha256 !== undefined && !/^[0-9a-f]{64}$/.test(input.expectedSha256))
    throw invalid('SHA256_INVALID', 'SHA-256 应为 64 位小写十六进制', 'sha256');
  const blob = await deps.blobs.put(input.content, {
    ...(input.expectedSha256 && { expectedSha256: input.expectedSha256 }),
    maxBytes: input.maxBytes ?? deps.uploads.maxBytes,
  });
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRecord(trx, {
      id,
      sha256: blob.sha256,
      sm3: blob.sm3,
      size: blob.size,
      media_type: mediaType,
      file_name: fileName,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'record.created@1',
      { type: 'record', id },
      { fileName, mediaType, size: blob.size, sha256: blob.sha256, sm3: blob.sm3 },
    );
  });
  return getRecord(deps, id);
}

export async function getRecord(deps: Deps, id: string): Promise<RecordView> {
  const r = await repo.getRecord(deps.db, id);
  if (!r) throw notFound('RECORD_NOT_FOUND', '记录不存在');
  return recordView(r);
}

export async function listRecords(deps: Deps, q: { cursor?: string; limit: number }) {
  const rows = await repo.listRecords(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor !== undefined && { beforeId: q.cursor }),
  });
  return pageOf(rows, q.limit, recordView, (v) => v.id);
}

/**
 * The one path to a record's content (REC-06): checks the purpose, writes the retrieval log row
 * and its ledger entry in one transaction, then opens the (range of the) content.
 */
export async function retrieve(
  deps: RecordDeps,
  actor: Actor & { type: 'user' },
  recordId: string,
  q: { purpose?: string; range?: ByteRange },
): Promise<{ record: RecordView; stream: Readable }> {
  const record = await getRecord(deps, recordId);
  const purpose = (q.purpose ?? '').trim();
  if (deps.retrievalPurposeRequired && purpose.length < 2)
    throw invalid('PURPOSE_REQUIRED', '调阅记录须说明调阅事由（至少 2 个字）', 'purpose');
  const retrievalId = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRetrieval(trx, {
      id: retrievalId,
      record_id: recordId,
      user_id: actor.id,
      purpose,
      range_start: q.range?.start ?? null,
      range_end: q.range?.end ?? null,
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'record.retrieved@1',
      { type: 'retrieval', id: retrievalId },
      {
        recordId,
        sha256: record.sha256,
        purpose,
        range: q.range ? `${q.range.start}-${q.range.end}` : null,
      },
    );
  });
  const stream = await deps.blobs.get(record.sha256, q.range);
  return { record, stream };
}

export async function listRetrievals(deps: Deps, q: { recordId: string; cursor?: string; limit: number }) {
  await getRecord(deps, q.recordId);
  const rows = await repo.listRetrievals(deps.db, {
    recordId: q.recordId,
    limit: q.limit + 1,
    ...(q.cursor !== undefined && { beforeId: q.cursor }),
  });
  return pageOf(
    rows,
    q.limit,
    (r) => ({
      id: r.id,
      at: r.at,
      user: { id: r.user_id, name: r.user_name },
      purpose: r.purpose,
      range: r.range_start === null ? null : `${r.range_start}-${r.range_end ?? ''}`,
    }),
    (v) => v.id,
  );
}
