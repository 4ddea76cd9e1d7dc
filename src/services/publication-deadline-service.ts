import type { ActType } from '../domain/case-types';
import { isIsoDate } from '../domain/dates';
import { invalid } from '../domain/errors';
import {
  publicationDue,
  type PublicationDue,
  type PublicationDueKind,
} from '../domain/publication-deadlines';
import { loadCalendar } from './calendar-service';
import type { Deps } from './deps';

/** The publication (or withdrawal) deadline of a decision, for integrations (PUB-10). */
export async function publicationDeadline(
  deps: Deps,
  q: { kind: PublicationDueKind; actType: ActType; from: string },
): Promise<PublicationDue> {
  if (!isIsoDate(q.from))
    throw invalid('DATE_INVALID', `日期应为 YYYY-MM-DD 格式的真实日期：${q.from}`, 'from');
  if (q.from < '2000-01-01' || q.from > '2100-12-31')
    throw invalid('PUBLICATION_DATE_RANGE', '起算日期应在 2000-01-01 至 2100-12-31 之间', 'from');
  const { calendar } = await loadCalendar(deps);
  return publicationDue(calendar, q.kind, q.actType, q.from);
}
