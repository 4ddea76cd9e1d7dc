import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_TYPES } from '../config';
import { checkSignature, FORMATS, signatureMismatch } from './file-signature';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const bytes = (...parts: Array<string | Buffer | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** One 188-byte transport-stream packet: sync byte, PID, then payload (here stuffing). */
const tsPacket = (pid: number) =>
  Buffer.concat([Buffer.from([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10]), Buffer.alloc(184, 0xff)]);

const BMFF_CONTAINERS = [
  'video/mp4',
  'video/quicktime',
  'video/3gpp',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
  'audio/3gpp',
];
const HEIF = ['image/heic', 'image/heif'];
const AAC = ['audio/mp4', 'audio/x-m4a', 'audio/aac'];
const OOXML_ZIP = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/ofd',
  'application/zip',
];
const OLE = ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'];

/**
 * Leading bytes of real files, and every media type whose check accepts them. The first group
 * is copied from files (CPython's image and sound test data; the MP4 fixture of these tests);
 * the others are the first bytes these formats are written with by cameras, phones, recorders
 * and office software.
 */
const SAMPLES: Array<[string, Buffer, string[]]> = [
  ['JPEG (JFIF)', hex('ffd8ffe000104a46494600010101000100010000ffdb00430003020202020203'), ['image/jpeg']],
  ['PNG', hex('89504e470d0a1a0a0000000d4948445200000010000000100803000000282d0f'), ['image/png']],
  [
    'TIFF (little-endian)',
    hex('49492a0008040000000000000000000000000000000000004e8dc0af4a86baed'),
    ['image/tiff'],
  ],
  ['WebP', hex('52494646a801000057454250565038580a000000100000000f00000f0000414c'), ['image/webp']],
  ['GIF', hex('47494638396110001000f66400ebbb18ebbe21f3c11afac719fdcb1bffcc1ceb'), ['image/gif']],
  ['BMP', hex('424d8a040000000000008a0000007c0000001000000010000000010020000300'), ['image/bmp']],
  [
    'WAV',
    hex('524946463800000057415645666d7420100000000100020044ac000010b10200'),
    ['audio/wav', 'audio/x-wav', 'audio/wave'],
  ],
  [
    'MP4 (isom, H.264)',
    hex('000000206674797069736f6d0000020069736f6d69736f32617663316d703431'),
    BMFF_CONTAINERS,
  ],
  // Phones, cameras, recorders.
  ['JPEG (Exif, from a camera)', hex('ffd8ffe1 2ffe 45786966 0000 4d4d002a 00000008'), ['image/jpeg']],
  ['TIFF (big-endian)', hex('4d4d002a 00000008 0012 0100 0003 00000001'), ['image/tiff']],
  [
    'HEIC (phone photo)',
    hex('00000018 66747970 68656963 00000000 6d696631 68656963 0000 0000'),
    [...HEIF, ...BMFF_CONTAINERS],
  ],
  [
    'AVIF',
    hex('00000020 66747970 61766966 00000000 61766966 6d696631 6d696166 4d413141'),
    ['image/avif', ...HEIF, ...BMFF_CONTAINERS],
  ],
  [
    'QuickTime (phone video)',
    hex('00000014 66747970 71742020 00000000 71742020 00000008 77696465'),
    BMFF_CONTAINERS,
  ],
  ['QuickTime without ftyp', hex('00000008 77696465 0125b4c5 6d646174'), BMFF_CONTAINERS],
  [
    'MP4 (body camera, mp42)',
    hex('0000001c 66747970 6d703432 00000000 69736f6d 6d703432 61766331 00000008 66726565'),
    BMFF_CONTAINERS,
  ],
  [
    'WebM',
    hex('1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84 7765626d 4287 81 04 4285 81 02'),
    ['video/webm', 'video/x-matroska', 'audio/webm'],
  ],
  [
    'AVI',
    bytes('RIFF', [0x24, 0x8c, 0x01, 0x00], 'AVI LIST', [0xec, 0x11, 0, 0], 'hdrlavih'),
    ['video/x-msvideo'],
  ],
  ['MPEG-TS', Buffer.concat([tsPacket(0), tsPacket(0x1000), tsPacket(0x100)]), ['video/mp2t']],
  [
    'M2TS (camcorder .mts)',
    Buffer.concat([hex('00000000'), tsPacket(0), hex('00000a14'), tsPacket(0x1000)]),
    ['video/mp2t'],
  ],
  ['MP3 with ID3v2.4', bytes('ID3', [4, 0, 0, 0, 0, 0x23, 0x76], 'TSSE', [0, 0, 0, 0x0f]), ['audio/mpeg']],
  ['MP3 frame (MPEG-1 layer III)', hex('fffb9064 0000 0000 0000 0000 0000 0000 0000'), ['audio/mpeg']],
  ['MP3 frame (MPEG-2 layer III)', hex('fff3 8464 00 00'), ['audio/mpeg']],
  [
    'M4A (recorder)',
    hex('00000020 66747970 4d344120 00000000 4d344120 6d703432 69736f6d 00000000'),
    BMFF_CONTAINERS,
  ],
  ['AAC in ADTS', hex('fff15080 2d3ffc de020000'), AAC],
  ['AMR', bytes('#!AMR\n', [0x3c, 0x48, 0xf5, 0x1f, 0x96, 0x66, 0x79, 0xe1]), ['audio/amr']],
  ['AMR-WB', bytes('#!AMR-WB\n', [0x24, 0x00, 0x00]), ['audio/amr']],
  [
    'Ogg Vorbis',
    bytes(
      'OggS',
      [0, 2, 0, 0, 0, 0, 0, 0, 0, 0],
      [0x12, 0x34],
      [0, 0, 0, 0],
      [0, 0, 0, 0, 1, 0x1e, 1],
      'vorbis',
    ),
    ['audio/ogg'],
  ],
  ['FLAC', bytes('fLaC', [0, 0, 0, 0x22, 0x10, 0x00]), ['audio/flac']],
  // Documents. A PDF's head is text until its first stream, so it is plain text too.
  [
    'PDF',
    bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'),
    ['application/pdf', 'text/plain'],
  ],
  ['PDF with bytes before the header (scanner)', bytes([0, 0, 0], '\r\n%PDF-1.4\n'), ['application/pdf']],
  [
    'Word 97–2003 / Excel 97–2003 (OLE2)',
    hex('d0cf11e0a1b11ae1 0000000000000000 0000000000000000 3e000300feff0900'),
    OLE,
  ],
  ['Word (.docx)', bytes('PK', [3, 4, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0], '[Content_Types].xml'), OOXML_ZIP],
  ['OFD', bytes('PK', [3, 4, 0x0a, 0, 0, 0, 0, 0], 'OFD.xml'), OOXML_ZIP],
  ['empty ZIP', bytes('PK', [5, 6], Buffer.alloc(18)), ['application/zip']],
  // Text: the encoding is not checked (GBK is as good as UTF-8), a NUL byte is not text.
  ['UTF-8 text', Buffer.from('当事人陈述：已按要求整改。\n', 'utf8'), ['text/plain']],
  ['GBK text', hex('b5b1cac2c8cbb3c2cafa'), ['text/plain']],
  ['UTF-16LE text with BOM', hex('fffe535f8b4e'), ['text/plain']],
  ['UTF-16BE text with BOM', hex('feff5f534e8b'), ['text/plain']],
  // Not what any binary type says.
  ['HTML', Buffer.from('<script>alert(1)</script>'), ['text/plain']],
  ['Windows executable', hex('4d5a90000300000004000000ffff0000b8000000'), []],
  ['random bytes with a NUL', hex('8f3a00c2 77e1 19d4 aa00 51be'), []],
];

describe('file signatures', () => {
  it.each(SAMPLES)('PLT-05 %s is accepted exactly under its own media types', (_name, head, accepted) => {
    for (const type of Object.keys(FORMATS)) {
      const r = checkSignature(type, head);
      expect(r.ok, `${_name} declared as ${type}`).toBe(accepted.includes(type));
    }
  });

  it('PLT-05 every default upload type has a known format, and every format a sample that passes', () => {
    for (const type of DEFAULT_MEDIA_TYPES) expect(FORMATS, type).toHaveProperty([type]);
    const covered = new Set(SAMPLES.flatMap(([, , types]) => types));
    for (const type of Object.keys(FORMATS)) expect(covered, type).toContain(type);
  });

  it('PLT-05 an empty file is text and nothing else; a type with no known format is not checked', () => {
    expect(checkSignature('text/plain', Buffer.alloc(0))).toEqual({ ok: true, checked: true });
    expect(checkSignature('image/jpeg', Buffer.alloc(0))).toEqual({ ok: false, expected: 'JPEG' });
    expect(checkSignature('application/x-custom', hex('00'))).toEqual({ ok: true, checked: false });
  });

  it('PLT-05 a mismatch is a 415 with a stable code, the declared type and a Chinese message', () => {
    const e = signatureMismatch('image/jpeg', 'JPEG');
    expect(e).toMatchObject({ kind: 'unsupportedType', code: 'MEDIA_TYPE_MISMATCH', field: 'file' });
    expect(e.message).toContain('image/jpeg');
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
