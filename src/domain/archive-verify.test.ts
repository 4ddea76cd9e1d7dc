import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INDEX_PATH,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  type CaseFileCover,
  type IndexItem,
  type PackageFile,
  type PackageLedgerEntry,
  type PackageManifest,
} from './archive-manifest';
import {
  decodeManifest,
  renderIndexHtml,
  summarizeManifest,
  verifyManifest,
  type ObservedFile,
  type ObservedPackage,
  type Problem,
  seqsDigest,
} from './archive-verify';
import { entryLeafHash, type ActionName, type LedgerEntry, type Subject } from './ledger-entry';
import { fromHex, MemoryTree, toBase64 } from './merkle';
import {
  ed25519Signer,
  ed25519Verifier,
  formatCheckpoint,
  rawEd25519Public,
  signNote,
  verifierKeyString,
  type NoteVerifier,
} from './signed-note';

const ORIGIN = 'zhifa.test/ledger';
const OFFICER = '0190a000-0000-7000-8000-000000000001';
const CASE_ID = '0190a000-0000-7000-8000-0000000000c1';
const CASE_FILE_ID = '0190a000-0000-7000-8000-0000000000f1';

const digestOf = (b: Buffer): ObservedFile => ({
  sha256: createHash('sha256').update(b).digest('hex'),
  sm3: createHash('sm3').update(b).digest('hex'),
  size: b.length,
});

interface RecordSpec {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  inclusion: PackageFile['inclusion'];
  volume: 'main' | 'sub';
  title: string;
  documentNumber: string | null;
  kind: string;
  protection: string;
}

const RECORDS: RecordSpec[] = [
  {
    id: 'rec-1',
    fileName: '行政处罚决定书.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: Buffer.from('决定书内容 <b>&amp;</b>'),
    inclusion: 'content',
    volume: 'main',
    title: '行政处罚决定书',
    documentNumber: '某市监罚〔2026〕7号',
    kind: 'document',
    protection: 'internal',
  },
  {
    id: 'rec-2',
    fileName: 'IMG 0001 "现场".jpg',
    mediaType: 'image/jpeg',
    bytes: Buffer.alloc(4096, 7),
    inclusion: 'content',
    volume: 'main',
    title: '现场照片（检查）',
    documentNumber: null,
    kind: 'photo',
    protection: 'public',
  },
  {
    id: 'rec-3',
    fileName: '商业秘密.pdf',
    mediaType: 'application/pdf',
    bytes: Buffer.from('secret'),
    inclusion: 'redacted',
    volume: 'main',
    title: '企业财务资料',
    documentNumber: null,
    kind: 'scan',
    protection: 'tradeSecret',
  },
  {
    id: 'rec-4',
    fileName: '执法记录仪.mp4',
    mediaType: 'video/mp4',
    bytes: Buffer.from('old video'),
    inclusion: 'disposed',
    volume: 'sub',
    title: '音像记录（询问）',
    documentNumber: null,
    kind: 'video',
    protection: 'internal',
  },
];

interface Fixture {
  manifest: PackageManifest;
  observed: ObservedPackage;
  verifier: NoteVerifier;
  signer: ReturnType<typeof ed25519Signer>;
}

async function buildFixture(): Promise<Fixture> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ed25519Signer(ORIGIN, privateKey);
  const pub = rawEd25519Public(publicKey);
  const tree = new MemoryTree();
  const all: LedgerEntry[] = [];
  const append = async (action: ActionName, subject: Subject, data: unknown): Promise<LedgerEntry> => {
    const seq = all.length + 1;
    const e: LedgerEntry = {
      seq,
      recordedAt: new Date(Date.UTC(2026, 2, 1, 1, 0, seq)).toISOString(),
      actor: { type: 'user', id: OFFICER },
      action,
      subject,
      data,
    };
    await tree.append(fromHex(entryLeafHash(e)));
    all.push(e);
    return e;
  };

  await append('officer.created@1', { type: 'officer', id: 'o-1' }, { state: { name: '张三' } });
  const files: PackageFile[] = [];
  const about: LedgerEntry[] = [];
  const index: IndexItem[] = [];
  for (const [i, r] of RECORDS.entries()) {
    const d = digestOf(r.bytes);
    const state = {
      ...d,
      mediaType: r.mediaType,
      fileName: r.fileName,
      createdBy: OFFICER,
      caseId: CASE_ID,
      stepId: 'step-1',
      kind: r.kind,
      protection: r.protection,
      versionOf: null,
      rootId: r.id,
      version: 1,
      correctionReason: null,
      av: null,
    };
    const created = await append(
      'record.created@1',
      { type: 'record', id: r.id },
      {
        fileName: r.fileName,
        mediaType: r.mediaType,
        ...d,
        caseId: CASE_ID,
        stepId: 'step-1',
        kind: r.kind,
        protection: r.protection,
        state,
      },
    );
    about.push(created);
    let disposalSeq: number | undefined;
    if (r.inclusion === 'disposed') {
      const disposed = await append(
        'record.disposed@1',
        { type: 'record', id: r.id },
        { reason: '保存期满', state },
      );
      about.push(disposed);
      disposalSeq = disposed.seq;
    }
    const order = i + 1;
    files.push({
      order,
      volume: r.volume,
      path:
        r.inclusion === 'content'
          ? `files/${r.volume}/${String(order).padStart(4, '0')}-${r.fileName}`
          : null,
      inclusion: r.inclusion,
      recordId: r.id,
      title: r.title,
      documentNumber: r.documentNumber,
      fileName: r.fileName,
      mediaType: r.mediaType,
      ...d,
      kind: r.kind,
      protection: r.protection,
      createdBy: { id: OFFICER, name: '张三' },
      createdAt: created.recordedAt,
      ledgerSeq: created.seq,
      ...(disposalSeq !== undefined && { disposalSeq }),
    });
    index.push({
      order,
      volume: r.volume,
      title: r.title,
      documentNumber: r.documentNumber,
      date: '2026-03-01',
      recordId: r.id,
      pages: r.kind === 'document' ? 3 : null,
    });
  }
  // A paper-only item of the catalogue.
  index.push({
    order: 5,
    volume: 'sub',
    title: '集体讨论记录',
    documentNumber: null,
    date: '2026-03-02',
    recordId: 'paper-1',
    pages: 2,
  });
  const cover: CaseFileCover = {
    caseName: '某某公司销售过期食品案',
    caseNumber: '某市监立〔2026〕12号',
    decisionNumber: '某市监罚〔2026〕7号',
    unitName: '执法一队',
    agencyName: '某市市场监督管理局',
    filedOn: '2026-02-10',
    closedOn: '2026-03-20',
    retention: 'permanent',
    retentionLabel: '永久',
    pageCount: 12,
    archiveNumber: '2026-0007',
  };
  const caseFileState = { caseId: CASE_ID, state: 'archived', cover, index };
  about.push(
    await append(
      'caseFile.created@1',
      { type: 'caseFile', id: CASE_FILE_ID },
      { state: { ...caseFileState, state: 'open', cover: { ...cover, archiveNumber: null } } },
    ),
  );
  about.push(
    await append('caseFile.archived@1', { type: 'caseFile', id: CASE_FILE_ID }, { state: caseFileState }),
  );
  // The export's own entry: what the case's ledger held before it.
  const before = about.map((e) => e.seq);
  const exported = await append(
    'caseFile.exported@1',
    { type: 'caseFile', id: CASE_FILE_ID },
    {
      purpose: '移交档案室',
      redacted: true,
      ledger: { entries: before.length, seqsSha256: seqsDigest(before) },
      state: caseFileState,
    },
  );
  about.push(exported);
  await append('officer.created@1', { type: 'officer', id: 'o-2' }, { state: { name: '李四' } });

  const treeSize = tree.size;
  const root = await tree.rootAt(treeSize);
  const entries: PackageLedgerEntry[] = [];
  for (const e of about) {
    const proof = await tree.inclusionProof(e.seq - 1, treeSize);
    entries.push({ ...e, proof: proof.map(toBase64) });
  }
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    exportedAt: '2026-04-16T06:30:00.000Z',
    exportedBy: { id: OFFICER, name: '王五' },
    purpose: '移交档案室',
    redacted: true,
    // A copy: the manifest must not share objects with the entries (structuredClone keeps sharing).
    caseFile: { id: CASE_FILE_ID, ...structuredClone(caseFileState) },
    files,
    ledger: { treeSize, rootHash: toBase64(root), entries },
    exportSeq: exported.seq,
    checkpoint: signNote(formatCheckpoint({ origin: ORIGIN, size: treeSize, rootHash: root }), [signer]),
    verifierKey: verifierKeyString(ORIGIN, pub),
  };
  return { manifest, observed: observe(manifest), verifier: ed25519Verifier(ORIGIN, pub), signer };
}

/** What an honest ZIP of `m` would show. */
function observe(m: PackageManifest): ObservedPackage {
  const entries = new Map<string, ObservedFile>();
  const index = Buffer.from(renderIndexHtml(m), 'utf8');
  entries.set(MANIFEST_PATH, digestOf(Buffer.from(JSON.stringify(m))));
  entries.set(INDEX_PATH, digestOf(index));
  for (const f of m.files) {
    const r = RECORDS.find((x) => x.id === f.recordId)!;
    if (f.inclusion === 'content') entries.set(f.path!, digestOf(r.bytes));
  }
  return { entries, indexHtml: index };
}

const clone = <T>(x: T): T => structuredClone(x);
const kinds = (ps: Problem[]) => ps.map((p) => p.kind);

describe('archive package verification (pure)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  });
  const check = (m: unknown, observed: ObservedPackage = fx.observed) =>
    verifyManifest(m, observed, fx.verifier);

  it('REC-08 an intact package has no problems and no warnings with a trusted key', () => {
    const r = check(fx.manifest);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it("REC-08 without a trusted key the package's own key is used, with a warning (not a problem)", () => {
    const r = verifyManifest(fx.manifest, fx.observed, null);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/已公布的验证密钥.*no trusted key/);
  });

  it('REC-08 the index page is deterministic, escaped, script-free and shows cover, catalogue and export', () => {
    const html = renderIndexHtml(fx.manifest);
    expect(renderIndexHtml(clone(fx.manifest))).toBe(html);
    for (const label of ['案卷题名', '案号', '决定书文号', '承办机构', '执法主体', '立案日期', '结案日期'])
      expect(html).toContain(`<th>${label}</th>`);
    for (const label of ['保管期限', '页数', '档号', '导出时间', '导出人', '用途', '检查点'])
      expect(html).toContain(`<th>${label}</th>`);
    expect(html).toContain('<td>2026-0007</td>');
    expect(html).toContain('2026年2月10日');
    expect(html).toContain('2026年4月16日 14:30:00（北京时间）');
    expect(html).toContain('已按规定处置（仅存元数据与摘要）');
    expect(html).toContain('涉密内容，已脱敏（仅存元数据与摘要）');
    expect(html).toContain('<td>正卷</td>');
    expect(html).toContain('<td>副卷</td>');
    expect(html).toContain('无电子文件');
    expect(html).toContain(`树大小 tree size ${fx.manifest.ledger.treeSize}`);
    expect(html).toContain(fx.manifest.files[0]!.sha256);
    // The link is percent-encoded, and the quote in the file name cannot break out of the attribute.
    expect(html).toContain('href="files/main/0002-IMG%200001%20%22%E7%8E%B0%E5%9C%BA%22.jpg"');
    expect(html).toContain('IMG 0001 &quot;现场&quot;.jpg');
    expect(html).not.toMatch(/<script/i);

    const evil = clone(fx.manifest);
    evil.caseFile.cover.caseName = '<script>alert(1)</script>';
    evil.files[0]!.title = '<img src=x onerror=alert(1)>';
    const e = renderIndexHtml(evil);
    expect(e).not.toMatch(/<script|<img/i);
    expect(e).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('REC-08 a changed manifest entry is named (size, mediaType, createdAt, protection)', () => {
    const cases: [string, (f: PackageFile) => void, RegExp][] = [
      ['size', (f) => (f.size += 1), /size/],
      ['mediaType', (f) => (f.mediaType = 'text/plain'), /mediaType/],
      ['createdAt', (f) => (f.createdAt = '2026-03-01T00:00:00.000Z'), /createdAt/],
      ['protection', (f) => (f.protection = 'public'), /protection/],
      ['title', (f) => (f.title = '另一文书'), /title/],
    ];
    for (const [, change, detail] of cases) {
      const m = clone(fx.manifest);
      change(m.files[0]!);
      const r = check(m, observe(m));
      const p = r.problems.find((x) => x.kind === 'manifest.entryAltered');
      expect(p, detail.source).toBeDefined();
      expect(p!.where).toBe(`files[0] ${m.files[0]!.path}`);
      expect(p!.detail).toMatch(detail);
    }
  });

  it("REC-08 a changed cover (档号) is named as the case file's cover.archiveNumber", () => {
    const m = clone(fx.manifest);
    m.caseFile.cover.archiveNumber = '2026-0008';
    const r = check(m, observe(m));
    expect(r.problems).toEqual([
      expect.objectContaining({
        kind: 'manifest.entryAltered',
        where: 'caseFile',
        detail: expect.stringMatching(/cover\.archiveNumber.*2026-0008.*2026-0007/),
      }),
    ]);
  });

  it('REC-08 a case file without its ledger entry, or a changed state or index, is named', () => {
    const noEntry = clone(fx.manifest);
    noEntry.ledger.entries = noEntry.ledger.entries.filter((e) => e.subject.type !== 'caseFile');
    expect(check(noEntry, observe(noEntry)).problems).toContainEqual(
      expect.objectContaining({ kind: 'manifest.entryAltered', where: 'caseFile' }),
    );
    const state = clone(fx.manifest);
    state.caseFile.state = 'open';
    expect(check(state, observe(state)).problems[0]).toMatchObject({
      kind: 'manifest.entryAltered',
      where: 'caseFile',
      detail: expect.stringContaining('state'),
    });
    const index = clone(fx.manifest);
    index.caseFile.index[4]!.pages = 20;
    expect(check(index, observe(index)).problems[0]).toMatchObject({
      kind: 'manifest.entryAltered',
      where: 'caseFile',
      detail: expect.stringContaining('index[4]'),
    });
  });

  it('REC-08 a file pointing at the wrong entry, or a disposed file without its disposal, is named', () => {
    const wrong = clone(fx.manifest);
    wrong.files[0]!.ledgerSeq = wrong.files[1]!.ledgerSeq;
    expect(check(wrong, observe(wrong)).problems).toContainEqual(
      expect.objectContaining({
        kind: 'manifest.entryAltered',
        where: expect.stringMatching(/^files\[0\] /),
      }),
    );
    const disposed = clone(fx.manifest);
    delete disposed.files[3]!.disposalSeq;
    expect(check(disposed, observe(disposed)).problems).toEqual([
      expect.objectContaining({ kind: 'manifest.entryAltered', where: 'files[3] rec-4' }),
    ]);
    const other = clone(fx.manifest);
    other.files[3]!.disposalSeq = other.files[3]!.ledgerSeq;
    expect(check(other, observe(other)).problems[0]).toMatchObject({
      kind: 'manifest.entryAltered',
      where: 'files[3] rec-4',
      detail: expect.stringContaining('record.created@1'),
    });
    const path = clone(fx.manifest);
    path.files[0]!.path = '../etc/passwd';
    expect(check(path).problems).toContainEqual(
      expect.objectContaining({ kind: 'manifest.entryAltered', where: 'files[0] ../etc/passwd' }),
    );
  });

  it('REC-08 a changed ledger entry fails its proof and is named by sequence number', () => {
    const m = clone(fx.manifest);
    const e = m.ledger.entries[0]!;
    (e.data as { state: { size: number } }).state.size += 1;
    const r = check(m);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ kind: 'ledger.proofFailed', where: `ledger seq ${e.seq}` }),
    );
    // …and so is a forged proof.
    const p = clone(fx.manifest);
    p.ledger.entries[1]!.proof[0] = p.ledger.entries[1]!.proof[1]!;
    expect(check(p).problems).toEqual([
      expect.objectContaining({
        kind: 'ledger.proofFailed',
        where: `ledger seq ${p.ledger.entries[1]!.seq}`,
      }),
    ]);
  });

  it('REC-08 a forged checkpoint is named: another key with the same origin, a changed root line', () => {
    const other = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    const m = clone(fx.manifest);
    const text = formatCheckpoint({
      origin: ORIGIN,
      size: m.ledger.treeSize,
      rootHash: Buffer.from(m.ledger.rootHash, 'base64'),
    });
    m.checkpoint = signNote(text, [other]);
    expect(check(m, observe(m)).problems).toEqual([
      expect.objectContaining({ kind: 'checkpoint.badSignature', where: 'checkpoint' }),
    ]);

    const root = clone(fx.manifest);
    const lines = root.checkpoint.split('\n');
    lines[2] = toBase64(new Uint8Array(32).fill(1));
    root.checkpoint = lines.join('\n');
    expect(kinds(check(root, observe(root)).problems)).toEqual(['checkpoint.badSignature']);
  });

  it('REC-08 a genuine checkpoint for another tree is a mismatch', () => {
    const m = clone(fx.manifest);
    m.checkpoint = signNote(
      formatCheckpoint({ origin: ORIGIN, size: m.ledger.treeSize + 1, rootHash: new Uint8Array(32) }),
      [fx.signer],
    );
    expect(check(m, observe(m)).problems).toEqual([
      expect.objectContaining({
        kind: 'checkpoint.mismatch',
        detail: expect.stringMatching(/tree size.*root hash/),
      }),
    ]);
  });

  it('REC-08 altered, missing and extra files are named by path, saying which digest differs', () => {
    const path = fx.manifest.files[1]!.path!;
    const entries = new Map(fx.observed.entries);
    const honest = entries.get(path) as ObservedFile;
    const tamper = (o: Partial<ObservedFile>) =>
      check(fx.manifest, { ...fx.observed, entries: new Map([...entries, [path, { ...honest, ...o }]]) })
        .problems;
    expect(tamper({ sha256: '0'.repeat(64) })).toEqual([
      expect.objectContaining({
        kind: 'file.altered',
        where: path,
        detail: expect.stringContaining('SHA-256'),
      }),
    ]);
    expect(tamper({ sm3: '0'.repeat(64) })[0]!.detail).toContain('SM3');
    expect(tamper({ size: 1 })[0]!.detail).toContain('size');

    const missing = new Map(entries);
    missing.delete(path);
    expect(check(fx.manifest, { ...fx.observed, entries: missing }).problems).toEqual([
      expect.objectContaining({ kind: 'file.missing', where: path }),
    ]);

    const extra = new Map(entries);
    extra.set('files/main/9999-added.jpg', honest);
    expect(
      check(fx.manifest, { ...fx.observed, entries: extra, duplicates: [MANIFEST_PATH] }).problems,
    ).toEqual([
      expect.objectContaining({ kind: 'file.extra', where: 'files/main/9999-added.jpg' }),
      expect.objectContaining({ kind: 'file.extra', where: MANIFEST_PATH }),
    ]);

    const unreadable = new Map<string, ObservedFile | { error: string }>(entries);
    unreadable.set(path, { error: 'invalid stored block lengths' });
    expect(check(fx.manifest, { ...fx.observed, entries: unreadable }).problems).toEqual([
      expect.objectContaining({ kind: 'file.altered', where: path }),
    ]);
  });

  it('REC-08 a missing or changed index page is named', () => {
    expect(check(fx.manifest, { ...fx.observed, indexHtml: null }).problems).toEqual([
      expect.objectContaining({ kind: 'index.altered', where: INDEX_PATH }),
    ]);
    const html = Buffer.from(renderIndexHtml(fx.manifest).replace('2026-0007', '2026-0008'), 'utf8');
    expect(check(fx.manifest, { ...fx.observed, indexHtml: html }).problems).toEqual([
      expect.objectContaining({ kind: 'index.altered', where: INDEX_PATH }),
    ]);
  });

  it('REC-08 a missing, unparseable or malformed manifest is manifest.invalid, never a throw', () => {
    expect(decodeManifest(null).problem?.kind).toBe('manifest.invalid');
    expect(decodeManifest(Buffer.from('{"format":')).problem?.kind).toBe('manifest.invalid');
    expect(decodeManifest(Buffer.from('{"a":1}')).manifest).toEqual({ a: 1 });
    for (const bad of [undefined, null, 42, 'x', [], {}, { format: 'other@1' }]) {
      expect(kinds(check(bad).problems)).toEqual(['manifest.invalid']);
    }
    const m = clone(fx.manifest) as unknown as { files: Record<string, unknown>[] };
    m.files[2]!.size = '10';
    expect(check(m).problems).toEqual([
      expect.objectContaining({ kind: 'manifest.invalid', where: 'manifest.json files[2].size' }),
    ]);
    const p = clone(fx.manifest) as unknown as { ledger: { entries: { proof: unknown }[] } };
    p.ledger.entries[0]!.proof = ['not base64!'];
    expect(check(p).problems).toEqual([
      expect.objectContaining({ kind: 'manifest.invalid', where: 'manifest.json ledger.entries[0].proof' }),
    ]);
  });

  it('REC-08 hostile input never makes the verifier throw', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        verifyManifest(x, fx.observed, fx.verifier);
        verifyManifest({ ...fx.manifest, files: [x] }, fx.observed, null);
        verifyManifest(
          { ...fx.manifest, ledger: { ...fx.manifest.ledger, entries: [x] } },
          fx.observed,
          null,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('REC-08 any change to a ledger-backed field is found even when index.html is rendered again', () => {
    // Paths the exporter declares and the ledger does not fix (see the module comment).
    const unbacked =
      /^(exportedAt|exportedBy\.(id|name)|purpose|redacted|verifierKey|files\.\d+\.createdBy\.name)$/;
    const leaves: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (typeof v === 'object' && v !== null)
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      else leaves.push(path);
    };
    walk(fx.manifest, []);
    const backed = leaves.filter((p) => !unbacked.test(p.join('.')));
    fc.assert(
      fc.property(fc.constantFrom(...backed), fc.jsonValue(), (path, value) => {
        const m = clone(fx.manifest) as unknown as Record<string | number, unknown>;
        let parent = m;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const key = path[path.length - 1]!;
        fc.pre(JSON.stringify(parent[key]) !== JSON.stringify(value));
        parent[key] = value;
        let index: Buffer | null = null;
        try {
          index = Buffer.from(renderIndexHtml(m as unknown as PackageManifest), 'utf8');
        } catch {
          // A malformed manifest may not render; it is manifest.invalid anyway.
        }
        const r = verifyManifest(m, { ...fx.observed, indexHtml: index }, fx.verifier);
        expect(r.problems.length, path.join('.')).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('REC-08 the index page of format @1 stays byte-identical (a change would fail every earlier package)', () => {
    // Only the signature and key are random in the fixture; pin them to get a stable page. (The
    // digest was re-pinned once, when the fixture gained the export's own entry; the renderer did not change.)
    const m = {
      ...clone(fx.manifest),
      checkpoint: 'zhifa.test/ledger\n9\nAAAA\n\n— sig\n',
      verifierKey: 'k+0+A',
    };
    const html = renderIndexHtml(m);
    expect(createHash('sha256').update(html).digest('hex')).toBe(
      '35c4e07987c1e60100aa97d8ea9bf5fb35a6e0c2da7b784c66883b5ece010a32',
    );
  });

  it('REC-08 the summary counts files by inclusion and their bytes', () => {
    expect(summarizeManifest(fx.manifest)).toEqual({
      files: 4,
      content: 2,
      redacted: 1,
      disposed: 1,
      contentBytes: RECORDS[0]!.bytes.length + 4096,
      recordBytes: RECORDS.reduce((n, r) => n + r.bytes.length, 0),
      entries: fx.manifest.ledger.entries.length,
    });
  });
});
