/**
 * Ledger entries as people read them (PLT-04, PLT-06): the action's Chinese label, who acted by
 * name, what the entry is about by name or number, the case by number and title, and the data as
 * Chinese label/value pairs (`domain/ledger-details.ts`). The caller masks restricted records
 * first (`record-presenter.maskEntries`); a record named here is named as this viewer may see it.
 */
import { STEP_KIND_LABELS, type StepKind } from '../domain/case-types';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';
import { ledgerDetails, ledgerRefIds, type LedgerDetail } from '../domain/ledger-details';
import { ledgerEntryLabel, ledgerSubjectLabel, type LedgerRefKind } from '../domain/ledger-labels';
import { chineseDateTime } from '../domain/shanghai-time';
import * as names from '../repositories/name-repository';
import type { Executor } from '../storage/database';
import { maskedFileName, protectionOf, visibleRecords, type RecordViewer } from './record-presenter';

export interface PresentableEntry {
  actor: { type: string; id: string };
  action: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

export interface LedgerPresentation {
  actionLabel: string;
  actorName: string;
  subjectLabel: string;
  subjectName: string | null;
  case: { id: string; number: string; title: string } | null;
  details: LedgerDetail[];
}

const SYSTEM_ACTORS: Record<string, string> = {
  system: '系统',
  cli: '系统（命令行）',
  'retention-job': '系统（到期处置）',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Subject types whose id names a row of this kind, for the subject's name. */
const SUBJECT_REFS: Partial<Record<string, LedgerRefKind>> = {
  user: 'user',
  officer: 'officer',
  unit: 'unit',
  certificate: 'certificate',
  recorder: 'recorder',
  powerItem: 'powerItem',
  party: 'party',
  step: 'step',
  record: 'record',
  document: 'document',
  case: 'case',
};

export async function presentEntries<E extends PresentableEntry>(
  ex: Executor,
  viewer: RecordViewer,
  entries: readonly E[],
): Promise<Array<E & LedgerPresentation>> {
  const ids = new Map<LedgerRefKind, Set<string>>();
  const want = (kind: LedgerRefKind, id: string | undefined) => {
    if (!id) return;
    let set = ids.get(kind);
    if (!set) ids.set(kind, (set = new Set()));
    set.add(id);
  };
  const caseFileIds: string[] = [];
  const holdIds: string[] = [];
  const disposalIds: string[] = [];
  for (const e of entries) {
    ledgerRefIds(e, ids);
    if (e.actor.type === 'user') want('user', e.actor.id);
    const kind = SUBJECT_REFS[e.subject.type];
    if (kind) want(kind, e.subject.id);
    want('case', str(e.data.caseId));
    want('record', str(e.data.recordId));
    if (e.subject.type === 'caseFile') caseFileIds.push(e.subject.id);
    if (e.subject.type === 'legalHold') holdIds.push(e.subject.id);
    if (e.subject.type === 'disposal') disposalIds.push(e.subject.id);
  }
  const list = (k: LedgerRefKind) => [...(ids.get(k) ?? [])];

  // What leads to a case: case files, holds and disposals (through their record), steps,
  // documents and records.
  const caseOfFile = new Map((await names.caseFileCases(ex, caseFileIds)).map((r) => [r.id, r.case_id]));
  const holds = new Map((await names.legalHoldTargets(ex, holdIds)).map((r) => [r.id, r]));
  const disposals = new Map((await names.disposalRecords(ex, disposalIds)).map((r) => [r.id, r.record_id]));
  for (const h of holds.values()) {
    want('case', h.case_id ?? undefined);
    want('record', h.record_id ?? undefined);
  }
  for (const r of disposals.values()) want('record', r);
  for (const c of caseOfFile.values()) want('case', c);

  const steps = new Map((await names.stepNames(ex, list('step'))).map((s) => [s.id, s]));
  const documents = new Map((await names.documentNames(ex, list('document'))).map((d) => [d.id, d]));
  const recordRows = await names.recordNames(ex, list('record'));
  const records = new Map(recordRows.map((r) => [r.id, r]));
  for (const s of steps.values()) want('case', s.case_id);
  for (const d of documents.values()) want('case', d.case_id);
  for (const r of recordRows) want('case', r.case_id ?? undefined);
  const visible = await visibleRecords(ex, viewer, recordRows);

  const cases = new Map((await names.caseNames(ex, list('case'))).map((c) => [c.id, c]));
  const plain = async (rows: Promise<Array<{ id: string; name: string }>>) =>
    new Map((await rows).map((r) => [r.id, r.name]));
  const simple: Partial<Record<LedgerRefKind, Map<string, string>>> = {
    user: await plain(names.userNames(ex, list('user'))),
    officer: await plain(names.officerNames(ex, list('officer'))),
    unit: await plain(names.unitNames(ex, list('unit'))),
    party: await plain(names.partyNames(ex, list('party'))),
    powerItem: await plain(names.powerItemNames(ex, list('powerItem'))),
    recorder: new Map((await names.recorderNumbers(ex, list('recorder'))).map((r) => [r.id, r.number])),
    certificate: new Map(
      (await names.certificateNumbers(ex, list('certificate'))).map((r) => [r.id, r.number]),
    ),
  };

  const refs = {
    name(kind: LedgerRefKind, id: string): string | undefined {
      switch (kind) {
        case 'case': {
          const c = cases.get(id);
          return c && `${c.number} ${c.title}`;
        }
        case 'step': {
          const s = steps.get(id);
          return (
            s && `${STEP_KIND_LABELS[s.kind as StepKind] ?? '执法环节'}（${chineseDateTime(s.occurred_at)}）`
          );
        }
        case 'document': {
          const d = documents.get(id);
          if (!d) return undefined;
          const label = DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? '执法文书';
          return d.number ? `${label} ${d.number}` : d.state === 'draft' ? `${label}（草稿）` : label;
        }
        case 'record': {
          const r = records.get(id);
          if (!r) return undefined;
          const name = visible.has(r.id) ? r.file_name : maskedFileName(protectionOf(r));
          return r.version !== null && r.version > 1 ? `${name}（第 ${r.version} 版）` : name;
        }
        case 'certificate':
        case 'officer':
        case 'party':
        case 'powerItem':
        case 'recorder':
        case 'unit':
        case 'user':
          return simple[kind]?.get(id);
      }
    },
  };

  const caseIdOf = (e: PresentableEntry): string | undefined => {
    if (e.subject.type === 'case') return e.subject.id;
    const direct = str(e.data.caseId);
    if (direct) return direct;
    const viaRecord = (id: string | null | undefined) =>
      id ? (records.get(id)?.case_id ?? undefined) : undefined;
    switch (e.subject.type) {
      case 'caseFile':
        return caseOfFile.get(e.subject.id);
      case 'step':
        return steps.get(e.subject.id)?.case_id;
      case 'document':
        return documents.get(e.subject.id)?.case_id;
      case 'record':
        return viaRecord(e.subject.id);
      case 'legalHold': {
        const h = holds.get(e.subject.id);
        return h?.case_id ?? viaRecord(h?.record_id);
      }
      case 'disposal':
        return viaRecord(disposals.get(e.subject.id));
    }
    return viaRecord(str(e.data.recordId));
  };

  const actorName = (a: PresentableEntry['actor']): string => {
    if (a.type === 'user') return simple.user?.get(a.id) ?? '用户';
    if (a.type === 'system') return SYSTEM_ACTORS[a.id] ?? '系统';
    return '未登录的访问者';
  };

  const subjectName = (e: PresentableEntry): string | null => {
    if (e.subject.type === 'case') return null; // the entry's case says it
    const kind = SUBJECT_REFS[e.subject.type];
    if (kind) return refs.name(kind, e.subject.id) ?? null;
    if (e.subject.type === 'calendarSchedule' && typeof e.data.year === 'number') return `${e.data.year}年`;
    const rid = e.subject.type === 'disposal' ? disposals.get(e.subject.id) : str(e.data.recordId);
    if (rid && ['retrieval', 'disposal', 'legalHold', 'flag'].includes(e.subject.type))
      return refs.name('record', rid) ?? null;
    return null;
  };

  return entries.map((e) => {
    const caseId = caseIdOf(e);
    const c = caseId ? cases.get(caseId) : undefined;
    return {
      ...e,
      actionLabel: ledgerEntryLabel(e.action, e.data),
      actorName: actorName(e.actor),
      subjectLabel: ledgerSubjectLabel(e.subject.type),
      subjectName: subjectName(e),
      case: c ? { id: c.id, number: c.number, title: c.title } : null,
      details: ledgerDetails(e, refs, { omitCaseId: c?.id ?? null }),
    };
  });
}
