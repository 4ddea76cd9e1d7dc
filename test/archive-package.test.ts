import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import {
  INDEX_PATH,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  type CaseFileCover,
  type IndexItem,
  type PackageFile,
  type PackageLedgerEntry,
  type PackageManifest,
} from '../src/domain/archive-manifest';
import { renderIndexHtml, seqsDigest } from '../src/domain/archive-verify';
import { entryLeafHash, type ActionName, type LedgerEntry, type Subject } from '../src/domain/ledger-entry';
import { fromHex, MemoryTree, toBase64 } from '../src/domain/merkle';
import {
  ed25519Signer,
  ed25519Verifier,
  formatCheckpoint,
  rawEd25519Public,
  signNote,
  verifierKeyString,
  type NoteVerifier,
} from '../src/domain/signed-note';
import { verifyPackageFile, writePackage, zipCrc32 } from '../src/services/archive-zip';
import { runCli } from '../src/cli/index';
import { zhifa } from './cli';

const ORIGIN = 'zhifa.test/archive';
const OFFICER = '0190a000-0000-7000-8000-000000000001';
const CASE_FILE_ID = '0190a000-0000-7000-8000-0000000000f1';
const BIG = 6 * 1024 * 1024 + 17;

interface Source {
  id: string;
  fileName: string;
  mediaType: string;
  inclusion: PackageFile['inclusion'];
  volume: 'main' | 'sub';
  kind: string;
  protection: string;
  bytes: Buffer;
}

const digests = (b: Buffer) => ({
  sha256: createHash('sha256').update(b).digest('hex'),
  sm3: createHash('sm3').update(b).digest('hex'),
  size: b.length,
});

/** A manifest over real ledger entries (proofs from a MemoryTree), signed by `key`. */
async function buildManifest(sources: Source[], key: KeyObject, origin = ORIGIN): Promise<PackageManifest> {
  const tree = new MemoryTree();
  let seq = 0;
  const about: LedgerEntry[] = [];
  const append = async (action: ActionName, subject: Subject, data: unknown, keep = true) => {
    seq++;
    const e: LedgerEntry = {
      seq,
      recordedAt: new Date(Date.UTC(2026, 2, 1, 1, 0, seq)).toISOString(),
      actor: { type: 'user', id: OFFICER },
      action,
      subject,
      data,
    };
    await tree.append(fromHex(entryLeafHash(e)));
    if (keep) about.push(e);
    return e;
  };
  await append('officer.created@1', { type: 'officer', id: 'o-1' }, { state: { name: '张三' } }, false);
  const files: PackageFile[] = [];
  const index: IndexItem[] = [];
  for (const [i, s] of sources.entries()) {
    const d = digests(s.bytes);
    const state = {
      ...d,
      mediaType: s.mediaType,
      fileName: s.fileName,
      createdBy: OFFICER,
      kind: s.kind,
      protection: s.protection,
    };
    const created = await append('record.created@1', { type: 'record', id: s.id }, { ...d, state });
    const disposal =
      s.inclusion === 'disposed'
        ? await append('record.disposed@1', { type: 'record', id: s.id }, { state })
        : undefined;
    const order = i + 1;
    const title = `${s.kind} ${order}`;
    files.push({
      order,
      volume: s.volume,
      path:
        s.inclusion === 'content'
          ? `files/${s.volume}/${String(order).padStart(4, '0')}-${s.fileName}`
          : null,
      inclusion: s.inclusion,
      recordId: s.id,
      title,
      documentNumber: null,
      fileName: s.fileName,
      mediaType: s.mediaType,
      ...d,
      kind: s.kind,
      protection: s.protection,
      createdBy: { id: OFFICER, name: '张三' },
      createdAt: created.recordedAt,
      ledgerSeq: created.seq,
      ...(disposal && { disposalSeq: disposal.seq }),
    });
    index.push({
      order,
      volume: s.volume,
      title,
      documentNumber: null,
      date: '2026-03-01',
      recordId: s.id,
      pages: 1,
    });
  }
  const cover: CaseFileCover = {
    caseName: '某某公司未按规定公示信息案',
    caseNumber: '某市监立〔2026〕3号',
    decisionNumber: '某市监罚〔2026〕2号',
    unitName: '执法二队',
    agencyName: '某市市场监督管理局',
    filedOn: '2026-01-05',
    closedOn: '2026-03-10',
    retention: 'permanent',
    retentionLabel: '永久',
    pageCount: 9,
    archiveNumber: '2026-0003',
  };
  const caseFile = { caseId: 'case-1', state: 'archived', cover, index };
  await append('caseFile.archived@1', { type: 'caseFile', id: CASE_FILE_ID }, { state: caseFile });
  const before = about.map((e) => e.seq);
  const exported = await append(
    'caseFile.exported@1',
    { type: 'caseFile', id: CASE_FILE_ID },
    {
      purpose: '移交档案室',
      redacted: true,
      ledger: { entries: before.length, seqsSha256: seqsDigest(before) },
      state: caseFile,
    },
  );
  await append('officer.created@1', { type: 'officer', id: 'o-2' }, { state: { name: '李四' } }, false);

  const treeSize = tree.size;
  const root = await tree.rootAt(treeSize);
  const entries: PackageLedgerEntry[] = [];
  for (const e of about)
    entries.push({ ...e, proof: (await tree.inclusionProof(e.seq - 1, treeSize)).map(toBase64) });
  const pub = rawEd25519Public(createPublicKey(key));
  return structuredClone({
    format: PACKAGE_FORMAT,
    exportedAt: '2026-04-16T06:30:00.000Z',
    exportedBy: { id: OFFICER, name: '王五' },
    purpose: '移交档案室',
    redacted: true,
    caseFile: { id: CASE_FILE_ID, ...structuredClone(caseFile) },
    files,
    ledger: { treeSize, rootHash: toBase64(root), entries },
    exportSeq: exported.seq,
    checkpoint: signNote(formatCheckpoint({ origin, size: treeSize, rootHash: root }), [
      ed25519Signer(origin, key),
    ]),
    verifierKey: verifierKeyString(origin, pub),
  });
}

async function readZip(file: string): Promise<Map<string, { data: Buffer; method: number; offset: number }>> {
  const zip = await yauzl.openPromise(file, { autoClose: false });
  const out = new Map<string, { data: Buffer; method: number; offset: number }>();
  try {
    for await (const entry of zip.eachEntry()) {
      const s = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      out.set(entry.fileName, {
        data: Buffer.concat(chunks),
        method: entry.compressionMethod,
        offset: fileDataStart,
      });
    }
  } finally {
    zip.close();
  }
  return out;
}

/** Writes a ZIP of the given entries (test helper: in memory, small packages only). */
async function writeZip(file: string, entries: [string, Buffer][]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name, { compress: !name.startsWith('files/') });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const w = fs.createWriteStream(file);
    w.on('close', () => resolve());
    w.on('error', reject);
    (zip.outputStream as unknown as Readable).pipe(w);
  });
}

describe('archive packages (ZIP)', () => {
  let dir: string;
  let key: KeyObject;
  let verifier: NoteVerifier;
  let vkey: string;
  let manifest: PackageManifest;
  let sources: Source[];
  let good: string;
  let contents: Map<string, Buffer>;

  const open = (f: PackageFile) => Promise.resolve(Readable.from([contents.get(f.recordId)!]));
  const rewrite = async (
    name: string,
    edit: (entries: [string, Buffer][], m: PackageManifest) => [string, Buffer][],
  ) => {
    const zip = await readZip(good);
    const m = JSON.parse(zip.get(MANIFEST_PATH)!.data.toString('utf8')) as PackageManifest;
    const file = path.join(dir, name);
    await writeZip(
      file,
      edit(
        [...zip].map(([n, e]) => [n, e.data]),
        m,
      ),
    );
    return file;
  };
  /** The package with a changed manifest, its index.html rendered again as a forger would. */
  const withManifest = (name: string, change: (m: PackageManifest) => void) =>
    rewrite(name, (entries, m) => {
      change(m);
      return entries.map(([n, d]): [string, Buffer] =>
        n === MANIFEST_PATH
          ? [n, Buffer.from(JSON.stringify(m, null, 2))]
          : n === INDEX_PATH
            ? [n, Buffer.from(renderIndexHtml(m))]
            : [n, d],
      );
    });

  /** A copy of the package with one bit flipped in place inside a stored entry's data. */
  const flipByte = async (name: string, target: string) => {
    const file = path.join(dir, name);
    fs.copyFileSync(good, file);
    const { offset } = (await readZip(file)).get(target)!;
    const fd = fs.openSync(file, 'r+');
    try {
      const b = Buffer.alloc(1);
      const at = offset + 123_456;
      fs.readSync(fd, b, 0, 1, at);
      b[0]! ^= 0x01;
      fs.writeSync(fd, b, 0, 1, at);
    } finally {
      fs.closeSync(fd);
    }
    return file;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-archive-'));
    key = generateKeyPairSync('ed25519').privateKey;
    const pub = rawEd25519Public(createPublicKey(key));
    verifier = ed25519Verifier(ORIGIN, pub);
    vkey = verifierKeyString(ORIGIN, pub);
    sources = [
      {
        id: 'rec-1',
        fileName: '立案审批表.pdf',
        mediaType: 'application/pdf',
        inclusion: 'content',
        volume: 'main',
        kind: 'document',
        protection: 'internal',
        bytes: Buffer.from('%PDF-1.7 立案审批表'),
      },
      {
        id: 'rec-2',
        fileName: '现场检查 视频.mp4',
        mediaType: 'video/mp4',
        inclusion: 'content',
        volume: 'main',
        kind: 'video',
        protection: 'internal',
        bytes: randomBytes(BIG),
      },
      {
        id: 'rec-3',
        fileName: '财务报表.xlsx',
        mediaType: 'application/vnd.ms-excel',
        inclusion: 'redacted',
        volume: 'main',
        kind: 'document',
        protection: 'tradeSecret',
        bytes: Buffer.from('trade secret'),
      },
      {
        id: 'rec-4',
        fileName: '询问录音.m4a',
        mediaType: 'audio/mp4',
        inclusion: 'disposed',
        volume: 'sub',
        kind: 'audio',
        protection: 'internal',
        bytes: Buffer.from('old audio'),
      },
      {
        id: 'rec-5',
        fileName: '空白.txt',
        mediaType: 'text/plain',
        inclusion: 'content',
        volume: 'sub',
        kind: 'text',
        protection: 'internal',
        bytes: Buffer.alloc(0),
      },
    ];
    contents = new Map(sources.map((s) => [s.id, s.bytes]));
    manifest = await buildManifest(sources, key);
    good = path.join(dir, 'good.zip');
    await writePackage(fs.createWriteStream(good), manifest, open);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('REC-08 a written package: manifest.json then index.html (deflated), then content files stored, and it verifies', async () => {
    const zip = await readZip(good);
    expect([...zip.keys()]).toEqual([
      MANIFEST_PATH,
      INDEX_PATH,
      manifest.files[0]!.path,
      manifest.files[1]!.path,
      manifest.files[4]!.path,
    ]);
    expect(zip.get(MANIFEST_PATH)!.method).toBe(8);
    expect(zip.get(INDEX_PATH)!.method).toBe(8);
    expect(JSON.parse(zip.get(MANIFEST_PATH)!.data.toString('utf8'))).toEqual(manifest);
    expect(zip.get(manifest.files[1]!.path!)!.method).toBe(0);
    expect(zip.get(manifest.files[1]!.path!)!.data.equals(sources[1]!.bytes)).toBe(true);

    const r = await verifyPackageFile(good, verifier);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.files).toBe(5);
    expect(r.bytes).toBeGreaterThan(BIG);
    expect(r.manifest).toEqual(manifest);
  });

  it("REC-08 every entry carries the right CRC-32 (native zlib in place of yazl's JavaScript loop): an independent ZIP reader tests them", async () => {
    const fox = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(zipCrc32(fox)).toBe(0x414fa339);
    expect(zipCrc32(fox.subarray(20), zipCrc32(fox.subarray(0, 20)))).toBe(0x414fa339);
    // Python's zipfile recomputes every entry's CRC-32 and names the first bad one (None: all good).
    const out = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', good],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('None');
  });

  it('REC-08 writing is reproducible, counts its bytes and opens one content file at a time', async () => {
    let openNow = 0;
    let most = 0;
    const counting = (f: PackageFile) => {
      openNow++;
      most = Math.max(most, openNow);
      const s = new PassThrough();
      s.on('end', () => openNow--);
      s.end(contents.get(f.recordId));
      return Promise.resolve(s);
    };
    const again = path.join(dir, 'again.zip');
    const r = await writePackage(fs.createWriteStream(again), manifest, counting);
    expect(most).toBe(1);
    expect(r.bytes).toBe(fs.statSync(again).size);
    expect(fs.readFileSync(again).equals(fs.readFileSync(good))).toBe(true);
  });

  it('REC-08 a failing content stream rejects the write and destroys the output', async () => {
    const failing = (f: PackageFile) => {
      if (f.recordId !== 'rec-2') return open(f);
      const s = new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('disk read failed'));
        },
      });
      return Promise.resolve(s);
    };
    const out = fs.createWriteStream(path.join(dir, 'failed.zip'));
    await expect(writePackage(out, manifest, failing)).rejects.toThrow('disk read failed');
    expect(out.destroyed).toBe(true);

    const short = (f: PackageFile) =>
      f.recordId === 'rec-2' ? Promise.resolve(Readable.from([Buffer.alloc(10)])) : open(f);
    await expect(writePackage(new PassThrough().resume(), manifest, short)).rejects.toThrow();
    const refused = () => Promise.reject(new Error('blob not found'));
    await expect(writePackage(new PassThrough().resume(), manifest, refused)).rejects.toThrow(
      'blob not found',
    );
  });

  it('REC-08 (a) a flipped byte in a stored file is found and named', async () => {
    const target = manifest.files[1]!.path!;
    const flipped = await flipByte('flipped.zip', target);
    const r = await verifyPackageFile(flipped, verifier);
    expect(r.problems).toEqual([
      expect.objectContaining({
        kind: 'file.altered',
        where: target,
        detail: expect.stringMatching(/SHA-256.*SM3/),
      }),
    ]);
  });

  it('REC-08 (b) a removed file and (c) an added file are found and named', async () => {
    const target = manifest.files[0]!.path!;
    const removed = await rewrite('removed.zip', (entries) => entries.filter(([n]) => n !== target));
    expect((await verifyPackageFile(removed, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'file.missing', where: target }),
    ]);
    const added = await rewrite('added.zip', (entries) => [
      ...entries,
      ['files/main/0099-补充.jpg', Buffer.from('later')],
    ]);
    expect((await verifyPackageFile(added, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'file.extra', where: 'files/main/0099-补充.jpg' }),
    ]);
    const twice = await rewrite('twice.zip', (entries) => [...entries, [target, Buffer.from('other')]]);
    expect((await verifyPackageFile(twice, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'file.extra', where: target }),
    ]);
  });

  it('REC-08 (d) a changed manifest entry is found and named: a file size, a media type, the 档号', async () => {
    const size = await withManifest('size.zip', (m) => (m.files[0]!.size += 1));
    const sizeProblems = (await verifyPackageFile(size, verifier)).problems;
    expect(sizeProblems).toContainEqual(
      expect.objectContaining({
        kind: 'manifest.entryAltered',
        where: `files[0] ${manifest.files[0]!.path}`,
        detail: expect.stringContaining('size'),
      }),
    );
    expect(sizeProblems).toContainEqual(expect.objectContaining({ kind: 'file.altered' }));

    const type = await withManifest('type.zip', (m) => (m.files[4]!.mediaType = 'application/pdf'));
    expect((await verifyPackageFile(type, verifier)).problems).toEqual([
      expect.objectContaining({
        kind: 'manifest.entryAltered',
        where: `files[4] ${manifest.files[4]!.path}`,
        detail: expect.stringContaining('mediaType'),
      }),
    ]);

    const cover = await withManifest('cover.zip', (m) => (m.caseFile.cover.archiveNumber = '2026-0004'));
    expect((await verifyPackageFile(cover, verifier)).problems).toEqual([
      expect.objectContaining({
        kind: 'manifest.entryAltered',
        where: 'caseFile',
        detail: expect.stringContaining('cover.archiveNumber'),
      }),
    ]);

    // The purpose is fixed by the export's own entry; without re-rendering, the page differs too.
    const stale = await rewrite('stale.zip', (entries, m) => {
      m.purpose = '内部查阅';
      return entries.map(([n, d]): [string, Buffer] =>
        n === MANIFEST_PATH ? [n, Buffer.from(JSON.stringify(m))] : [n, d],
      );
    });
    expect((await verifyPackageFile(stale, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'manifest.entryAltered', where: 'purpose' }),
      expect.objectContaining({ kind: 'index.altered', where: INDEX_PATH }),
    ]);

    // An entry about the case left out (its file stays consistent): the export's count says so.
    const fewer = await rewrite('fewer.zip', (entries, m) => {
      const dropped = m.ledger.entries.find((e) => e.action === 'caseFile.archived@1')!;
      m.ledger.entries = m.ledger.entries.filter((e) => e !== dropped);
      return entries.map(([n, d]): [string, Buffer] =>
        n === MANIFEST_PATH
          ? [n, Buffer.from(JSON.stringify(m))]
          : n === INDEX_PATH
            ? [n, Buffer.from(renderIndexHtml(m), 'utf8')]
            : [n, d],
      );
    });
    expect((await verifyPackageFile(fewer, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'ledger.incomplete', where: expect.stringContaining('exportSeq') }),
    ]);
  });

  it('REC-08 (e) a forged checkpoint is found: another key with the same origin, a changed root line', async () => {
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const forged = await withManifest('forged.zip', (m) => {
      m.checkpoint = signNote(
        formatCheckpoint({
          origin: ORIGIN,
          size: m.ledger.treeSize,
          rootHash: Buffer.from(m.ledger.rootHash, 'base64'),
        }),
        [ed25519Signer(ORIGIN, otherKey)],
      );
      m.verifierKey = verifierKeyString(ORIGIN, rawEd25519Public(createPublicKey(otherKey)));
    });
    expect((await verifyPackageFile(forged, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'checkpoint.badSignature', where: 'checkpoint' }),
    ]);
    // Against only its own key it passes — which is why that comes with a warning.
    const self = await verifyPackageFile(forged, null);
    expect(self.problems).toEqual([]);
    expect(self.warnings.join()).toMatch(/no trusted key/);

    const root = await withManifest('root.zip', (m) => {
      const lines = m.checkpoint.split('\n');
      lines[2] = toBase64(new Uint8Array(32).fill(9));
      m.checkpoint = lines.join('\n');
    });
    expect((await verifyPackageFile(root, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'checkpoint.badSignature', where: 'checkpoint' }),
    ]);
  });

  it('REC-08 a file that is not a ZIP, a truncated ZIP, or a ZIP without a manifest: named, no throw', async () => {
    const notZip = path.join(dir, 'not.zip');
    fs.writeFileSync(notZip, 'hello');
    expect((await verifyPackageFile(notZip, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'package.unreadable', where: notZip }),
    ]);
    const truncated = path.join(dir, 'truncated.zip');
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 4096));
    expect((await verifyPackageFile(truncated, verifier)).problems[0]!.kind).toBe('package.unreadable');
    const bare = await rewrite('bare.zip', (entries) => entries.filter(([n]) => n !== MANIFEST_PATH));
    expect((await verifyPackageFile(bare, verifier)).problems).toEqual([
      expect.objectContaining({ kind: 'manifest.invalid', where: MANIFEST_PATH }),
    ]);
    const junk = await rewrite('junk.zip', (entries) =>
      entries.map(([n, d]): [string, Buffer] =>
        n === MANIFEST_PATH ? [n, Buffer.from('{"format":')] : [n, d],
      ),
    );
    expect((await verifyPackageFile(junk, verifier)).problems[0]!.kind).toBe('manifest.invalid');
  });

  it('REC-08 zhifa archive verify: exit 0 intact, 1 with the problem named, 2 on bad usage; no database, no key created', async () => {
    const empty = fs.mkdtempSync(path.join(dir, 'data-'));
    const env = { ZHIFA_DATA_DIR: empty, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const flipped = await flipByte('cli-flipped.zip', manifest.files[1]!.path!);
    const keyFile = path.join(dir, 'vkey.txt');
    fs.writeFileSync(keyFile, `\n${vkey}\n`);
    // The installation's own key: a package signed with it verifies with no --key and no warning.
    const local = fs.mkdtempSync(path.join(dir, 'local-'));
    const localKey = generateKeyPairSync('ed25519').privateKey;
    fs.mkdirSync(path.join(local, 'keys'));
    fs.writeFileSync(
      path.join(local, 'keys', 'checkpoint-ed25519.pem'),
      localKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    const localPackage = path.join(dir, 'local.zip');
    await writePackage(fs.createWriteStream(localPackage), await buildManifest(sources, localKey), open);

    // Few processes (each costs a second of start-up); the usage errors run in-process below.
    const [ok, bad, own, mine, missing] = await Promise.all([
      zhifa(['archive', 'verify', good, '--key', keyFile], env),
      zhifa(['archive', 'verify', flipped, '--key', vkey], env),
      zhifa(['archive', 'verify', good, '--json'], env),
      zhifa(['archive', 'verify', localPackage], { ...env, ZHIFA_DATA_DIR: local, ZHIFA_LOG_ORIGIN: ORIGIN }),
      zhifa(['archive', 'verify', path.join(dir, 'nope.zip')], env),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^zhifa archive verify: 5 个文件 files, 6\.3 MB, 8 条留痕 entries — 完好 intact\n$/,
    );
    expect(ok.stderr).toBe('');

    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`PROBLEM file.altered at ${manifest.files[1]!.path}: `);
    expect(bad.stdout).toMatch(/发现 1 个问题 problems found\n$/);

    // No --key and no key of its own: the package's key, with a warning; no key file is created.
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr).toMatch(/警告 warning: .*no trusted key/);
    expect(JSON.parse(own.stdout)).toMatchObject({ intact: true, problems: [], files: 5, entries: 8 });
    expect(fs.existsSync(path.join(empty, 'keys'))).toBe(false);

    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stderr).toBe('');

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到归档包 package not found/);

    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['archive', 'verify', good, '--key', 'not-a-key'], env)).toBe(2);
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/--key/);
      expect(await runCli(['archive', 'verify'], env)).toBe(2);
      expect(await runCli(['archive', 'verify', good, '--frobnicate'], env)).toBe(2);
      expect(await runCli(['archive', 'export'], env)).toBe(2);
      expect(await runCli(['archive'], env)).toBe(2);
    } finally {
      stderr.mockRestore();
    }
  });
});
