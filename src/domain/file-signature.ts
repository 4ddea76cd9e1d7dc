import { DomainError } from './errors';

/**
 * What the leading bytes of a file say it is (PLT-05). An upload declares its media type; the
 * record keeps that type and serves the content under it, so a "photo" that is really a script
 * or a "PDF" that is random bytes would be evidence that is not what it says. Each media type
 * with a known format lists the signatures its files start with; content that matches none of
 * them is refused before it is stored.
 *
 * The checks are of the container, not of every byte: an MP4 and an M4A are both ISO base media
 * files, and a .docx and a .zip are both ZIP archives.
 */

/** How many leading bytes the checks look at (PDF allows its header within the first 1024). */
export const SIGNATURE_BYTES = 1024;

type Check = (b: Uint8Array) => boolean;

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
/** `bytes` at `offset`; null in the pattern matches any byte. */
const at =
  (offset: number, pattern: Array<number | null>): Check =>
  (b) =>
    b.length >= offset + pattern.length && pattern.every((p, i) => p === null || b[offset + i] === p);
const text = (offset: number, s: string) => at(offset, ascii(s));
const any =
  (...checks: Check[]): Check =>
  (b) =>
    checks.some((c) => c(b));
const all =
  (...checks: Check[]): Check =>
  (b) =>
    checks.every((c) => c(b));
const fourcc = (b: Uint8Array, i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);

/** RIFF container of a form type: `RIFF` size `WAVE`/`AVI `/`WEBP` (RF64/BW64 for large WAV). */
const riff = (form: string, big = false): Check =>
  all(big ? any(text(0, 'RIFF'), text(0, 'RF64'), text(0, 'BW64')) : text(0, 'RIFF'), text(8, form));

/**
 * ISO base media (MP4, QuickTime, M4A, HEIF): a box size then a box type. Files start with
 * `ftyp`; older QuickTime files and some camera files start with `moov`, `mdat`, `wide`, `free`
 * or `skip` instead.
 */
const BMFF_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
const isoBmff: Check = (b) => b.length >= 8 && BMFF_FIRST_BOXES.has(fourcc(b, 4));

/** The brands of an `ftyp` box: major brand and compatible brands (as far as the head holds). */
function ftypBrands(b: Uint8Array): string[] {
  if (b.length < 12 || fourcc(b, 4) !== 'ftyp') return [];
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const end = Math.min(b.length, size);
  const brands = [fourcc(b, 8)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(fourcc(b, i));
  return brands;
}
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
const heif: Check = (b) => ftypBrands(b).some((x) => HEIF_BRANDS.has(x));
const avif: Check = (b) => ftypBrands(b).some((x) => x === 'avif' || x === 'avis');

/**
 * MPEG transport stream: 188-byte packets each starting with the sync byte 0x47, so the next
 * packet's sync byte must follow (M2TS from camcorders: 192-byte packets, a 4-byte time code
 * first). A file of one packet has no second one to show.
 */
const packets =
  (size: number, first: number): Check =>
  (b) =>
    b.length >= size && b[first] === 0x47 && (b.length === size || b[first + size] === 0x47);
const mpegTs = any(packets(188, 0), packets(192, 4));

/**
 * An MPEG audio frame without an ID3 tag: 11 sync bits, then layer III (MP3) or II (MP2).
 * Layer I is left out: nobody records it, and its header `FF FE` is the UTF-16 byte-order mark.
 */
const mpegAudioFrame: Check = (b) =>
  b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && [0x02, 0x04].includes(b[1]! & 0x06);
/** AAC in ADTS frames: sync 0xFFF, layer 00. */
const adts: Check = (b) => b.length >= 2 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0;

const JPEG = at(0, [0xff, 0xd8, 0xff]);
const PNG = at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TIFF = any(
  at(0, [0x49, 0x49, 0x2a, 0x00]),
  at(0, [0x4d, 0x4d, 0x00, 0x2a]),
  at(0, [0x49, 0x49, 0x2b, 0x00]),
  at(0, [0x4d, 0x4d, 0x00, 0x2b]),
);
const EBML = at(0, [0x1a, 0x45, 0xdf, 0xa3]);
const OLE2 = at(0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = at(0, [0x50, 0x4b, 0x03, 0x04]);
const ZIP_ANY = any(ZIP, at(0, [0x50, 0x4b, 0x05, 0x06]), at(0, [0x50, 0x4b, 0x07, 0x08]));
/** `%PDF-` at the start or, as readers allow, after some leading bytes within the first 1024. */
const PDF: Check = (b) => {
  const sig = ascii('%PDF-');
  for (let i = 0; i + sig.length <= Math.min(b.length, SIGNATURE_BYTES); i++)
    if (sig.every((c, j) => b[i + j] === c)) return true;
  return false;
};
/**
 * Plain text: the head has no control byte that text does not use (NUL and the others below
 * 0x20 except tab, line feed, form feed, carriage return and escape), unless it starts with a
 * UTF-16 byte-order mark. The encoding is not checked: GB 18030/GBK files are as legitimate as
 * UTF-8 ones, and both use only bytes from 0x40 up after a lead byte.
 */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);
const PLAIN_TEXT: Check = (b) =>
  at(0, [0xff, 0xfe])(b) || at(0, [0xfe, 0xff])(b) || b.every((x) => x >= 0x20 || TEXT_CONTROLS.has(x));

interface Format {
  /** What people call it, for the message. */
  label: string;
  matches: Check;
  /** An empty file is this format (only text). */
  empty?: boolean;
}

const MP4_FAMILY: Format = { label: 'MP4', matches: isoBmff };
const M4A: Format = { label: 'M4A/AAC', matches: any(isoBmff, adts, text(0, 'ADIF')) };
const WAV: Format = { label: 'WAV', matches: riff('WAVE', true) };
const WEBM: Format = { label: 'WebM/Matroska', matches: EBML };
const OFFICE_ZIP: Format = { label: 'Office Open XML（ZIP）', matches: ZIP };
const OLE: Format = { label: 'Office 97–2003（OLE2）', matches: OLE2 };

/** The formats of the media types that can be checked; others are accepted as declared. */
export const FORMATS: Readonly<Record<string, Format>> = {
  'image/jpeg': { label: 'JPEG', matches: JPEG },
  'image/png': { label: 'PNG', matches: PNG },
  'image/webp': { label: 'WebP', matches: riff('WEBP') },
  'image/heic': { label: 'HEIC', matches: heif },
  'image/heif': { label: 'HEIF', matches: heif },
  'image/avif': { label: 'AVIF', matches: avif },
  'image/tiff': { label: 'TIFF', matches: TIFF },
  'image/gif': { label: 'GIF', matches: any(text(0, 'GIF87a'), text(0, 'GIF89a')) },
  'image/bmp': { label: 'BMP', matches: text(0, 'BM') },
  'video/mp4': MP4_FAMILY,
  'video/quicktime': { label: 'QuickTime', matches: isoBmff },
  'video/3gpp': { label: '3GP', matches: isoBmff },
  'video/webm': WEBM,
  'video/x-matroska': WEBM,
  'video/x-msvideo': { label: 'AVI', matches: riff('AVI ') },
  'video/mp2t': { label: 'MPEG-TS', matches: mpegTs },
  'audio/mpeg': { label: 'MP3', matches: any(text(0, 'ID3'), mpegAudioFrame) },
  'audio/mp4': M4A,
  'audio/x-m4a': M4A,
  'audio/aac': M4A,
  'audio/wav': WAV,
  'audio/x-wav': WAV,
  'audio/wave': WAV,
  'audio/amr': { label: 'AMR', matches: any(text(0, '#!AMR\n'), text(0, '#!AMR-WB\n')) },
  'audio/ogg': { label: 'Ogg', matches: text(0, 'OggS') },
  'audio/webm': WEBM,
  'audio/flac': { label: 'FLAC', matches: text(0, 'fLaC') },
  'audio/3gpp': { label: '3GP', matches: isoBmff },
  'application/pdf': { label: 'PDF', matches: PDF },
  'application/msword': OLE,
  'application/vnd.ms-excel': OLE,
  'application/vnd.ms-powerpoint': OLE,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': OFFICE_ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': OFFICE_ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': OFFICE_ZIP,
  'application/ofd': { label: 'OFD（ZIP）', matches: ZIP },
  'application/zip': { label: 'ZIP', matches: ZIP_ANY },
  'text/plain': { label: '纯文本', matches: PLAIN_TEXT, empty: true },
};

/** The refusal when content is not what its declared type says (415). */
export function signatureMismatch(mediaType: string, expected: string): DomainError {
  return new DomainError(
    'unsupportedType',
    'MEDIA_TYPE_MISMATCH',
    `文件内容与声明的类型 ${mediaType} 不符：文件开头不是 ${expected} 格式。请确认文件是否完好、扩展名是否正确`,
    'file',
    { mediaType },
  );
}

export type SignatureCheck =
  | { ok: true; checked: boolean }
  | {
      ok: false;
      /** The declared type's format, as people call it. */
      expected: string;
    };

/**
 * Whether content starting with `head` (its first `SIGNATURE_BYTES` bytes, or all of it when
 * shorter) is of the declared media type (lower case, without parameters). A type without a
 * known format is accepted unchecked (`checked: false`).
 */
export function checkSignature(mediaType: string, head: Uint8Array): SignatureCheck {
  const f = FORMATS[mediaType];
  if (!f) return { ok: true, checked: false };
  if (head.length === 0) return f.empty ? { ok: true, checked: true } : { ok: false, expected: f.label };
  return f.matches(head) ? { ok: true, checked: true } : { ok: false, expected: f.label };
}
