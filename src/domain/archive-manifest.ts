import type { LedgerEntry } from './ledger-entry';

/**
 * The archive package of a case file (REC-08): one ZIP holding `manifest.json` (this shape), a
 * human-readable `index.html` rendered from the manifest, and the content of each record under
 * `files/`. It is checked offline, with no database: every ledger entry about the case is given
 * with its inclusion proof against one signed checkpoint, and every file's metadata must agree
 * with the ledger entry that recorded the record — so a changed file, a changed manifest entry, a
 * changed entry or a forged checkpoint each shows up by name.
 */
export const PACKAGE_FORMAT = 'zhifa-archive-package@1';
export const MANIFEST_PATH = 'manifest.json';
export const INDEX_PATH = 'index.html';

export const VOLUMES = ['main', 'sub'] as const;
export type Volume = (typeof VOLUMES)[number];

/** The ledger action of an export; its data carries an {@link ExportClaim} under `ledger`. */
export const EXPORT_ACTION = 'caseFile.exported@1';

/** What an export's entry says of the case's ledger as it stood just before it. */
export interface ExportClaim {
  /** Entries about the case (case, case file, steps, records, documents, disposals, holds). */
  entries: number;
  /** SHA-256 (hex) of their sequence numbers in ascending order, joined by commas. */
  seqsSha256: string;
}

/** How a record is present in the package. */
export type Inclusion =
  /** its content is in the ZIP at `path` */
  | 'content'
  /** restricted (REC-09) and left out of a redacted package: metadata and digests only */
  | 'redacted'
  /** its content was disposed of under REC-10: metadata, digests and the disposal entry only */
  | 'disposed';

export interface PackageFile {
  /** Position in the 卷内目录 (1-based, in the standard order). */
  order: number;
  volume: Volume;
  /** The ZIP entry name (`files/main/0001-行政处罚决定书.docx`); null unless included as content. */
  path: string | null;
  inclusion: Inclusion;
  recordId: string;
  /** The item's title in the index (document kind label, or the record's kind and step). */
  title: string;
  /** The 文号 of an issued document. */
  documentNumber: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
  sm3: string;
  kind: string;
  protection: string;
  createdBy: { id: string; name: string };
  /** The `recordedAt` of the ledger entry that recorded the record. */
  createdAt: string;
  /** Sequence number of that entry (`record.created@1` or `record.corrected@1`), which is in
   *  `ledger.entries`; its `data.state` holds sha256, sm3, size, mediaType, fileName, createdBy. */
  ledgerSeq: number;
  /** For `disposed`: the sequence number of the `record.disposed@1` entry, also in the entries. */
  disposalSeq?: number;
}

export interface PackageLedgerEntry extends LedgerEntry {
  /** RFC 6962 inclusion proof of leaf `seq - 1` in the tree of `ledger.treeSize` leaves (base64). */
  proof: string[];
}

/** One line of the 卷内目录 as the cover and index page show it. */
export interface IndexItem {
  order: number;
  volume: Volume;
  title: string;
  documentNumber: string | null;
  /** YYYY-MM-DD */
  date: string;
  recordId: string;
  pages: number | null;
}

export interface CaseFileCover {
  /** 案卷题名: party + violation + 案 */
  caseName: string;
  caseNumber: string;
  decisionNumber: string | null;
  unitName: string;
  agencyName: string;
  filedOn: string;
  closedOn: string | null;
  /** `permanent` or a number of years, and its label (永久, 30年). */
  retention: string;
  retentionLabel: string;
  pageCount: number;
  /** closing year + 4-digit sequence, e.g. 2026-0007; null until archived. */
  archiveNumber: string | null;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  exportedAt: string;
  exportedBy: { id: string; name: string };
  purpose: string;
  /** Restricted records replaced by metadata and digests. */
  redacted: boolean;
  caseFile: {
    id: string;
    caseId: string;
    state: string;
    cover: CaseFileCover;
    index: IndexItem[];
  };
  files: PackageFile[];
  ledger: {
    treeSize: number;
    /** base64 */
    rootHash: string;
    entries: PackageLedgerEntry[];
  };
  /**
   * Sequence number of this export's own `caseFile.exported@1` entry (in `ledger.entries`). Its
   * data states the purpose, whether redacted, and `ledger`: how many entries about the case came
   * before it and the SHA-256 of their sequence numbers — so an entry left out of the package shows.
   */
  exportSeq: number;
  /** The signed checkpoint (C2SP signed note) for `ledger.treeSize` and `ledger.rootHash`. */
  checkpoint: string;
  /** The key that signed it, for information: verify against the key the agency publishes. */
  verifierKey: string;
}
