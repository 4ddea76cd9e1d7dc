import { createHash, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { CompactRange, storedNodeCount } from '../domain/compact-range';
import { canonicalJson, entryLeafHash } from '../domain/ledger-entry';
import { rowState, TRACKED, trackedIds } from '../repositories/row-state';
import { openNote, parseCheckpoint } from '../domain/signed-note';
import * as ledger from '../repositories/ledger-repository';
import { recordsFrom } from '../repositories/record-repository';
import { disposedRecordIds } from '../repositories/archive-repository';
import { photosFrom } from '../repositories/org-repository';
import type { BlobStore } from '../storage/blobs';
import type { Deps } from './deps';
import type { Transparency } from './transparency-service';

/** One thing the verifier found wrong, named so a person can find it. */
export interface Problem {
  kind:
    | 'ledger.gap'
    | 'ledger.entryAltered'
    | 'tree.nodeAltered'
    | 'tree.nodeMissing'
    | 'tree.extraNodes'
    | 'checkpoint.badSignature'
    | 'checkpoint.mismatch'
    | 'checkpoint.ahead'
    | 'row.altered'
    | 'row.unrecorded'
    | 'row.missing'
    | 'photo.contentAltered'
    | 'blob.missing'
    | 'blob.altered';
  where: string;
  detail: string;
}

export interface VerifyReport {
  entries: number;
  rows: number;
  /** Blobs re-hashed, and their bytes. */
  blobs: number;
  blobBytes: number;
  /** Records whose content was disposed of after approval (REC-10): not checked, not missing. */
  disposed: number;
  nodes: number;
  checkpoints: number;
  problems: Problem[];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const BATCH = 2000;

/**
 * Recomputes everything from the stored rows, trusting no stored hash (PLT-04): every leaf hash
 * from its entry's columns, every tree node from the recomputed leaves, every checkpoint's
 * signature and root — and the copy of the newest checkpoint kept outside the database.
 */
export async function verifyLedger(
  deps: Deps,
  t: Transparency,
  opts: { extraCheckpoints?: string[]; blobs?: BlobStore; sample?: number } = {},
): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const tree = new CompactRange();
  const rootsWanted = new Map<number, string | null>();

  // Checkpoints to check: stored ones, the outside copy, and any given by the caller.
  const notes: Array<{ where: string; note: string; storedRoot?: string; storedSize?: number }> = [];
  for (const c of await ledger.allCheckpoints(deps.db)) {
    notes.push({
      where: `checkpoints tree_size ${c.tree_size}`,
      note: c.note,
      storedRoot: c.root_hash,
      storedSize: Number(c.tree_size),
    });
  }
  const outside = [
    ...(t.copyFile && fs.existsSync(t.copyFile) ? [t.copyFile] : []),
    ...(opts.extraCheckpoints ?? []),
  ];
  for (const file of outside) notes.push({ where: `file ${file}`, note: fs.readFileSync(file, 'utf8') });
  const parsed: Array<{ where: string; size: number; root: Uint8Array }> = [];
  for (const n of notes) {
    const text = openNote(n.note, t.verifier);
    const cp = text ? parseCheckpoint(text) : null;
    if (!cp || cp.origin !== t.origin) {
      problems.push({
        kind: 'checkpoint.badSignature',
        where: n.where,
        detail: '检查点签名无效或格式错误 (signature invalid or malformed)',
      });
      continue;
    }
    if (n.storedSize !== undefined && (n.storedSize !== cp.size || n.storedRoot !== hex(cp.rootHash))) {
      problems.push({
        kind: 'checkpoint.mismatch',
        where: n.where,
        detail: '检查点行的列与其签名内容不符 (row columns differ from the signed note)',
      });
    }
    parsed.push({ where: n.where, size: cp.size, root: cp.rootHash });
    rootsWanted.set(cp.size, null);
  }

  // Stream the ledger in order, recomputing leaves and the tree.
  // The state each tracked row had after its latest entry.
  const recorded = new Map<string, unknown>();
  // The nodes a batch completed, per level: a level's nodes complete in index order, so they are
  // consecutive — the first index and the hashes (hex) after it.
  const completed: Array<{ lo: number; hashes: string[] } | undefined> = [];
  const onNode = (level: number, index: number, hash: string) => {
    const at = completed[level];
    if (at) at.hashes.push(hash);
    else completed[level] = { lo: index, hashes: [hash] };
  };
  let expected = 1;
  let entries = 0;
  let after = 0;
  for (;;) {
    const rows = await ledger.entriesFrom(deps.db, after, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expected) {
        problems.push({
          kind: 'ledger.gap',
          where: `ledger seq ${expected}–${r.seq - 1}`,
          detail: `缺少 ${r.seq - expected} 条留痕 (entries missing)`,
        });
        expected = r.seq;
      }
      const entry = ledger.rowToEntry(r);
      const recomputed = entryLeafHash(entry);
      if (recomputed !== r.leaf_hash) {
        problems.push({
          kind: 'ledger.entryAltered',
          where: `ledger seq ${r.seq} (${r.action} ${r.subject_type}/${r.subject_id})`,
          detail: `内容与哈希不符：存储 ${r.leaf_hash.slice(0, 16)}…，重新计算 ${recomputed.slice(0, 16)}… (entry altered)`,
        });
      }
      if (TRACKED[r.subject_type]) {
        // The data as parsed for the leaf hash, not parsed a second time.
        const data = entry.data as { state?: unknown } | null;
        if (data?.state !== undefined) recorded.set(`${r.subject_type}/${r.subject_id}`, data.state);
      }
      // The tree is rebuilt from what the rows say now, so later nodes expose an altered entry too.
      tree.append(recomputed, onNode);
      if (rootsWanted.has(tree.size)) rootsWanted.set(tree.size, tree.rootHex());
      expected += 1;
      entries += 1;
    }
    await compareNodes(deps, completed, problems);
    completed.length = 0;
    after = rows[rows.length - 1]!.seq;
  }

  const storedNodes = await ledger.countNodes(deps.db);
  if (storedNodes > storedNodeCount(tree.size)) {
    problems.push({
      kind: 'tree.extraNodes',
      where: 'ledger_nodes',
      detail: `树节点 ${storedNodes} 个，多于 ${tree.size} 条留痕应有的 ${storedNodeCount(tree.size)} 个：留痕记录可能被截断 (ledger truncated?)`,
    });
  }
  for (const c of parsed) {
    const root = rootsWanted.get(c.size);
    if (c.size > tree.size || !root) {
      problems.push({
        kind: 'checkpoint.ahead',
        where: c.where,
        detail: `已签名检查点有 ${c.size} 条留痕，当前只有 ${tree.size} 条：记录被截断或恢复了较旧的备份 (ledger truncated or older backup restored)`,
      });
    } else if (root !== hex(c.root)) {
      problems.push({
        kind: 'checkpoint.mismatch',
        where: c.where,
        detail: `第 ${c.size} 条处的根哈希与已签名检查点不符：历史被改动 (history rewritten)`,
      });
    }
  }
  const rows = await verifyRows(deps, recorded, problems);
  const blobCheck = opts.blobs
    ? await verifyBlobs(deps, opts.blobs, problems, opts.sample)
    : { blobs: 0, blobBytes: 0, disposed: 0 };
  return { entries, rows, ...blobCheck, nodes: storedNodes, checkpoints: parsed.length, problems };
}

/** Each tracked row now, against the state its latest ledger entry recorded. */
async function verifyRows(deps: Deps, recorded: Map<string, unknown>, problems: Problem[]): Promise<number> {
  let count = 0;
  const seen = new Set<string>();
  for (const type of Object.keys(TRACKED)) {
    const table = TRACKED[type]!.table;
    let after = '';
    for (;;) {
      const ids = await trackedIds(deps.db, type, after, BATCH);
      if (ids.length === 0) break;
      for (const id of ids) {
        count++;
        const key = `${type}/${id}`;
        seen.add(key);
        const want = recorded.get(key);
        const now = await rowState(deps.db, type, id);
        if (want === undefined) {
          problems.push({
            kind: 'row.unrecorded',
            where: `${table} id ${id}`,
            detail: '该行没有对应的留痕记录 (row has no ledger entry)',
          });
          continue;
        }
        const fields = differingFields(want as Record<string, unknown>, now ?? {});
        if (fields.length > 0)
          problems.push({
            kind: 'row.altered',
            where: `${table} id ${id}`,
            detail: `字段与留痕记录不符 (fields differ from the ledger): ${fields.join(', ')}`,
          });
      }
      after = ids[ids.length - 1]!;
    }
  }
  for (const key of recorded.keys()) {
    if (!seen.has(key)) {
      const [type, id] = key.split('/') as [string, string];
      problems.push({
        kind: 'row.missing',
        where: `${TRACKED[type]!.table} id ${id}`,
        detail: '留痕记录中的行已不存在 (row deleted)',
      });
    }
  }
  // Officer photos: the stored bytes against their recorded digest.
  let afterPhoto = '';
  for (;;) {
    const photos = await photosFrom(deps.db, afterPhoto, 100);
    if (photos.length === 0) break;
    for (const p of photos) {
      if (createHash('sha256').update(p.content).digest('hex') !== p.sha256)
        problems.push({
          kind: 'photo.contentAltered',
          where: `officer_photos id ${p.id}`,
          detail: '照片内容与其摘要不符 (content differs from its digest)',
        });
    }
    afterPhoto = photos[photos.length - 1]!.id;
  }
  return count;
}

function differingFields(want: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(want), ...Object.keys(now)]);
  return [...keys].filter((k) => canonicalJson(want[k] ?? null) !== canonicalJson(now[k] ?? null)).sort();
}

/** The stored nodes of each level against those the batch recomputed: each altered or missing one named. */
async function compareNodes(
  deps: Deps,
  completed: ReadonlyArray<{ lo: number; hashes: string[] } | undefined>,
  problems: Problem[],
) {
  for (let level = 1; level < completed.length; level++) {
    const nodes = completed[level];
    if (!nodes) continue;
    const { lo, hashes } = nodes;
    const missing = (index: number) =>
      problems.push({
        kind: 'tree.nodeMissing',
        where: `ledger_nodes level ${level} idx ${index}`,
        detail: '树节点缺失 (node missing)',
      });
    // In index order: a walk along both instead of a lookup per node.
    let next = 0; // hashes[next] is the first not yet matched with a stored row
    for (const s of await ledger.nodesInRange(deps.db, level, lo, lo + hashes.length - 1)) {
      const i = Number(s.idx) - lo;
      while (next < i) missing(lo + next++);
      if (s.hash !== hashes[i])
        problems.push({
          kind: 'tree.nodeAltered',
          where: `ledger_nodes level ${level} idx ${lo + i}`,
          detail: '树节点与重新计算的不符 (node differs)',
        });
      next = i + 1;
    }
    while (next < hashes.length) missing(lo + next++);
  }
}

/**
 * Re-hashes the content of every record (or a random sample) from the blob store: a flipped byte,
 * a deleted file or a file replaced by another valid one all show as a digest that differs or is gone.
 */
async function verifyBlobs(
  deps: Deps,
  blobs: BlobStore,
  problems: Problem[],
  sample?: number,
): Promise<{ blobs: number; blobBytes: number; disposed: number }> {
  const all: Array<{ id: string; sha256: string; size: number }> = [];
  let after = '';
  for (;;) {
    const page = await recordsFrom(deps.db, after, BATCH);
    if (page.length === 0) break;
    all.push(...page.map((r) => ({ id: r.id, sha256: r.sha256, size: Number(r.size) })));
    after = page[page.length - 1]!.id;
  }
  // Content disposed of under REC-10 is gone by design: its disposal row (itself checked against
  // its ledger entries above) says so, and it is reported as disposed, not as missing.
  const disposed = new Set((await disposedRecordIds(deps.db)).map((d) => d.record_id));
  const live = all.filter((r) => !disposed.has(r.id));
  const chosen = sample !== undefined && sample < live.length ? shuffle(live).slice(0, sample) : live;
  let bytes = 0;
  const checked = new Set<string>();
  for (const r of chosen) {
    const where = `records id ${r.id} blob ${r.sha256}`;
    if (checked.has(r.sha256)) continue; // the same content is stored once
    checked.add(r.sha256);
    let stream;
    try {
      stream = await blobs.get(r.sha256);
    } catch {
      problems.push({ kind: 'blob.missing', where, detail: '记录内容在存储中不存在 (content missing)' });
      continue;
    }
    const h = createHash('sha256');
    let size = 0;
    for await (const chunk of stream) {
      h.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    bytes += size;
    const digest = h.digest('hex');
    if (digest !== r.sha256 || size !== r.size)
      problems.push({
        kind: 'blob.altered',
        where,
        detail: `内容摘要为 ${digest.slice(0, 16)}…，与记录不符 (content differs)`,
      });
  }
  return { blobs: checked.size, blobBytes: bytes, disposed: disposed.size };
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
