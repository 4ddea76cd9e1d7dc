import { describe, expect, it } from 'vitest';
import {
  addSample,
  baseMediaType,
  canPreview,
  fileNameFromDisposition,
  formatBytes,
  formatDuration,
  formatSpeed,
  isRetryableStatus,
  mediaKind,
  percentOf,
  purposeChoice,
  purposeProblem,
  PURPOSE_PRESETS,
  shortHash,
  speedOf,
  rangeLabel,
  toHex,
  uploadFailureMessage,
  uploadIdFromUrl,
} from './files';

describe('formatBytes', () => {
  it('keeps bytes below one KB as bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });
  it('uses binary units with up to three significant digits', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(123.456 * 1024 * 1024)).toBe('123 MB');
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatBytes(1.234 * 1024 ** 3)).toBe('1.23 GB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });
  it('moves to the next unit instead of showing 1024', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(1023.9 * 1024 * 1024)).toBe('1 GB');
  });
  it('answers a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatSpeed and formatDuration', () => {
  it('writes a speed per second', () => {
    expect(formatSpeed(1.5 * 1024 * 1024)).toBe('1.5 MB/s');
    expect(formatSpeed(0)).toBe('—');
  });
  it('writes time left in Chinese units', () => {
    expect(formatDuration(0.2)).toBe('1 秒');
    expect(formatDuration(45)).toBe('45 秒');
    expect(formatDuration(60)).toBe('1 分');
    expect(formatDuration(200)).toBe('3 分 20 秒');
    expect(formatDuration(3600)).toBe('1 小时');
    expect(formatDuration(3900)).toBe('1 小时 5 分');
    expect(formatDuration(Infinity)).toBe('—');
  });
});

describe('upload speed', () => {
  it('is zero until there are two samples a moment apart', () => {
    expect(speedOf([])).toBe(0);
    expect(speedOf([{ at: 0, bytes: 0 }])).toBe(0);
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 100, bytes: 1000 },
      ]),
    ).toBe(0);
  });
  it('is bytes per second across the window', () => {
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 1000, bytes: 1_000_000 },
        { at: 2000, bytes: 3_000_000 },
      ]),
    ).toBe(1_500_000);
  });
  it('measures from the last drop when a chunk was sent again', () => {
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 1000, bytes: 8_000_000 },
        { at: 1500, bytes: 4_000_000 },
        { at: 2500, bytes: 6_000_000 },
      ]),
    ).toBe(2_000_000);
  });
  it('keeps only the window (and the sample just before it)', () => {
    let samples = addSample([], { at: 0, bytes: 0 });
    for (let t = 1000; t <= 10_000; t += 1000) samples = addSample(samples, { at: t, bytes: t * 10 });
    expect(samples.map((s) => s.at)).toEqual([5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(speedOf(samples)).toBe(10_000);
  });
});

describe('mediaKind and canPreview', () => {
  it('reads the kind from the MIME type, ignoring case and parameters', () => {
    expect(mediaKind('video/mp4')).toBe('video');
    expect(mediaKind('Video/MP4; codecs="avc1.42E01E"')).toBe('video');
    expect(mediaKind('audio/mpeg')).toBe('audio');
    expect(mediaKind('image/jpeg')).toBe('image');
    expect(mediaKind('application/pdf')).toBe('pdf');
    expect(mediaKind('application/zip')).toBe('other');
    expect(mediaKind('application/octet-stream')).toBe('other');
    expect(mediaKind('')).toBe('other');
    expect(baseMediaType(' Application/PDF ; x=1')).toBe('application/pdf');
  });
  it('offers 查看 for what browsers show inline, not for AVI or TIFF', () => {
    expect(canPreview('video/mp4')).toBe(true);
    expect(canPreview('video/webm')).toBe(true);
    expect(canPreview('audio/wav')).toBe(true);
    expect(canPreview('image/png')).toBe(true);
    expect(canPreview('application/pdf')).toBe(true);
    expect(canPreview('video/x-msvideo')).toBe(false);
    expect(canPreview('image/tiff')).toBe(false);
    expect(canPreview('text/plain')).toBe(false);
  });
});

describe('uploadIdFromUrl', () => {
  it('takes the last path segment of an absolute or relative URL', () => {
    expect(uploadIdFromUrl('http://localhost:8095/api/uploads/0f3a9c')).toBe('0f3a9c');
    expect(uploadIdFromUrl('/api/uploads/0f3a9c')).toBe('0f3a9c');
    expect(uploadIdFromUrl('/api/uploads/0f3a9c/')).toBe('0f3a9c');
    expect(uploadIdFromUrl('/api/uploads/0f3a9c?token=1#x')).toBe('0f3a9c');
    expect(uploadIdFromUrl('/api/uploads/a%2Bb')).toBe('a+b');
  });
  it('answers null when there is no path', () => {
    expect(uploadIdFromUrl('')).toBeNull();
    expect(uploadIdFromUrl('http://')).toBeNull();
  });
});

describe('small helpers', () => {
  it('shortens a digest to its first characters', () => {
    const hex = 'a'.repeat(64);
    expect(shortHash(hex)).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
  });
  it('checks a purpose by characters after trimming', () => {
    expect(purposeProblem('')).toBe('请填写调阅事由');
    expect(purposeProblem('  案 ')).toBe('调阅事由至少 2 个字');
    expect(purposeProblem('案件复核')).toBeNull();
    expect(purposeProblem('案'.repeat(200))).toBeNull();
    expect(purposeProblem('案'.repeat(201))).toBe('调阅事由不能超过 200 个字');
  });
  it('writes digests as lower-case hex', () => {
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
  });
  it('computes a progress percentage', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 5)).toBe(100);
  });
});

describe('rangeLabel', () => {
  it('writes the bytes a retrieval read', () => {
    expect(rangeLabel(null)).toBe('完整文件');
    expect(rangeLabel('0-1023')).toBe('字节 0–1023（1 KB）');
    expect(rangeLabel('bytes=1048576-')).toBe('字节 1048576 起至末尾');
    expect(rangeLabel('odd')).toBe('odd');
  });
});

describe('uploadFailureMessage', () => {
  it("keeps the server's Chinese text", () => {
    expect(uploadFailureMessage(403, '只能继续自己的上传')).toBe('只能继续自己的上传');
  });
  it('replaces English protocol text by a message for the status', () => {
    expect(uploadFailureMessage(415, 'Unsupported Media Type')).toBe('不接受此类型的文件');
    expect(uploadFailureMessage(404, 'The file for this url was not found\n')).toContain('已失效');
    expect(uploadFailureMessage(503, '')).toBe('服务器出错（503），可稍后点“重试”继续');
    expect(uploadFailureMessage(0, '')).toContain('无法连接服务器');
  });
});

describe('isRetryableStatus', () => {
  it('retries network and server trouble, not refusals', () => {
    expect([0, 500, 503, 408, 409, 423, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 415, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('fileNameFromDisposition', () => {
  it('reads the RFC 5987 name first, then the plain one', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename*=UTF-8''${encodeURIComponent('行政处罚决定书（草稿）.docx')}`,
      ),
    ).toBe('行政处罚决定书（草稿）.docx');
    expect(fileNameFromDisposition('attachment; filename="a b.zip"')).toBe('a b.zip');
    expect(fileNameFromDisposition('attachment; filename=plain.zip; size=3')).toBe('plain.zip');
    expect(fileNameFromDisposition('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="x.zip"')).toBe(
      'x.zip',
    );
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});

describe('purpose presets', () => {
  it('REC-06 a preset 调阅事由 is chosen as itself; any other text is 其他, and every preset passes the server rule', () => {
    expect(PURPOSE_PRESETS).toEqual(['本人承办案件', '法制审核', '案卷评查', '归档', '领导审阅']);
    for (const p of PURPOSE_PRESETS) {
      expect(purposeChoice(p)).toBe(p);
      expect(purposeProblem(p)).toBeNull();
    }
    expect(purposeChoice('送达当事人')).toBe('other');
    expect(purposeChoice('')).toBeNull();
    expect(purposeChoice(undefined)).toBeNull();
  });
});
