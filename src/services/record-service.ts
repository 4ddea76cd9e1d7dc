import fs from 'node:fs';
import { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { DomainError, conflict, invalid, notFound } from '../domain/errors';
import { checkSignature, SIGNATURE_BYTES, signatureMismatch } from '../domain/file-signature';
import { cleanText } from '../domain/text';
import { RECORD_KIND_LABELS, type RecordKind } from '../domain/case-types';
import { checkActDateNotBefore, DEFAULT_MIN_ACT_DATE, shanghaiDate, type IsoDate } from '../domain/dates';
import type { Actor } from '../domain/ledger-entry';
import { caseListScope } from '../domain/case-access';
import { lowersProtection, PROTECTION_LABELS, type Protection, type Role } from '../domain/policy';
import { maskRecordFields, protectionOf, visibleRecords } from './record-presenter';
import * as repo from '../repositories/record-repository';
import * as cases from '../repositories/case-repository';
import * as flagRepo from '../repositories/flag-repository';
import * as recorderRepo from '../repositories/recorder-repository';
import * as stepRepo from '../repositories/step-repository';
import type { Executor } from '../storage/database';
import { assertNotArchived, assertOpen } from '../domain/case-open';
import { liveDisposals } from '../repositories/archive-repository';
import { officerExists } from '../repositories/org-repository';
import type { BlobInfo, BlobStore, ByteRange, PutOptions } from '../storage/blobs';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { pageOf } from './paging';

/** What record services use beyond the database. */
export interface RecordDeps extends Deps {
  blobs: BlobStore;
  uploads: { maxBytes: number; mediaTypes: string[] };
  retrievalPurposeRequired: boolean;
  /** The earliest date an AV recording may start (PLT-05); the default when not given. */
  minActDate?: IsoDate;
}

export { RECORD_KINDS, RECORD_KIND_LABELS, type RecordKind } from '../domain/case-types';
/** Which media types each kind of record may have. */
const KIND_MEDIA: Record<RecordKind, (t: string) => boolean> = {
  text: (t) => t.startsWith('text/') || t === 'application/pdf',
  scan: (t) => t.startsWith('image/') || t === 'application/pdf',
  document: (t) => !t.startsWith('audio/') && !t.startsWith('video/'),
  photo: (t) => t.startsWith('image/'),
  audio: (t) => t.startsWith('audio/'),
  video: (t) => t.startsWith('video/'),
};

/** Metadata of an AV record (REC-04). */
export interface AvMeta {
  recorderId: string;
  recorderNumber?: string;
  officerIds: string[];
  startedAt: string;
  endedAt: string;
  place: string;
}

/** Who is looking: what restricted records they may see depends on roles and case membership. */
export interface Viewer {
  userId: string;
  roles: readonly Role[];
  officerId: string | null;
  unitId: string | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.getRecord>>>;

export function recordView(r: Row) {
  return {
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: Number(r.size) as number | null,
    sha256: r.sha256,
    sm3: r.sm3,
    createdAt: r.created_at,
    createdBy: { id: r.created_by, name: r.creator_name },
    caseId: r.case_id,
    stepId: r.step_id,
    kind: r.kind as RecordKind | null,
    protection: (r.protection ?? 'internal') as Protection,
    protectionLabel: PROTECTION_LABELS[(r.protection ?? 'internal') as Protection],
    versionOf: r.version_of,
    rootId: r.root_id ?? r.id,
    version: r.version ?? 1,
    correctionReason: r.correction_reason,
    av: r.av_meta ? (JSON.parse(r.av_meta) as AvMeta) : null,
    restricted: false as boolean,
  };
}

/** A restricted record as others see it: that it exists, not what it is (one presenter). */
function hiddenView(r: Row): RecordView {
  return { ...maskRecordFields(recordView(r), protectionOf(r)), restricted: true };
}

/** Each row as this viewer may see it. */
async function present(ex: Executor, v: Viewer, rows: readonly Row[]): Promise<RecordView[]> {
  const visible = await visibleRecords(ex, v, rows);
  return rows.map((r) => (visible.has(r.id) ? recordView(r) : hiddenView(r)));
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
  // A file name is a name: no control, invisible or direction-changing characters (PLT-05).
  const n = cleanText(name, 'name', 'fileName').trim();
  if (n.length === 0 || n.length > 255 || /[/\\]/.test(n))
    throw invalid('FILE_NAME_INVALID', '文件名不能为空、过长或含有斜杠', 'fileName');
  return n;
}

/**
 * The first `n` bytes of the content (fewer when it is shorter), and the content to read from
 * then on: a stream gets the bytes it gave pushed back (`unshift`), unless it has ended, when
 * the bytes read are the whole content.
 */
async function readHead(
  content: Readable | Buffer,
  n: number,
): Promise<{ head: Buffer; content: Readable | Buffer }> {
  if (Buffer.isBuffer(content)) return { head: content.subarray(0, n), content };
  const chunks: Buffer[] = [];
  let got = 0;
  let ended = false;
  const onEnd = () => (ended = true);
  content.once('end', onEnd);
  try {
    while (got < n && !ended) {
      const chunk = content.read() as Buffer | string | null;
      if (chunk !== null) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        chunks.push(b);
        got += b.length;
        continue;
      }
      if (content.readableEnded || content.destroyed) break;
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          content.off('readable', done).off('end', done).off('close', done).off('error', fail);
          resolve();
        };
        const fail = (e: Error) => {
          content.off('readable', done).off('end', done).off('close', done);
          reject(e);
        };
        content.once('readable', done).once('end', done).once('close', done).once('error', fail);
      });
    }
  } finally {
    content.off('end', onEnd);
  }
  const all = Buffer.concat(chunks);
  if (ended || content.readableEnded) return { head: all.subarray(0, n), content: all };
  if (all.length > 0) content.unshift(all);
  return { head: all.subarray(0, n), content };
}

/**
 * Content that will not be stored is let go: a file is closed; the rest of a request body is
 * read and dropped (as the server does with any body left unread), so the answer can still go
 * out on the connection.
 */
function discard(content: Readable | Buffer): void {
  if (Buffer.isBuffer(content)) return;
  if (content instanceof IncomingMessage) content.resume();
  else content.destroy();
}

/**
 * The content's leading bytes must be of its declared type (PLT-05): checked before anything is
 * stored. Returns the content to store.
 */
async function checkContent(content: Readable | Buffer, mediaType: string): Promise<Readable | Buffer> {
  const r = await readHead(content, SIGNATURE_BYTES);
  const check = checkSignature(mediaType, r.head);
  if (!check.ok) throw signatureMismatch(mediaType, check.expected);
  return r.content;
}

/** A finished resumable upload of the requesting user (the route checked owner and completeness). */
export interface FinishedUpload {
  /** Where its bytes were assembled. */
  path: string;
  /** The name and media type the client declared when it began the upload. */
  fileName?: string;
  mediaType?: string;
  /** Drops the upload once its bytes are stored (also when its file was moved into the store). */
  remove(): Promise<void>;
  /** SHA-256, SM3 and size of its bytes, hashed as they arrived (see upload-digests). */
  digests?: () => Promise<BlobInfo>;
}

/** A file whose digests are known, which a blob store on the same filesystem may move into place. */
export interface AdoptableFile {
  path: string;
  digests: () => Promise<BlobInfo>;
}

/** What turning an upload into a record passes on: the bytes and what they are. */
export interface UploadedContent {
  content: Readable;
  fileName: string;
  mediaType: string;
  expectedSha256?: string;
  /** The same bytes as a file, if the store can take it over instead of copying `content`. */
  file?: AdoptableFile;
}

/**
 * The one path from an upload to a record: the bytes stream from the upload's file, named as the
 * request says or else as the upload was, checked against the digest the client sent; `register`
 * stores them (a plain record, a step's record, a signed scan) and the upload is dropped after.
 */
export async function recordFromUpload<T>(
  upload: FinishedUpload,
  request: { fileName?: string | undefined; sha256?: string | undefined },
  register: (content: UploadedContent) => Promise<T>,
  fallbackName = 'upload',
): Promise<T> {
  const r = await register({
    // Large pieces: a store that copies (S3) reads the whole file through this stream.
    content: fs.createReadStream(upload.path, { highWaterMark: 1024 * 1024 }),
    fileName: request.fileName ?? upload.fileName ?? fallbackName,
    mediaType: upload.mediaType ?? '',
    ...(request.sha256 && { expectedSha256: request.sha256 }),
    ...(upload.digests && { file: { path: upload.path, digests: upload.digests } }),
  });
  await upload.remove().catch(() => undefined);
  return r;
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
    /** The same bytes as a file (a finished upload): moved into the store where it can be. */
    file?: AdoptableFile;
    /** Set for records of a case: the step they record and what they are. */
    meta?: CaseRecordMeta;
    /** More writes that belong to the same change, in the record's transaction. */
    inTx?: (trx: Tx, recordId: string) => Promise<void>;
  },
): Promise<RecordView> {
  let mediaType: string;
  let fileName: string;
  let content: Readable | Buffer;
  try {
    mediaType = checkMediaType(deps, input.mediaType);
    fileName = checkFileName(input.fileName);
    if (input.expectedSha256 !== undefined && !/^[0-9a-f]{64}$/.test(input.expectedSha256))
      throw invalid('SHA256_INVALID', 'SHA-256 应为 64 位小写十六进制', 'sha256');
    // Checked before the content is stored, and again inside the transaction.
    if (input.meta) await checkCaseRecord(deps, deps.db, input.meta, mediaType);
    content = await checkContent(input.content, mediaType);
  } catch (e) {
    discard(input.content);
    throw e;
  }
  const blob = await storeContent(deps, content, input.file, {
    ...(input.expectedSha256 && { expectedSha256: input.expectedSha256 }),
    maxBytes: input.maxBytes ?? deps.uploads.maxBytes,
  });
  const id = newId(deps.clock);
  const meta = input.meta;
  await deps.db.transaction().execute(async (trx) => {
    let chain: { root: string; version: number } | null = null;
    if (meta) {
      const c = await cases.lockCase(trx, meta.caseId);
      if (c) assertWritable(c, meta);
      chain = await checkCaseRecord(deps, trx, meta, mediaType);
    }
    await repo.insertRecord(trx, {
      id,
      sha256: blob.sha256,
      sm3: blob.sm3,
      size: blob.size,
      media_type: mediaType,
      file_name: fileName,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
      ...(meta && {
        case_id: meta.caseId,
        step_id: meta.stepId,
        kind: meta.kind,
        protection: meta.protection,
        version_of: meta.versionOf ?? null,
        root_id: chain?.root ?? id,
        version: chain?.version ?? 1,
        correction_reason: meta.reason?.trim() || null,
        av_meta: meta.av ? JSON.stringify(meta.av) : null,
        recorder_id: meta.av?.recorderId ?? null,
      }),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      meta?.versionOf ? 'record.corrected@1' : 'record.created@1',
      { type: 'record', id },
      {
        fileName,
        mediaType,
        size: blob.size,
        sha256: blob.sha256,
        sm3: blob.sm3,
        ...(meta && {
          caseId: meta.caseId,
          stepId: meta.stepId,
          kind: meta.kind,
          protection: meta.protection,
          ...(meta.versionOf && { versionOf: meta.versionOf, reason: meta.reason }),
          ...(meta.av && { av: meta.av }),
        }),
      },
    );
    await input.inTx?.(trx, id);
  });
  return recordView((await repo.getRecord(deps.db, id))!);
}

/**
 * Into the blob store: a file with known digests is moved in where the store can (the content's
 * stream, already read for its signature, is then dropped); anything else is streamed and hashed.
 */
async function storeContent(
  deps: RecordDeps,
  content: Readable | Buffer,
  file: AdoptableFile | undefined,
  opts: PutOptions,
): Promise<BlobInfo> {
  if (!file || !deps.blobs.adopt) return deps.blobs.put(content, opts);
  discard(content);
  return deps.blobs.adopt(file.path, await file.digests(), opts);
}

/** Case records go to open cases; a party's signed scan may still come until the file is archived. */
function assertWritable(c: Parameters<typeof assertOpen>[0], meta: CaseRecordMeta): void {
  if (meta.afterClosing) assertNotArchived(c);
  else assertOpen(c);
}

export interface CaseRecordMeta {
  caseId: string;
  stepId: string;
  kind: RecordKind;
  protection: Protection;
  versionOf?: string;
  reason?: string;
  av?: AvMeta;
  /** A record that may be added to a closed (not archived) case: the party's signed scan. */
  afterClosing?: boolean;
}

/**
 * The rules of a case record (REC-01, REC-04, REC-07): it belongs to a step of the case; its kind
 * fits its media type; an AV record names its recorder, officers, times and place; a correction
 * names the latest version of a record of the same case and gives a reason.
 */
async function checkCaseRecord(
  deps: Deps & Pick<RecordDeps, 'minActDate'>,
  ex: Executor,
  meta: CaseRecordMeta,
  mediaType: string,
): Promise<{ root: string; version: number } | null> {
  const step = await stepRepo.getStep(ex, meta.stepId);
  if (!step || step.case_id !== meta.caseId) throw notFound('STEP_NOT_FOUND', '执法环节不存在');
  const c = await cases.getCase(ex, meta.caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  assertWritable(c, meta);
  if (!KIND_MEDIA[meta.kind](mediaType))
    throw new DomainError(
      'unsupportedType',
      'RECORD_KIND_MISMATCH',
      `“${RECORD_KIND_LABELS[meta.kind]}”不能是 ${mediaType} 类型的文件`,
      'kind',
    );
  const isAv = meta.kind === 'audio' || meta.kind === 'video';
  if (isAv) {
    const av = meta.av;
    if (!av) throw invalid('AV_META_REQUIRED', '音像记录须填写执法记录仪、执法人员、起止时间和地点', 'av');
    const recorder = await recorderRepo.getRecorder(ex, av.recorderId);
    if (!recorder) throw invalid('RECORDER_NOT_FOUND', '执法记录仪不存在', 'av.recorderId');
    av.recorderNumber = recorder.number;
    if (av.officerIds.length === 0)
      throw invalid('OFFICERS_REQUIRED', '请填写摄录的执法人员', 'av.officerIds');
    for (const o of av.officerIds)
      if (!(await officerExists(ex, o)))
        throw invalid('OFFICER_NOT_FOUND', `执法人员不存在：${o}`, 'av.officerIds');
    const start = Date.parse(av.startedAt);
    const end = Date.parse(av.endedAt);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(av.startedAt) || Number.isNaN(start))
      throw invalid('TIME_INVALID', '开始时间应为 ISO 8601 格式', 'av.startedAt');
    if (!/^\d{4}-\d{2}-\d{2}T/.test(av.endedAt) || Number.isNaN(end))
      throw invalid('TIME_INVALID', '结束时间应为 ISO 8601 格式', 'av.endedAt');
    checkActDateNotBefore(
      shanghaiDate(new Date(start)),
      deps.minActDate ?? DEFAULT_MIN_ACT_DATE,
      'av.startedAt',
    );
    if (end < start) throw invalid('TIME_ORDER', '结束时间不能早于开始时间', 'av.endedAt');
    if (end > deps.clock.now().getTime() + 5 * 60_000)
      throw invalid('DATE_IN_FUTURE', '结束时间不能晚于现在', 'av.endedAt');
    if (av.place.trim().length < 2) throw invalid('PLACE_REQUIRED', '请填写摄录地点', 'av.place');
  } else if (meta.av) throw invalid('AV_META_NOT_ALLOWED', '只有音频、视频记录填写音像信息', 'av');
  if (meta.versionOf === undefined) {
    if (meta.reason) throw invalid('REASON_NOT_ALLOWED', '只有更正记录时填写更正理由', 'reason');
    return null;
  }
  const prior = await repo.getRecord(ex, meta.versionOf);
  if (!prior || prior.case_id !== meta.caseId)
    throw invalid('RECORD_NOT_FOUND', '被更正的记录不存在或不属于本案', 'versionOf');
  if ((meta.reason?.trim().length ?? 0) < 2)
    throw invalid('REASON_REQUIRED', '更正记录须说明理由（至少 2 个字）', 'reason');
  if (lowersProtection(protectionOf(prior), meta.protection))
    throw new DomainError(
      'unprocessable',
      'PROTECTION_LOWERED',
      `更正记录不能降低保护级别：原记录为“${PROTECTION_LABELS[protectionOf(prior)]}”`,
      'protection',
    );
  const next = await repo.successorOf(ex, prior.id);
  if (next) throw conflict('RECORD_SUPERSEDED', '该记录已有更新的版本，请更正最新版本', 'versionOf');
  return { root: prior.root_id ?? prior.id, version: (prior.version ?? 1) + 1 };
}

/** A record as this viewer may see it: restricted classes hidden unless allowed (REC-09). */
export async function getRecord(deps: Deps, id: string, viewer: Viewer): Promise<RecordView> {
  const r = await repo.getRecord(deps.db, id);
  if (!r) throw notFound('RECORD_NOT_FOUND', '记录不存在');
  return (await present(deps.db, viewer, [r]))[0]!;
}

/** A case's records in creation order (cursor = last id), each as this viewer may see it. */
export async function caseRecords(
  deps: Deps,
  caseId: string,
  viewer: Viewer,
  q: { cursor?: string; limit: number },
) {
  const rows = await repo.caseRecords(deps.db, caseId, {
    limit: q.limit + 1,
    ...(q.cursor && { afterId: q.cursor }),
  });
  return pageOf(
    await present(deps.db, viewer, rows),
    q.limit,
    (v) => v,
    (v) => v.id,
  );
}

/**
 * Records are never changed or deleted (REC-07). An attempt through the API is refused, and the
 * attempt itself is written down for the supervisor (REC-11) with its ledger entry.
 */
export async function refuseAlteration(
  deps: Deps,
  actor: Actor & { type: 'user' },
  id: string,
  attempt: 'alter' | 'delete',
): Promise<never> {
  const r = await repo.getRecord(deps.db, id);
  if (!r) throw notFound('RECORD_NOT_FOUND', '记录不存在');
  const flagId = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await flagRepo.insertFlag(trx, {
      id: flagId,
      kind: attempt === 'delete' ? 'deleteRefused' : 'alterRefused',
      case_id: r.case_id,
      step_id: r.step_id,
      record_id: id,
      user_id: actor.id,
      detail: attempt === 'delete' ? '试图删除记录资料' : '试图修改记录资料',
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'record.alterationRefused@1',
      { type: 'flag', id: flagId },
      {
        recordId: id,
        attempt,
      },
    );
  });
  throw conflict(
    'RECORD_IMMUTABLE',
    attempt === 'delete'
      ? '记录资料不得删除；此次操作已被记录并报监督人员'
      : '记录资料不得修改，如需更正请上传新版本并说明理由；此次操作已被记录并报监督人员',
  );
}

export async function listRecords(deps: Deps, viewer: Viewer, q: { cursor?: string; limit: number }) {
  const rows = await repo.listRecords(deps.db, {
    limit: q.limit + 1,
    scope: caseListScope(viewer),
    ...(q.cursor !== undefined && { beforeId: q.cursor }),
  });
  const views = await present(deps.db, viewer, rows);
  return pageOf(
    views.map((v, i) => {
      const r = rows[i]!;
      return {
        ...v,
        case:
          r.case_id !== null && r.case_number !== null
            ? { id: r.case_id, number: r.case_number, title: r.case_title ?? '' }
            : null,
      };
    }),
    q.limit,
    (v) => v,
    (v) => v.id,
  );
}

/** The size of a record the viewer may see; 403 for a restricted record they may not (REC-09). */
export function visibleSize(record: RecordView): number {
  if (record.restricted || record.size === null)
    throw new DomainError(
      'forbidden',
      'RECORD_RESTRICTED',
      `该记录属于“${record.protectionLabel}”，只有本案执法人员和有权限的人员可以调阅`,
    );
  return record.size;
}

/**
 * The one path to a record's content (REC-06): checks the purpose, writes the retrieval log row
 * and its ledger entry in one transaction, then opens the (range of the) content.
 */
export async function retrieve(
  deps: RecordDeps,
  actor: Actor & { type: 'user' },
  viewer: Viewer,
  recordId: string,
  q: { purpose?: string; range?: ByteRange },
): Promise<{ record: RecordView & { size: number }; stream: Readable }> {
  const record = await getRecord(deps, recordId, viewer);
  const size = visibleSize(record);
  const [disposal] = await liveDisposals(deps.db, [recordId]);
  if (disposal?.state === 'disposed')
    throw conflict(
      'RECORD_DISPOSED',
      `该记录的内容已于 ${disposal.disposed_at ?? ''} 经批准按保管期限处置，仅保留元数据和摘要`,
    );
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
  return { record: { ...record, size }, stream };
}

export async function listRetrievals(deps: Deps, q: { recordId: string; cursor?: string; limit: number }) {
  if (!(await repo.getRecord(deps.db, q.recordId))) throw notFound('RECORD_NOT_FOUND', '记录不存在');
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
