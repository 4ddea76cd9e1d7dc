import { createHash } from 'node:crypto';
import {
  EXPORT_ACTION,
  INDEX_PATH,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  type ExportClaim,
  type CaseFileCover,
  type IndexItem,
  type PackageFile,
  type PackageLedgerEntry,
  type PackageManifest,
} from './archive-manifest';
import { chineseDate, isIsoDate } from './dates';
import { canonicalJson, entryLeafHash, type LedgerEntry } from './ledger-entry';
import { fromBase64, fromHex, hashesEqual, verifyInclusion, type Hash } from './merkle';
import { openNote, parseCheckpoint, parseVerifierKey, type NoteVerifier } from './signed-note';

/**
 * Offline verification of an archive package (REC-08), and the index page it carries.
 *
 * Pure: the caller streams the ZIP, digests every entry (SHA-256, SM3, size) and hands over what
 * it observed; this module decides what is wrong. Input is hostile: the manifest is checked for
 * shape before anything reads it, and nothing here throws on a malformed package.
 *
 * What ties a package to the office's ledger:
 * - the checkpoint must open under the trusted key and commit to `ledger.treeSize` and `rootHash`;
 * - every ledger entry's leaf hash is recomputed from its fields (never taken from the package)
 *   and must be included in that tree by its proof;
 * - every file's metadata must equal the `data.state` its recording entry (`ledgerSeq`) wrote:
 *   sha256, sm3, size, mediaType, fileName, createdBy (the user id), and kind and protection when
 *   that state has them as strings (case records do); `createdAt` must be the entry's `recordedAt`; its
 *   catalogue columns (order, volume, title, documentNumber) must be those of the `caseFile.index`
 *   item with the same recordId, if there is one; and its content must have those digests. What is
 *   NOT tied to the ledger: `createdBy.name` and the export details (time, person, purpose,
 *   redacted), which the exporter declares;
 * - the case file (`caseFile`): the four keys `caseId`, `state`, `cover`, `index` must equal, as
 *   RFC 8785 canonical JSON, the same four keys of `data.state` of the last entry (highest `seq`)
 *   in `ledger.entries` whose subject is `{ type: 'caseFile', id: caseFile.id }`. The `id` itself
 *   is matched through the subject, so it is not part of the comparison; other keys of that state
 *   (if the projection ever grows) are not compared, so an older verifier keeps working.
 * - `index.html` must be byte-equal to {@link renderIndexHtml} of the manifest, so what a person
 *   reads is what was verified.
 *
 * - the export's own entry (`exportSeq`) states how many entries about the case came before it
 *   and the digest of their sequence numbers: an entry left out of the package is found.
 *
 * Limitation: entries about the case made after the export's entry (by concurrent work) are
 * neither required nor excluded.
 */

export type ProblemKind =
  | 'package.unreadable'
  | 'manifest.invalid'
  | 'checkpoint.badSignature'
  | 'checkpoint.mismatch'
  | 'ledger.proofFailed'
  | 'ledger.incomplete'
  | 'manifest.entryAltered'
  | 'file.altered'
  | 'file.missing'
  | 'file.extra'
  | 'index.altered';

/** One thing found wrong, named so that a person can find it. Kinds are stable. */
export interface Problem {
  kind: ProblemKind;
  where: string;
  detail: string;
}

/** What streaming one ZIP entry gave: its digests (lower-case hex) and size. */
export interface ObservedFile {
  sha256: string;
  sm3: string;
  size: number;
}

/** A ZIP entry that could not be read to its end (bad inflate, size mismatch…). */
export interface UnreadableEntry {
  error: string;
}

export interface ObservedPackage {
  /** Every ZIP entry by name (manifest.json and index.html included). */
  entries: ReadonlyMap<string, ObservedFile | UnreadableEntry>;
  /** Names that occurred again after their first entry (one item per repeat). */
  duplicates?: readonly string[];
  /** The raw bytes of index.html; null when the ZIP has none. */
  indexHtml: Uint8Array | null;
}

export interface ManifestVerification {
  problems: Problem[];
  /** Not problems, but limits of what was proved (e.g. no trusted key was given). */
  warnings: string[];
}

/** The keys of the case file's ledger state that the manifest's `caseFile` must equal. */
export const CASE_FILE_STATE_KEYS = ['caseId', 'state', 'cover', 'index'] as const;

const RECORDING_ACTIONS: readonly string[] = ['record.created@1', 'record.corrected@1'];
const DISPOSAL_ACTION = 'record.disposed@1';
/** Beyond this, more shape problems say nothing new and only bloat the report. */
const MAX_SHAPE_PROBLEMS = 50;

// ---------------------------------------------------------------------------------------------
// Shape of untrusted JSON.

type Guard = (v: unknown) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v);
const str: Guard = (v) => typeof v === 'string';
const strOrNull: Guard = (v) => v === null || typeof v === 'string';
const count: Guard = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const positive: Guard = (v) => count(v) && (v as number) >= 1;
const countOrNull: Guard = (v) => v === null || count(v);
const bool: Guard = (v) => typeof v === 'boolean';
const hex64: Guard = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const oneOf =
  (...xs: string[]): Guard =>
  (v) =>
    typeof v === 'string' && xs.includes(v);
const idName: Guard = (v) => isRecord(v) && str(v.id) && str(v.name);
const typeId: Guard = (v) => isRecord(v) && str(v.type) && str(v.id);
const anyJson: Guard = () => true;
const base64Hash: Guard = (v) => {
  if (typeof v !== 'string') return false;
  try {
    return fromBase64(v).length === 32;
  } catch {
    return false;
  }
};
const proofList: Guard = (v) => isList(v) && v.every(base64Hash);
const volume = oneOf('main', 'sub');

// `Record<keyof …>` makes the compiler insist that every field of the contract is checked.
const COVER: Record<keyof CaseFileCover, Guard> = {
  caseName: str,
  caseNumber: str,
  decisionNumber: strOrNull,
  unitName: str,
  agencyName: str,
  filedOn: str,
  closedOn: strOrNull,
  retention: str,
  retentionLabel: str,
  pageCount: count,
  archiveNumber: strOrNull,
};
const INDEX_ITEM: Record<keyof IndexItem, Guard> = {
  order: count,
  volume,
  title: str,
  documentNumber: strOrNull,
  date: str,
  recordId: str,
  pages: countOrNull,
};
const FILE: Record<Exclude<keyof PackageFile, 'disposalSeq'>, Guard> = {
  order: count,
  volume,
  path: strOrNull,
  inclusion: oneOf('content', 'redacted', 'disposed'),
  recordId: str,
  title: str,
  documentNumber: strOrNull,
  fileName: str,
  mediaType: str,
  size: count,
  sha256: hex64,
  sm3: hex64,
  kind: str,
  protection: str,
  createdBy: idName,
  createdAt: str,
  ledgerSeq: positive,
};
const ENTRY: Record<keyof PackageLedgerEntry, Guard> = {
  seq: positive,
  recordedAt: str,
  actor: typeId,
  action: str,
  subject: typeId,
  data: anyJson,
  proof: proofList,
};

class ShapeCheck {
  readonly problems: Problem[] = [];
  #omitted = 0;

  add(where: string, detail: string): void {
    if (this.problems.length < MAX_SHAPE_PROBLEMS) {
      const at = where === '' ? MANIFEST_PATH : `${MANIFEST_PATH} ${where}`;
      this.problems.push({ kind: 'manifest.invalid', where: at, detail });
    } else this.#omitted++;
  }

  /** Checks the listed fields of `v` (other keys are ignored); true when all are well-formed. */
  fields(v: unknown, where: string, spec: Record<string, Guard>): v is Record<string, unknown> {
    if (!isRecord(v)) {
      this.add(where, '应为对象 must be an object');
      return false;
    }
    let ok = true;
    for (const [key, guard] of Object.entries(spec)) {
      if (!Object.hasOwn(v, key)) {
        this.add(`${where}.${key}`.replace(/^\./, ''), '缺少字段 missing field');
        ok = false;
      } else if (!guard(v[key])) {
        this.add(`${where}.${key}`.replace(/^\./, ''), '格式不符 malformed value');
        ok = false;
      }
    }
    return ok;
  }

  list(v: unknown, where: string, item: (x: unknown, where: string) => boolean): boolean {
    if (!isList(v)) {
      this.add(where, '应为数组 must be an array');
      return false;
    }
    let ok = true;
    v.forEach((x, i) => {
      if (!item(x, `${where}[${i}]`)) ok = false;
    });
    return ok;
  }

  finish(): Problem[] {
    if (this.#omitted > 0) {
      this.problems.push({
        kind: 'manifest.invalid',
        where: MANIFEST_PATH,
        detail: `另有 ${this.#omitted} 处格式问题未列出 and ${this.#omitted} more shape problems`,
      });
    }
    return this.problems;
  }
}

/** Shape problems of an untrusted manifest; empty when it is a well-formed {@link PackageManifest}. */
export function checkManifestShape(m: unknown): Problem[] {
  const c = new ShapeCheck();
  if (m === undefined || m === null) {
    c.add('', `包内没有清单 the package has no ${MANIFEST_PATH}`);
    return c.finish();
  }
  if (!isRecord(m)) {
    c.add('', '清单应为 JSON 对象 the manifest must be a JSON object');
    return c.finish();
  }
  if (m.format !== PACKAGE_FORMAT) {
    c.add('format', `不是本系统的归档包格式 not a ${PACKAGE_FORMAT} manifest`);
    return c.finish();
  }
  c.fields(m, '', {
    exportedAt: (v) => typeof v === 'string' && Number.isFinite(Date.parse(v)),
    exportedBy: idName,
    purpose: str,
    redacted: bool,
    exportSeq: positive,
    checkpoint: str,
    verifierKey: str,
  });
  const caseFileSpec = { id: str, caseId: str, state: str, cover: anyJson, index: anyJson };
  if (c.fields(m.caseFile, 'caseFile', caseFileSpec)) {
    c.fields(m.caseFile.cover, 'caseFile.cover', COVER);
    c.list(m.caseFile.index, 'caseFile.index', (x, w) => c.fields(x, w, INDEX_ITEM));
  }
  c.list(m.files, 'files', (x, w) => {
    const ok = c.fields(x, w, FILE);
    if (isRecord(x) && Object.hasOwn(x, 'disposalSeq') && !positive(x.disposalSeq)) {
      c.add(`${w}.disposalSeq`, '格式不符 malformed value');
      return false;
    }
    return ok;
  });
  if (c.fields(m.ledger, 'ledger', { treeSize: count, rootHash: base64Hash, entries: anyJson })) {
    c.list(m.ledger.entries, 'ledger.entries', (x, w) => c.fields(x, w, ENTRY));
  }
  return c.finish();
}

/**
 * Parses the bytes of manifest.json. `manifest` is undefined when there is none or it is not
 * JSON; the problem says which. Shape is checked later by {@link verifyManifest}.
 */
export function decodeManifest(bytes: Uint8Array | null): { manifest: unknown; problem: Problem | null } {
  if (bytes === null) {
    return {
      manifest: undefined,
      problem: {
        kind: 'manifest.invalid',
        where: MANIFEST_PATH,
        detail: `包内没有清单 the package has no ${MANIFEST_PATH}`,
      },
    };
  }
  try {
    return { manifest: JSON.parse(new TextDecoder('utf-8').decode(bytes)) as unknown, problem: null };
  } catch (e) {
    return {
      manifest: undefined,
      problem: {
        kind: 'manifest.invalid',
        where: MANIFEST_PATH,
        detail: `清单不是有效的 JSON not valid JSON: ${(e as Error).message}`,
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Verification.

const show = (v: unknown): string => {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 120 ? `${s.slice(0, 117)}…` : s;
  } catch {
    return String(v);
  }
};

/** Canonical JSON, or null for a value that cannot be canonicalised (never equal to anything). */
function canonicalOrNull(v: unknown): string | null {
  try {
    return v === undefined ? 'undefined' : canonicalJson(v);
  } catch {
    return null;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  const x = canonicalOrNull(a);
  return x !== null && x === canonicalOrNull(b);
}

function fileWhere(f: PackageFile, i: number): string {
  return `files[${i}] ${f.path ?? f.recordId}`;
}

/** A ZIP entry name the package may use for content: under files/, relative, no `..`. */
function isContentPath(p: string): boolean {
  return (
    p.startsWith('files/') &&
    !p.endsWith('/') &&
    !p.includes('\\') &&
    !p.split('/').some((s) => s === '..' || s === '.' || s === '')
  );
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return hashesEqual(a, b);
}

function checkCheckpoint(m: PackageManifest, verifier: NoteVerifier | null, out: ManifestVerification) {
  let v = verifier;
  if (v === null) {
    out.warnings.push(
      '未提供已公布的验证密钥，检查点只用包内自带的密钥核验：这不能排除整包被重新签名伪造，请用执法主体公布的密钥（--key）核验 ' +
        "no trusted key was given: the checkpoint was checked only against the package's own key, " +
        "which cannot rule out a package forged and re-signed as a whole; verify with the agency's published key (--key)",
    );
    v = parseVerifierKey(m.verifierKey);
    if (v === null) {
      out.problems.push({
        kind: 'checkpoint.badSignature',
        where: 'checkpoint',
        detail: `包内验证密钥无法解析 the package's verifier key cannot be parsed: ${show(m.verifierKey)}`,
      });
      return;
    }
  }
  const text = openNote(m.checkpoint, v);
  if (text === null) {
    out.problems.push({
      kind: 'checkpoint.badSignature',
      where: 'checkpoint',
      detail: `检查点没有密钥 ${v.name} 的有效签名 the checkpoint has no valid signature by key ${v.name}`,
    });
    return;
  }
  const cp = parseCheckpoint(text);
  if (cp === null) {
    out.problems.push({
      kind: 'checkpoint.mismatch',
      where: 'checkpoint',
      detail: '已签名的内容不是检查点 the signed note is not a checkpoint',
    });
    return;
  }
  const diffs: string[] = [];
  if (cp.size !== m.ledger.treeSize) diffs.push(`树大小 tree size ${cp.size} ≠ ${m.ledger.treeSize}`);
  if (!bytesEqual(cp.rootHash, fromBase64(m.ledger.rootHash))) diffs.push('根哈希 root hash');
  if (diffs.length > 0) {
    out.problems.push({
      kind: 'checkpoint.mismatch',
      where: 'checkpoint',
      detail: `检查点与清单中的留痕树不符 the checkpoint differs from the manifest's ledger tree: ${diffs.join(', ')}`,
    });
  }
}

function checkEntries(m: PackageManifest, out: ManifestVerification): Map<number, PackageLedgerEntry> {
  const bySeq = new Map<number, PackageLedgerEntry>();
  const root = fromBase64(m.ledger.rootHash);
  for (const e of m.ledger.entries) {
    const where = `ledger seq ${e.seq}`;
    if (bySeq.has(e.seq)) {
      out.problems.push({
        kind: 'manifest.invalid',
        where,
        detail: '同一序号的留痕出现多次 the same sequence number occurs more than once',
      });
      continue;
    }
    bySeq.set(e.seq, e);
    // The leaf is recomputed from the entry's own fields: a changed entry cannot keep its proof.
    let leaf: Hash | null = null;
    try {
      const bare: LedgerEntry = {
        seq: e.seq,
        recordedAt: e.recordedAt,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        data: e.data,
      };
      leaf = fromHex(entryLeafHash(bare));
    } catch {
      leaf = null;
    }
    const proof = e.proof.map((p) => fromBase64(p));
    if (leaf === null || !verifyInclusion(e.seq - 1, m.ledger.treeSize, leaf, proof, root)) {
      out.problems.push({
        kind: 'ledger.proofFailed',
        where,
        detail: `留痕不在检查点的树中（内容被改动或证明无效）the entry is not in the checkpointed tree of ${m.ledger.treeSize} (altered, or a bad proof)`,
      });
    }
  }
  return bySeq;
}

function firstByRecord(items: readonly IndexItem[]): Map<string, IndexItem> {
  const map = new Map<string, IndexItem>();
  for (const it of items) if (!map.has(it.recordId)) map.set(it.recordId, it);
  return map;
}

function recordState(e: PackageLedgerEntry): Record<string, unknown> | null {
  return isRecord(e.data) && isRecord(e.data.state) ? e.data.state : null;
}

function checkFileEntries(
  m: PackageManifest,
  bySeq: ReadonlyMap<number, PackageLedgerEntry>,
  out: ManifestVerification,
): Set<string> {
  const contentPaths = new Set<string>();
  const indexByRecord = firstByRecord(m.caseFile.index);
  m.files.forEach((f, i) => {
    const where = fileWhere(f, i);
    const altered = (detail: string) => out.problems.push({ kind: 'manifest.entryAltered', where, detail });

    const e = bySeq.get(f.ledgerSeq);
    if (e === undefined) {
      altered(
        `记录留痕 seq ${f.ledgerSeq} 不在包内 its recording entry (seq ${f.ledgerSeq}) is not in the package`,
      );
    } else if (!RECORDING_ACTIONS.includes(e.action)) {
      altered(
        `留痕 seq ${f.ledgerSeq} 不是记录登记 entry ${f.ledgerSeq} is ${e.action}, not a record being recorded`,
      );
    } else if (e.subject.type !== 'record' || e.subject.id !== f.recordId) {
      altered(
        `留痕 seq ${f.ledgerSeq} 记的是另一对象 entry ${f.ledgerSeq} is about ${e.subject.type} ${e.subject.id}, not record ${f.recordId}`,
      );
    } else {
      const state = recordState(e);
      if (state === null) {
        altered(`留痕 seq ${f.ledgerSeq} 没有记录状态 entry ${f.ledgerSeq} carries no record state`);
      } else {
        const diffs: string[] = [];
        const compare = (name: string, inManifest: unknown, inLedger: unknown) => {
          if (inManifest !== inLedger)
            diffs.push(`${name}（清单 manifest ${show(inManifest)}，留痕 ledger ${show(inLedger)}）`);
        };
        compare('sha256', f.sha256, state.sha256);
        compare('sm3', f.sm3, state.sm3);
        compare('size', f.size, state.size);
        compare('mediaType', f.mediaType, state.mediaType);
        compare('fileName', f.fileName, state.fileName);
        // row-state records the creator as the user id.
        compare('createdBy.id', f.createdBy.id, state.createdBy);
        compare('createdAt', f.createdAt, e.recordedAt);
        // Case records also carry these (row-state); what decides redaction must be the logged value.
        // (null in a state means "not set": the exporter shows a default then.)
        if (typeof state.kind === 'string') compare('kind', f.kind, state.kind);
        if (typeof state.protection === 'string') compare('protection', f.protection, state.protection);
        if (diffs.length > 0)
          altered(
            `与留痕 seq ${f.ledgerSeq} 所记不符 differs from what ledger seq ${f.ledgerSeq} recorded: ${diffs.join('; ')}`,
          );
      }
    }

    // The catalogue columns of a file must be those of its 卷内目录 item, which the case file's
    // ledger state fixes (checked in checkCaseFile).
    const item = indexByRecord.get(f.recordId);
    if (item !== undefined) {
      const diffs = (['order', 'volume', 'title', 'documentNumber'] as const)
        .filter((k) => f[k] !== item[k])
        .map((k) => `${k}（清单文件 file ${show(f[k])}，卷内目录 index ${show(item[k])}）`);
      if (diffs.length > 0)
        altered(`与卷内目录不符 differs from its item in the case file's index: ${diffs.join('; ')}`);
    }

    if (f.inclusion === 'disposed') {
      const d = f.disposalSeq === undefined ? undefined : bySeq.get(f.disposalSeq);
      if (f.disposalSeq === undefined)
        altered('已处置的文件缺少处置留痕序号 a disposed file needs disposalSeq');
      else if (d === undefined)
        altered(
          `处置留痕 seq ${f.disposalSeq} 不在包内 the disposal entry (seq ${f.disposalSeq}) is not in the package`,
        );
      else if (d.action !== DISPOSAL_ACTION || d.subject.type !== 'record' || d.subject.id !== f.recordId)
        altered(
          `留痕 seq ${f.disposalSeq} 不是本记录的处置 entry ${f.disposalSeq} is not the disposal of record ${f.recordId} (${d.action} on ${d.subject.type} ${d.subject.id})`,
        );
    } else if (f.disposalSeq !== undefined) {
      altered(`未处置的文件不应有处置留痕序号 a file that is not disposed has disposalSeq ${f.disposalSeq}`);
    }

    if (f.inclusion === 'content') {
      if (f.path === null || !isContentPath(f.path)) {
        altered(`内容文件的路径应位于 files/ 下 a content file needs a path under files/: ${show(f.path)}`);
      } else if (contentPaths.has(f.path)) {
        altered(`路径与前面的文件重复 the path is used by an earlier file: ${f.path}`);
      } else contentPaths.add(f.path);
    } else if (f.path !== null) {
      altered(`未包含内容的文件不应有路径 a file without content must have path null: ${f.path}`);
    }
  });
  return contentPaths;
}

function checkCaseFile(
  m: PackageManifest,
  entries: readonly PackageLedgerEntry[],
  out: ManifestVerification,
): void {
  const where = 'caseFile';
  let last: PackageLedgerEntry | undefined;
  for (const e of entries) {
    if (e.subject.type === 'caseFile' && e.subject.id === m.caseFile.id && (!last || e.seq > last.seq))
      last = e;
  }
  if (last === undefined) {
    out.problems.push({
      kind: 'manifest.entryAltered',
      where,
      detail: `包内没有案卷 ${m.caseFile.id} 的留痕 no ledger entry about case file ${m.caseFile.id} is in the package`,
    });
    return;
  }
  const state = recordState(last);
  if (state === null) {
    out.problems.push({
      kind: 'manifest.entryAltered',
      where,
      detail: `留痕 seq ${last.seq} 没有案卷状态 entry ${last.seq} carries no case-file state`,
    });
    return;
  }
  const diffs: string[] = [];
  for (const key of CASE_FILE_STATE_KEYS) {
    const mine: unknown = m.caseFile[key];
    const theirs = state[key];
    if (sameJson(mine, theirs)) continue;
    if (key === 'cover' && isRecord(theirs)) {
      // Name the cover fields, so that e.g. a changed 档号 reads as `cover.archiveNumber`.
      const cover = m.caseFile.cover as unknown as Record<string, unknown>;
      const names = [...new Set([...Object.keys(cover), ...Object.keys(theirs)])].sort();
      for (const n of names) {
        if (!sameJson(cover[n], theirs[n]))
          diffs.push(`cover.${n}（清单 manifest ${show(cover[n])}，留痕 ledger ${show(theirs[n])}）`);
      }
    } else if (key === 'index' && isList(theirs)) {
      const n = Math.max(m.caseFile.index.length, theirs.length);
      for (let i = 0; i < n; i++) {
        if (!sameJson(m.caseFile.index[i], theirs[i])) diffs.push(`index[${i}]`);
      }
    } else diffs.push(`${key}（清单 manifest ${show(mine)}，留痕 ledger ${show(theirs)}）`);
  }
  if (diffs.length > 0) {
    out.problems.push({
      kind: 'manifest.entryAltered',
      where,
      detail: `案卷信息与留痕 seq ${last.seq} 所记不符 the case file differs from what ledger seq ${last.seq} recorded: ${diffs.join('; ')}`,
    });
  }
}

/** The digest an export claims over the sequence numbers of the case's entries before it. */
export function seqsDigest(seqs: readonly number[]): string {
  return createHash('sha256')
    .update([...seqs].sort((a, b) => a - b).join(','))
    .digest('hex');
}

/**
 * Completeness: the export's own entry (at `exportSeq`, proven like every entry) says how many
 * entries about the case preceded it and which; the package must hold exactly those. It also
 * fixes the purpose and whether the package is redacted.
 */
function checkComplete(
  m: PackageManifest,
  bySeq: ReadonlyMap<number, PackageLedgerEntry>,
  out: ManifestVerification,
): void {
  const where = `exportSeq ${m.exportSeq}`;
  const e = bySeq.get(m.exportSeq);
  const incomplete = (detail: string) => out.problems.push({ kind: 'ledger.incomplete', where, detail });
  if (
    e === undefined ||
    e.action !== EXPORT_ACTION ||
    e.subject.type !== 'caseFile' ||
    e.subject.id !== m.caseFile.id
  ) {
    incomplete(`包内没有本次导出的留痕 the export's own ledger entry is not in the package`);
    return;
  }
  const data = isRecord(e.data) ? e.data : {};
  const claim = data.ledger as Partial<ExportClaim> | undefined;
  if (!isRecord(claim) || !count(claim.entries) || !hex64(claim.seqsSha256)) {
    incomplete(`导出留痕没有完整性声明 the export's entry states no count of the case's entries`);
    return;
  }
  const before = m.ledger.entries.map((x) => x.seq).filter((seq) => seq < e.seq);
  if (before.length !== claim.entries || seqsDigest(before) !== claim.seqsSha256)
    incomplete(
      `导出时本案有 ${claim.entries} 条留痕，包内有 ${before.length} 条或序号不同 the case had ${claim.entries} entries before the export; the package holds ${before.length} or other ones`,
    );
  if (data.purpose !== m.purpose || data.redacted !== m.redacted)
    out.problems.push({
      kind: 'manifest.entryAltered',
      where: 'purpose',
      detail: `用途或脱敏标记与导出留痕 seq ${e.seq} 不符 purpose or redaction differs from export entry ${e.seq}`,
    });
}

function checkObserved(
  m: PackageManifest,
  contentPaths: ReadonlySet<string>,
  observed: ObservedPackage,
  out: ManifestVerification,
): void {
  m.files.forEach((f) => {
    if (f.inclusion !== 'content' || f.path === null || !contentPaths.has(f.path)) return;
    const o = observed.entries.get(f.path);
    if (o === undefined) {
      out.problems.push({
        kind: 'file.missing',
        where: f.path,
        detail: `清单列出的文件不在包内 the manifest lists this file but the package lacks it`,
      });
      return;
    }
    if ('error' in o) {
      out.problems.push({
        kind: 'file.altered',
        where: f.path,
        detail: `文件无法读取 the file cannot be read: ${o.error}`,
      });
      return;
    }
    const diffs: string[] = [];
    if (o.sha256 !== f.sha256) diffs.push(`SHA-256（清单 manifest ${f.sha256}，实际 found ${o.sha256}）`);
    if (o.sm3 !== f.sm3) diffs.push(`SM3（清单 manifest ${f.sm3}，实际 found ${o.sm3}）`);
    if (o.size !== f.size) diffs.push(`大小 size（清单 manifest ${f.size}，实际 found ${o.size}）`);
    if (diffs.length > 0) {
      out.problems.push({
        kind: 'file.altered',
        where: f.path,
        detail: `文件内容与清单不符 the content differs from the manifest: ${diffs.join('; ')}`,
      });
    }
  });
  for (const name of observed.entries.keys()) {
    if (name === MANIFEST_PATH || name === INDEX_PATH || contentPaths.has(name)) continue;
    out.problems.push({
      kind: 'file.extra',
      where: name,
      detail: '包内有清单未列出的文件 the package holds a file the manifest does not list',
    });
  }
  for (const name of observed.duplicates ?? []) {
    out.problems.push({
      kind: 'file.extra',
      where: name,
      detail: '同名文件在包内出现多次 another entry of the same name is in the package',
    });
  }
}

function checkIndex(m: PackageManifest, observed: ObservedPackage, out: ManifestVerification): void {
  if (observed.indexHtml === null) {
    out.problems.push({
      kind: 'index.altered',
      where: INDEX_PATH,
      detail: `包内没有目录页 the package has no ${INDEX_PATH}`,
    });
    return;
  }
  const expected = new TextEncoder().encode(renderIndexHtml(m));
  if (!bytesEqual(expected, observed.indexHtml)) {
    out.problems.push({
      kind: 'index.altered',
      where: INDEX_PATH,
      detail: '目录页与清单生成的不一致 the index page is not the one the manifest renders',
    });
  }
}

/**
 * Checks a package offline. `m` is the parsed manifest.json (undefined when there was none);
 * `verifier` is the agency's published key — when null, the package's own `verifierKey` is used
 * and a warning says that this proves little. Never throws on malformed input.
 */
export function verifyManifest(
  m: unknown,
  observed: ObservedPackage,
  verifier: NoteVerifier | null,
): ManifestVerification {
  const out: ManifestVerification = { problems: checkManifestShape(m), warnings: [] };
  if (out.problems.length > 0) return out;
  const manifest = m as PackageManifest;
  try {
    checkCheckpoint(manifest, verifier, out);
    const bySeq = checkEntries(manifest, out);
    const contentPaths = checkFileEntries(manifest, bySeq, out);
    checkCaseFile(manifest, manifest.ledger.entries, out);
    checkComplete(manifest, bySeq, out);
    checkObserved(manifest, contentPaths, observed, out);
    checkIndex(manifest, observed, out);
  } catch (e) {
    // Shape was checked, so this is a bug; still a hostile package must not crash the verifier.
    out.problems.push({
      kind: 'manifest.invalid',
      where: MANIFEST_PATH,
      detail: `清单无法核验 the manifest cannot be checked: ${(e as Error).message}`,
    });
  }
  return out;
}

export interface PackageSummary {
  /** Items in the 卷内目录 with a file, by how they are present. */
  files: number;
  content: number;
  redacted: number;
  disposed: number;
  /** Bytes of the content files in the ZIP. */
  contentBytes: number;
  /** Bytes of all the records listed, present or not. */
  recordBytes: number;
  entries: number;
}

export function summarizeManifest(m: PackageManifest): PackageSummary {
  const s: PackageSummary = {
    files: m.files.length,
    content: 0,
    redacted: 0,
    disposed: 0,
    contentBytes: 0,
    recordBytes: 0,
    entries: m.ledger.entries.length,
  };
  for (const f of m.files) {
    s[f.inclusion]++;
    s.recordBytes += f.size;
    if (f.inclusion === 'content') s.contentBytes += f.size;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The index page.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const DISPOSED_NOTE = '已按规定处置（仅存元数据与摘要）';
const REDACTED_NOTE = '涉密内容，已脱敏（仅存元数据与摘要）';

/** 2026-04-16 → 2026年4月16日; anything else shown as given. */
function showDate(d: string | null): string {
  if (d === null) return '—';
  return isIsoDate(d) ? chineseDate(d) : d;
}

/** An instant in Beijing time. China has kept UTC+8 without DST since 1991, and a fixed offset
 *  (not Intl) keeps the page byte-identical whatever ICU the verifying machine has. */
function beijing(iso: string): string | null {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  try {
    return new Date(t + 8 * 3_600_000).toISOString();
  } catch {
    return null;
  }
}

function beijingTime(iso: string): string {
  const s = beijing(iso);
  return s === null ? iso : `${chineseDate(s.slice(0, 10))} ${s.slice(11, 19)}（北京时间）`;
}

/** 1234567 → 1,234,567 (no Intl, for the same reason). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function showSize(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [u, label] of units) if (n >= u) return `${(n / u).toFixed(1)} ${label}（${grouped(n)} 字节）`;
  return `${grouped(n)} 字节`;
}

/** A relative URL to a ZIP entry: each segment percent-encoded, then HTML-escaped. */
function href(path: string): string {
  return esc(path.split('/').map(encodeURIComponent).join('/'));
}

const VOLUME: Record<string, string> = { main: '正卷', sub: '副卷' };

const STYLE = [
  'body{font-family:"Songti SC","SimSun",serif;margin:2em auto;max-width:72em;padding:0 1em;color:#111}',
  'h1{text-align:center;letter-spacing:.2em}',
  'table{border-collapse:collapse;width:100%;margin:1em 0}',
  'th,td{border:1px solid #444;padding:.3em .5em;vertical-align:top;text-align:left}',
  'table.cover th{width:10em;background:#f3f3f3}',
  'thead th{background:#f3f3f3}',
  '.digest{font-family:monospace;font-size:.8em;word-break:break-all}',
  '.note{color:#555}',
  'pre{white-space:pre-wrap;word-break:break-all;background:#f7f7f7;padding:.5em}',
  '@media print{a{color:inherit;text-decoration:none}}',
].join('\n');

/**
 * The human-readable page of a package: cover (案卷封面), catalogue (卷内目录) with each file's
 * digests and a link to it, and the export details. Self-contained (no scripts, no external
 * resources), every text escaped, and deterministic — the verifier renders it again from the
 * manifest and compares bytes. Its output is therefore part of format `@1`: changing it would make
 * every earlier package fail with `index.altered`. A new page needs a new PACKAGE_FORMAT, with this
 * renderer kept for the old one (a test pins its bytes).
 */
export function renderIndexHtml(m: PackageManifest): string {
  const c = m.caseFile.cover;
  const cover: [string, string][] = [
    ['案卷题名', c.caseName],
    ['案号', c.caseNumber],
    ['决定书文号', c.decisionNumber ?? '—'],
    ['承办机构', c.unitName],
    ['执法主体', c.agencyName],
    ['立案日期', showDate(c.filedOn)],
    ['结案日期', showDate(c.closedOn)],
    ['保管期限', c.retentionLabel],
    ['页数', `${c.pageCount} 页`],
    ['档号', c.archiveNumber ?? '（尚未归档）'],
  ];

  const indexByRecord = firstByRecord(m.caseFile.index);
  const filed = new Set(m.files.map((f) => f.recordId));

  const rows = m.files.map((f) => {
    const it = indexByRecord.get(f.recordId);
    const date = it ? it.date : (beijing(f.createdAt)?.slice(0, 10) ?? f.createdAt);
    const pages = it?.pages ?? null;
    let content: string;
    if (f.inclusion === 'content' && f.path !== null)
      content = `<a href="${href(f.path)}">${esc(f.fileName)}</a>`;
    else
      content = `${esc(f.fileName)}<br><span class="note">${f.inclusion === 'disposed' ? DISPOSED_NOTE : REDACTED_NOTE}</span>`;
    return [
      '<tr>',
      `<td>${esc(f.order)}</td>`,
      `<td>${esc(VOLUME[f.volume] ?? f.volume)}</td>`,
      `<td>${esc(f.title)}</td>`,
      `<td>${esc(f.documentNumber ?? '—')}</td>`,
      `<td>${esc(showDate(date))}</td>`,
      `<td>${pages === null ? '—' : esc(pages)}</td>`,
      `<td>${content}</td>`,
      `<td>${esc(showSize(f.size))}</td>`,
      `<td class="digest">SHA-256 ${esc(f.sha256)}<br>SM3 ${esc(f.sm3)}</td>`,
      '</tr>',
    ].join('');
  });
  // Catalogue items without an electronic file (e.g. paper only) are still listed.
  for (const it of m.caseFile.index) {
    if (filed.has(it.recordId)) continue;
    rows.push(
      [
        '<tr>',
        `<td>${esc(it.order)}</td>`,
        `<td>${esc(VOLUME[it.volume] ?? it.volume)}</td>`,
        `<td>${esc(it.title)}</td>`,
        `<td>${esc(it.documentNumber ?? '—')}</td>`,
        `<td>${esc(showDate(it.date))}</td>`,
        `<td>${it.pages === null ? '—' : esc(it.pages)}</td>`,
        '<td colspan="3" class="note">无电子文件</td>',
        '</tr>',
      ].join(''),
    );
  }

  const s = summarizeManifest(m);
  const exportInfo: [string, string][] = [
    ['导出时间', beijingTime(m.exportedAt)],
    ['导出人', `${m.exportedBy.name}（${m.exportedBy.id}）`],
    ['用途', m.purpose],
    ['包类型', m.redacted ? '脱敏包（受限记录仅存元数据与摘要）' : '完整包'],
    [
      '文件',
      `共 ${s.files} 件：含内容 ${s.content} 件（${showSize(s.contentBytes)}），脱敏 ${s.redacted} 件，已处置 ${s.disposed} 件`,
    ],
    ['留痕', `${s.entries} 条，均附包含证明`],
    ['检查点', `树大小 tree size ${m.ledger.treeSize}`],
    ['根哈希', m.ledger.rootHash],
    ['验证密钥', m.verifierKey],
  ];

  const th = (cells: string[]) => `<tr>${cells.map((x) => `<th>${x}</th>`).join('')}</tr>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${c.caseNumber} ${c.caseName} — 案卷归档包`)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<h1>案卷封面</h1>',
    '<table class="cover">',
    ...cover.map(([k, v]) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`),
    '</table>',
    '<h2>卷内目录</h2>',
    '<table class="index">',
    `<thead>${th(['序号', '卷别', '题名', '文号', '日期', '页数', '文件', '大小', '摘要'])}</thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '<h2>导出信息</h2>',
    '<table class="cover">',
    ...exportInfo.map(([k, v]) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`),
    '</table>',
    '<h3>签名检查点</h3>',
    `<pre>${esc(m.checkpoint)}</pre>`,
    '<p class="note">本页由包内 manifest.json 生成。核验整包：<code>zhifa archive verify 本包.zip --key 执法主体公布的验证密钥</code>。' +
      '文件摘要、留痕包含证明与检查点签名均可离线核验，无需数据库。</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
