/**
 * Pure helpers for records (记录资料): sizes, speeds, media kinds, upload ids. No DOM, no clock:
 * times are passed in.
 */

/** Files up to this size are sent in one request; larger ones go through tus (resumable). */
export const DIRECT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** Above this the browser does not compute the SHA-256 before uploading (too slow, too much memory). */
export const HASH_IN_BROWSER_MAX_BYTES = 200 * 1024 * 1024;
/** Bounds of a retrieval purpose (调阅事由), as the server checks them. */
export const PURPOSE_MIN_CHARS = 2;
export const PURPOSE_MAX_CHARS = 200;
/** The usual reasons to read a record, offered first; anything else is written out (其他). */
export const PURPOSE_PRESETS = ['本人承办案件', '法制审核', '案卷评查', '归档', '领导审阅'] as const;

/** Which choice a purpose text stands for: one of the presets, or `'other'` (其他, free text). */
export function purposeChoice(purpose: string | null | undefined): string | null {
  if (!purpose) return null;
  return (PURPOSE_PRESETS as readonly string[]).includes(purpose) ? purpose : 'other';
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Up to three significant digits, trailing zeros dropped: 1.5 KB, 20 MB, 1.15 GB, 118 MB. */
function shortNumber(value: number): string {
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return String(Number(value.toFixed(digits)));
}

/** Bytes for people, in binary units: 512 B, 1.5 KB, 20 MB, 1.15 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Move up while the rounded value would reach 1024 (1023.9 KB is shown as 1 MB).
  while (unit < UNITS.length - 1 && Number(shortNumber(value)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${shortNumber(value)} ${UNITS[unit]}`;
}

/** 1.5 MB/s. */
export function formatSpeed(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Time left for people: 45 秒, 3 分 20 秒, 1 小时 5 分. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} 秒`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return m > 0 ? `${h} 小时 ${m} 分` : `${h} 小时`;
  const rest = s % 60;
  return rest > 0 ? `${m} 分 ${rest} 秒` : `${m} 分`;
}

export interface ProgressSample {
  /** Milliseconds (any monotonic origin). */
  at: number;
  /** Bytes sent so far. */
  bytes: number;
}

/**
 * Adds a sample and drops those older than the window (keeping one just before it so the window
 * stays covered). The returned array is new; the input is not changed.
 */
export function addSample(
  samples: readonly ProgressSample[],
  next: ProgressSample,
  windowMs = 5000,
): ProgressSample[] {
  const all = [...samples, next];
  let first = 0;
  while (first < all.length - 2 && (all[first + 1]?.at ?? Infinity) <= next.at - windowMs) first++;
  return all.slice(first);
}

/**
 * Bytes per second over the samples (oldest to newest); 0 while there is too little to tell.
 * A resumed upload whose counter went backwards (a retried chunk) is measured from the drop.
 */
export function speedOf(samples: readonly ProgressSample[]): number {
  if (samples.length < 2) return 0;
  let start = 0;
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i]?.bytes ?? 0) < (samples[i - 1]?.bytes ?? 0)) start = i;
  }
  const a = samples[start];
  const b = samples[samples.length - 1];
  if (!a || !b || b.at - a.at < 250) return 0;
  return Math.max(0, ((b.bytes - a.bytes) * 1000) / (b.at - a.at));
}

export type MediaKind = 'video' | 'audio' | 'image' | 'pdf' | 'other';

export const MEDIA_KIND_LABELS: Record<MediaKind, string> = {
  video: '视频',
  audio: '音频',
  image: '图片',
  pdf: 'PDF 文档',
  other: '其他',
};

/** `Video/MP4; codecs=…` → `video/mp4`. */
export function baseMediaType(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** What a file is, by its MIME type. */
export function mediaKind(mime: string): MediaKind {
  const base = baseMediaType(mime);
  if (base === 'application/pdf') return 'pdf';
  const top = base.split('/')[0];
  if (top === 'video' || top === 'audio' || top === 'image') return top;
  return 'other';
}

/** Formats browsers do not show inline although they are video, audio or images. */
const NOT_INLINE = new Set([
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/x-canon-cr2',
  'image/x-nikon-nef',
  'video/x-msvideo',
  'video/avi',
  'video/x-ms-wmv',
  'video/x-ms-asf',
  'video/x-flv',
  'video/x-matroska',
  'video/3gpp',
  'video/mp2t',
  'audio/x-ms-wma',
  'audio/amr',
  'audio/x-pn-realaudio',
]);

/**
 * Whether the workbench offers 查看 (show inline) for this type; otherwise only 下载. A format
 * allowed here may still fail in a given browser (a codec it lacks): the viewer says so then.
 */
export function canPreview(mime: string): boolean {
  return mediaKind(mime) !== 'other' && !NOT_INLINE.has(baseMediaType(mime));
}

/** The tus upload's id: the last path segment of its URL (`/api/uploads/abc?x=1` → `abc`). */
export function uploadIdFromUrl(url: string): string | null {
  const path = url.split(/[?#]/)[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (!last || /^https?:$/.test(last)) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The first characters of a hex digest, for a table cell. */
export function shortHash(hex: string, length = 12): string {
  return hex.length > length ? `${hex.slice(0, length)}…` : hex;
}

/** The purpose's length as the server counts it (characters, not UTF-16 units). */
export function purposeLength(purpose: string): number {
  return [...purpose.trim()].length;
}

/** The problem with a retrieval purpose, or null when it may be sent. */
export function purposeProblem(purpose: string): string | null {
  const n = purposeLength(purpose);
  if (n === 0) return '请填写调阅事由';
  if (n < PURPOSE_MIN_CHARS) return `调阅事由至少 ${PURPOSE_MIN_CHARS} 个字`;
  if (n > PURPOSE_MAX_CHARS) return `调阅事由不能超过 ${PURPOSE_MAX_CHARS} 个字`;
  return null;
}

/** Lower-case hex of a digest. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Percent for a progress bar, 0–100 with one decimal; 0 for an unknown total. */
export function percentOf(sent: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.floor((sent / total) * 1000) / 10);
}

/** Which bytes a retrieval read: `0-1023` → 字节 0–1023（1 KB）; null → 完整文件. */
export function rangeLabel(range: string | null): string {
  if (range === null) return '完整文件';
  const m = /^(?:bytes=)?(\d+)-(\d*)$/.exec(range.trim());
  if (!m) return range;
  const start = Number(m[1]);
  if (!m[2]) return `字节 ${start} 起至末尾`;
  const end = Number(m[2]);
  return `字节 ${start}–${end}（${formatBytes(end - start + 1)}）`;
}

/** Tus answers some errors as plain text; anything without Chinese in it gets a message by status. */
export function uploadFailureMessage(status: number, body: string): string {
  const text = body.trim();
  if (text && text.length <= 200 && /[\u4e00-\u9fff]/.test(text)) return text;
  switch (status) {
    case 0:
      return '无法连接服务器，上传已中断，可稍后点“重试”继续';
    case 403:
      return '无权进行此上传';
    case 404:
    case 410:
      return '服务器上的这次上传已失效，请取消后重新选择文件上传';
    case 409:
      return '上传进度与服务器不一致，请点“重试”';
    case 413:
      return '文件超过服务器允许的大小';
    case 415:
      return '不接受此类型的文件';
    default:
      return status >= 500 ? `服务器出错（${status}），可稍后点“重试”继续` : `上传失败（${status}）`;
  }
}

/** Whether sending again may succeed: no answer, server trouble, or a conflict/lock/rate limit. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status >= 500 || [408, 409, 423, 429].includes(status);
}

/**
 * The file name a Content-Disposition header gives (`filename*=UTF-8''…` first, then
 * `filename="…"`), or null.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name ? name : null;
}
