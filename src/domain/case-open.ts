import { isClosed, lifecycleOf, STATE_LABELS, type CaseState } from './case-machine';
import type { ActType, Procedure } from './case-types';
import { conflict } from './errors';

/** The columns of a case row these checks read. */
export interface CaseOpenFacts {
  act_type: string;
  procedure: string;
  state: string;
  number: string;
  file_state?: string | null;
}

/** Refuses acts on a case that no longer takes them: closed (by its lifecycle) or archived. */
export function assertOpen(r: CaseOpenFacts): void {
  assertNotArchived(r);
  const lifecycle = lifecycleOf(r.act_type as ActType, r.procedure as Procedure)!;
  if (isClosed(lifecycle, r.state as CaseState))
    throw conflict(
      'CASE_CLOSED',
      `案件 ${r.number} 已${STATE_LABELS[r.state as CaseState]}，不能再记录执法环节或资料`,
    );
}

/** Once its case file is archived, a case and everything in it is read-only (REC-08). */
export function assertNotArchived(r: { number: string; file_state?: string | null }): void {
  if (r.file_state === 'archived')
    throw conflict('CASE_ARCHIVED', `案件 ${r.number} 已归档，案卷只读，不能再修改或增加内容`);
}
