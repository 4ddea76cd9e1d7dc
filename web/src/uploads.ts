import * as tus from 'tus-js-client';
import { api, apiErrorFrom, ApiError, currentCsrfToken, errorMessage, onSessionChange } from './api';
import {
  addSample,
  DIRECT_UPLOAD_MAX_BYTES,
  HASH_IN_BROWSER_MAX_BYTES,
  speedOf,
  toHex,
  isRetryableStatus,
  uploadFailureMessage,
  uploadIdFromUrl,
  type ProgressSample,
} from './files';
import { caseApi } from './case-api';
import type { StepRecordMeta } from './case-types';
import { documentApi } from './document-api';
import type { DocumentView } from '../../src/http/routes/documents.schema';
import type { RecordView } from '../../src/http/routes/records.schema';

/**
 * Uploads of records, kept outside React so that they go on while the user looks at another page
 * of the workbench. Files up to 20 MiB are sent in one request; larger ones through tus (resumable:
 * the upload URL is kept in localStorage, so after a reload or a server restart the same file picks
 * up where it stopped). One upload runs at a time; 继续 on a paused one starts it at once.
 *
 * An upload may have a target: the step of a case it records. It then always goes through tus, and
 * when the bytes are in it is registered with `POST /api/steps/:id/records` and its metadata (kind,
 * protection, AV details, the version it corrects) instead of becoming a loose record. Or it is
 * the scan of a document the party signed: then it goes through tus and is attached to the
 * document with `POST /api/documents/:id/signed-scan`.
 */

export const TUS_ENDPOINT = '/api/uploads';
const CHUNK_SIZE = 8 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000];

/** The step of a case an upload records, and what the record is. */
export interface UploadTarget {
  caseId: string;
  stepId: string;
  meta: StepRecordMeta;
}

/** The issued document (笔录, 送达回证, 清单) whose party-signed copy an upload is the scan of. */
export interface ScanTarget {
  caseId: string;
  documentId: string;
}

export type UploadStatus =
  'queued' | 'hashing' | 'uploading' | 'paused' | 'registering' | 'canceling' | 'done' | 'error';

export interface UploadItem {
  key: string;
  fileName: string;
  size: number;
  mode: 'direct' | 'tus';
  status: UploadStatus;
  /** Bytes the server has (tus) or sent so far; 0 for a direct upload in flight. */
  sent: number;
  /** Bytes per second over the last seconds, 0 when unknown. */
  speed: number;
  /** The upload continued one stopped earlier (found in localStorage). */
  resumed: boolean;
  error: string | null;
  /** The request field a refusal names (e.g. `av.recorderId`), to show it beside its form field. */
  errorField: string | null;
  /** Whether trying again may help (network, server trouble), not a refusal (type, size, hash). */
  retryable: boolean;
  /** The file is in and only its registration is left (it may be retried with other metadata). */
  uploaded: boolean;
  record: RecordView | null;
  /** Set for a record of a case step; null for a loose record (记录资料 page). */
  target: UploadTarget | null;
  /** Set for the signed scan of a document; null otherwise. */
  scanOf: ScanTarget | null;
  /** The browser's MIME type of the file. */
  fileType: string;
}

/** An unfinished tus upload remembered in this browser, whose file is not open in this page. */
export interface StoredUpload {
  storageKey: string;
  uploadUrl: string;
  fileName: string;
  fileType: string;
  size: number | null;
  createdAt: Date | null;
  previous: tus.PreviousUpload;
}

interface Entry {
  item: UploadItem;
  file: File;
  userId: string;
  sha256: string | null;
  hashed: boolean;
  tus: tus.Upload | null;
  previous: tus.PreviousUpload | null;
  /** Set once the tus upload finished, so registering can be retried on its own. */
  uploadId: string | null;
  samples: ProgressSample[];
  abort: AbortController | null;
  /** Bumped by pause/cancel so that late answers of an abandoned attempt are ignored. */
  attempt: number;
}

type Listener = () => void;

const ACTIVE: readonly UploadStatus[] = ['hashing', 'uploading', 'registering'];

/** The fingerprint under which tus remembers an upload: per user, per file as the browser sees it. */
function fingerprintPrefix(userId: string): string {
  return `zhifa|${encodeURIComponent(userId)}|`;
}

function fingerprint(
  userId: string,
  file: File,
  target: UploadTarget | null,
  scanOf: ScanTarget | null,
): string {
  // A step's uploads (and signed scans) are remembered apart, so the 记录资料 page never offers
  // them as its own.
  const prefix = target
    ? `zhifa-step|${encodeURIComponent(userId)}|${encodeURIComponent(target.stepId)}|`
    : scanOf
      ? `zhifa-scan|${encodeURIComponent(userId)}|${encodeURIComponent(scanOf.documentId)}|`
      : fingerprintPrefix(userId);
  return `${prefix}${encodeURIComponent(file.name)}|${file.type}|${file.size}|${file.lastModified}`;
}

function hashingAvailable(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';
}

async function sha256Of(file: File): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
}

/** What to show for a failed tus request: the API's error when it sent one, else by status. */
function tusFailure(err: Error | tus.DetailedError): Pick<UploadItem, 'error' | 'retryable' | 'errorField'> {
  if (err instanceof tus.DetailedError && err.originalResponse) {
    const status = err.originalResponse.getStatus();
    const body = err.originalResponse.getBody() ?? '';
    // Also ends the session in the UI on a 401.
    const apiErr = apiErrorFrom(status, body, TUS_ENDPOINT);
    return {
      error: apiErr.code.startsWith('HTTP_') ? uploadFailureMessage(status, body) : apiErr.message,
      retryable: isRetryableStatus(status),
      errorField: null,
    };
  }
  if (err instanceof tus.DetailedError && err.originalRequest)
    return { error: uploadFailureMessage(0, ''), retryable: true, errorField: null };
  return { error: err.message || '上传失败', retryable: true, errorField: null };
}

function failure(err: unknown): Pick<UploadItem, 'error' | 'retryable' | 'errorField'> {
  return {
    error: errorMessage(err),
    retryable: err instanceof ApiError ? isRetryableStatus(err.status) : true,
    errorField: err instanceof ApiError ? (err.field ?? null) : null,
  };
}

/** Longest x-file-name header the server takes; a longer (URL-encoded) name goes through tus. */
const FILE_NAME_HEADER_MAX = 1000;

class UploadManager {
  private entries: Entry[] = [];
  private snapshot: readonly UploadItem[] = [];
  private listeners = new Set<Listener>();
  private recordListeners = new Set<(r: RecordView) => void>();
  private scanListeners = new Set<(d: DocumentView) => void>();
  private seq = 0;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    onSessionChange(() => {
      // Signed out or expired: stop (not terminate) every upload; they stay resumable.
      if (currentCsrfToken() === null) this.reset();
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('beforeunload', (e) => {
        if (this.busy()) e.preventDefault();
      });
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly UploadItem[] => this.snapshot;

  /** Called with each record an upload created. */
  onRecord(listener: (r: RecordView) => void): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /** Called with the document each signed scan was attached to. */
  onSignedScan(listener: (d: DocumentView) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  busy(): boolean {
    return this.entries.some((e) => e.item.status === 'queued' || ACTIVE.includes(e.item.status));
  }

  /** Upload URLs of the tus uploads open in this page (not to be offered as "继续上传"). */
  openUploadUrls(): Set<string> {
    const urls = new Set<string>();
    for (const e of this.entries) if (e.tus?.url) urls.add(e.tus.url);
    for (const e of this.entries) if (e.previous?.uploadUrl) urls.add(e.previous.uploadUrl);
    return urls;
  }

  /** Queues files; with a target they become records of that step. Returns the items' keys. */
  add(files: readonly File[], userId: string, target: UploadTarget | null = null): string[] {
    const keys = files.map((file) => this.push(file, userId, null, target));
    this.pump();
    return keys;
  }

  /** Queues the scan of a document the party signed; when it is in, it is attached to the document. */
  addSignedScan(file: File, userId: string, scanOf: ScanTarget): string {
    const key = this.push(file, userId, null, null, scanOf);
    this.pump();
    return key;
  }

  /**
   * New metadata for a step upload whose registration was refused (a field the server named), then
   * registers it again; the file itself is not sent again.
   */
  retarget(key: string, meta: StepRecordMeta): void {
    const e = this.find(key);
    if (!e?.item.target || e.item.status === 'done' || ACTIVE.includes(e.item.status)) return;
    this.set(e, { target: { ...e.item.target, meta }, error: null, errorField: null });
    if (e.item.status === 'error') this.run(e);
  }

  /** Continue a remembered upload with the file the user picked again. */
  resumeStored(stored: StoredUpload, file: File, userId: string): void {
    this.push(file, userId, stored.previous, null);
    this.pump();
  }

  pause(key: string): void {
    const e = this.find(key);
    if (!e || e.item.mode !== 'tus' || e.item.status !== 'uploading' || !e.tus) return;
    e.attempt++;
    void e.tus.abort();
    this.set(e, { status: 'paused', speed: 0 });
    this.pump();
  }

  /** 继续 / 重试: starts at once, whatever else is running. */
  resume(key: string): void {
    const e = this.find(key);
    if (!e || (e.item.status !== 'paused' && e.item.status !== 'error')) return;
    this.run(e);
  }

  async cancel(key: string): Promise<void> {
    const e = this.find(key);
    if (!e || e.item.status === 'canceling') return;
    e.attempt++;
    e.abort?.abort();
    const upload = e.tus;
    if (upload && e.item.status !== 'done') {
      // Stays on the list (and out of 未完成的上传) until the server and localStorage forgot it.
      this.set(e, { status: 'canceling', speed: 0 });
      this.pump();
      const url = upload.url;
      try {
        await upload.abort(true);
      } catch {
        // The server may not offer termination (or be away); it expires abandoned uploads itself.
      }
      if (url) await forgetUrl(url).catch(() => undefined);
    }
    this.entries = this.entries.filter((x) => x !== e);
    this.emit(true);
    this.pump();
  }

  /** Takes finished items off the list (only those `which` picks, when given). */
  clearFinished(which: (item: UploadItem) => boolean = () => true): void {
    this.entries = this.entries.filter((e) => e.item.status !== 'done' || !which(e.item));
    this.emit(true);
  }

  private reset(): void {
    for (const e of this.entries) {
      e.attempt++;
      e.abort?.abort();
      if (e.tus) void e.tus.abort();
    }
    this.entries = [];
    this.emit(true);
  }

  private push(
    file: File,
    userId: string,
    previous: tus.PreviousUpload | null,
    target: UploadTarget | null,
    scanOf: ScanTarget | null = null,
  ): string {
    const mode =
      target !== null ||
      scanOf !== null ||
      file.size > DIRECT_UPLOAD_MAX_BYTES ||
      previous ||
      encodeURIComponent(file.name).length > FILE_NAME_HEADER_MAX
        ? 'tus'
        : 'direct';
    this.entries.push({
      item: {
        key: `u${++this.seq}`,
        fileName: file.name,
        size: file.size,
        mode,
        status: 'queued',
        sent: 0,
        speed: 0,
        resumed: false,
        error: null,
        errorField: null,
        retryable: true,
        uploaded: false,
        record: null,
        target,
        scanOf,
        fileType: file.type,
      },
      file,
      userId,
      sha256: null,
      hashed: false,
      tus: null,
      previous,
      uploadId: null,
      samples: [],
      abort: null,
      attempt: 0,
    });
    this.emit(true);
    return `u${this.seq}`;
  }

  private find(key: string): Entry | undefined {
    return this.entries.find((e) => e.item.key === key);
  }

  private pump(): void {
    if (this.entries.some((e) => ACTIVE.includes(e.item.status))) return;
    const next = this.entries.find((e) => e.item.status === 'queued');
    if (next) this.run(next);
  }

  private run(e: Entry): void {
    const attempt = ++e.attempt;
    const live = () => attempt === e.attempt && this.entries.includes(e);
    this.set(e, { error: null, errorField: null, retryable: true, speed: 0 });
    void (async () => {
      try {
        if (!e.hashed) {
          e.hashed = true;
          if (e.file.size <= HASH_IN_BROWSER_MAX_BYTES && hashingAvailable()) {
            this.set(e, { status: 'hashing' });
            e.sha256 = await sha256Of(e.file);
            if (!live()) return;
          }
        }
        if (e.uploadId) {
          await this.register(e, live);
        } else if (e.item.mode === 'direct') {
          await this.sendDirect(e, live);
        } else {
          await this.sendTus(e, live);
        }
      } catch (err) {
        if (!live()) return;
        this.set(e, { status: 'error', ...failure(err), speed: 0 });
        this.pump();
      }
    })();
  }

  private async sendDirect(e: Entry, live: () => boolean): Promise<void> {
    this.set(e, { status: 'uploading', sent: 0 });
    e.abort = new AbortController();
    try {
      const record = await api.createRecord(e.file, e.sha256 ?? undefined, e.abort.signal);
      if (!live()) return;
      this.finish(e, record);
    } catch (err) {
      if (!live()) return;
      if (err instanceof ApiError && err.status === 413) {
        // The server's limit is lower than ours: send it resumably instead.
        this.set(e, { mode: 'tus' });
        await this.sendTus(e, live);
        return;
      }
      throw err;
    } finally {
      e.abort = null;
    }
  }

  private async sendTus(e: Entry, live: () => boolean): Promise<void> {
    this.set(e, { status: 'uploading' });
    e.samples = [];
    let upload = e.tus;
    if (!upload) {
      const userId = e.userId;
      upload = new tus.Upload(e.file, {
        endpoint: TUS_ENDPOINT,
        metadata: { filename: e.file.name, filetype: e.file.type || 'application/octet-stream' },
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        removeFingerprintOnSuccess: true,
        storeFingerprintForResuming: true,
        fingerprint: (file: File) => Promise.resolve(fingerprint(userId, file, e.item.target, e.item.scanOf)),
        // Read the token at each request: it is the session's, not the one at the start.
        onBeforeRequest: (req) => {
          const token = currentCsrfToken();
          if (token) req.setHeader('x-csrf-token', token);
        },
      });
      e.tus = upload;
      const previous = e.previous ?? newest(await upload.findPreviousUploads());
      if (!live()) return;
      if (previous) {
        upload.resumeFromPreviousUpload(previous);
        this.set(e, { resumed: true });
      }
    }
    const started = e.attempt;
    upload.options.onProgress = (sent, total) => {
      if (started !== e.attempt) return;
      e.samples = addSample(e.samples, { at: performance.now(), bytes: sent });
      this.set(e, { sent, size: total, speed: speedOf(e.samples) }, false);
    };
    upload.options.onSuccess = () => {
      if (started !== e.attempt) return;
      const id = upload.url ? uploadIdFromUrl(upload.url) : null;
      if (!id) {
        this.set(e, { status: 'error', error: '服务器未返回上传地址', retryable: false, speed: 0 });
        this.pump();
        return;
      }
      e.uploadId = id;
      this.set(e, { sent: e.item.size, speed: 0, uploaded: true });
      this.register(e, live).catch((err: unknown) => {
        if (!live()) return;
        this.set(e, { status: 'error', ...failure(err), speed: 0 });
        this.pump();
      });
    };
    upload.options.onError = (err) => {
      if (started !== e.attempt) return;
      this.set(e, { status: 'error', ...tusFailure(err), speed: 0 });
      this.pump();
    };
    upload.start();
  }

  private async register(e: Entry, live: () => boolean): Promise<void> {
    if (!e.uploadId) return;
    this.set(e, { status: 'registering', speed: 0 });
    const scanOf = e.item.scanOf;
    if (scanOf) {
      await documentApi.attachSignedScan(scanOf.documentId, e.uploadId);
      // The document as it now stands (whatever the attach answered with).
      const doc = await documentApi.document(scanOf.documentId).catch(() => null);
      if (!live()) return;
      this.set(e, { status: 'done', sent: e.item.size, speed: 0 });
      if (doc) for (const l of this.scanListeners) l(doc);
      this.pump();
      return;
    }
    const common = {
      uploadId: e.uploadId,
      fileName: e.file.name,
      ...(e.sha256 ? { sha256: e.sha256 } : {}),
    };
    const target = e.item.target;
    const record = target
      ? await caseApi.createStepRecord(target.stepId, { ...common, ...target.meta })
      : await api.createRecordFromUpload(common);
    if (!live()) return;
    this.finish(e, record);
  }

  private finish(e: Entry, record: RecordView): void {
    this.set(e, { status: 'done', sent: e.item.size, speed: 0, record });
    for (const l of this.recordListeners) l(record);
    this.pump();
  }

  private set(e: Entry, patch: Partial<UploadItem>, now = true): void {
    e.item = { ...e.item, ...patch };
    this.emit(now);
  }

  /** Progress events come many times a second; the list is redrawn at most every 200 ms for them. */
  private emit(now: boolean): void {
    if (!now) {
      this.emitTimer ??= setTimeout(() => this.emit(true), 200);
      return;
    }
    if (this.emitTimer) {
      clearTimeout(this.emitTimer);
      this.emitTimer = null;
    }
    this.snapshot = this.entries.map((e) => e.item);
    for (const l of this.listeners) l();
  }
}

function newest(list: readonly tus.PreviousUpload[]): tus.PreviousUpload | null {
  let best: tus.PreviousUpload | null = null;
  for (const p of list) {
    if (!p.uploadUrl) continue;
    if (!best || Date.parse(p.creationTime) > Date.parse(best.creationTime)) best = p;
  }
  return best;
}

function storage(): tus.UrlStorage | null {
  return tus.canStoreURLs ? tus.defaultOptions.urlStorage : null;
}

async function forgetUrl(url: string): Promise<void> {
  const s = storage();
  if (!s) return;
  for (const p of await s.findAllUploads()) {
    if (p.uploadUrl === url) await s.removeUpload(p.urlStorageKey);
  }
}

/** The unfinished uploads of this user remembered in this browser, newest first. */
export async function storedUploads(userId: string): Promise<StoredUpload[]> {
  const s = storage();
  if (!s) return [];
  const prefix = `tus::${fingerprintPrefix(userId)}`;
  const open = uploads.openUploadUrls();
  const out: StoredUpload[] = [];
  for (const p of await s.findAllUploads()) {
    if (!p.urlStorageKey.startsWith(prefix) || !p.uploadUrl || open.has(p.uploadUrl)) continue;
    const created = new Date(p.creationTime);
    out.push({
      storageKey: p.urlStorageKey,
      uploadUrl: p.uploadUrl,
      fileName: p.metadata.filename ?? '（未知文件名）',
      fileType: p.metadata.filetype ?? '',
      size: p.size,
      createdAt: Number.isNaN(created.getTime()) ? null : created,
      previous: p,
    });
  }
  return out.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

export type UploadProbe = { state: 'open'; offset: number; length: number | null } | { state: 'gone' };

/** How far a remembered upload got on the server (tus HEAD); `gone` when the server dropped it. */
export async function probeUpload(url: string): Promise<UploadProbe> {
  const res = await fetch(url, {
    method: 'HEAD',
    headers: { 'tus-resumable': '1.0.0' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (res.status === 404 || res.status === 410) return { state: 'gone' };
  if (!res.ok) throw apiErrorFrom(res.status, '', TUS_ENDPOINT);
  const offset = Number(res.headers.get('upload-offset'));
  const length = res.headers.get('upload-length');
  return {
    state: 'open',
    offset: Number.isFinite(offset) ? offset : 0,
    length: length !== null && Number.isFinite(Number(length)) ? Number(length) : null,
  };
}

/** Gives up a remembered upload: asks the server to delete it, and forgets it here either way. */
export async function discardStored(stored: StoredUpload): Promise<void> {
  try {
    await tus.Upload.terminate(stored.uploadUrl, {
      retryDelays: [],
      onBeforeRequest: (req) => {
        const token = currentCsrfToken();
        if (token) req.setHeader('x-csrf-token', token);
      },
    });
  } catch {
    // Not offered, or already gone: the server expires abandoned uploads itself.
  }
  await storage()?.removeUpload(stored.storageKey);
}

export const uploads = new UploadManager();
