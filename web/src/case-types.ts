/**
 * The workbench's own shapes around the case API: form state, not server answers. What the server
 * sends and accepts is typed by its schemas (`src/http/routes/*.schema.ts`), imported as types.
 */
import type { ActType } from '../../src/domain/case-types';
import type { StepRecordBody } from '../../src/http/routes/records.schema';

/** The case list's filter form (null: not filtered); sent as the body of `POST /api/cases/search`. */
export interface CaseFilterForm {
  actType?: ActType | null;
  state?: string | null;
  unitId?: string | null;
  officerId?: string | null;
  partyName?: string | null;
  filedFrom?: string | null;
  filedTo?: string | null;
  overdue?: boolean;
}

/** What a step's record is, kept with its upload until the upload finishes. */
export type StepRecordMeta = Omit<StepRecordBody, 'uploadId' | 'fileName' | 'sha256'>;
