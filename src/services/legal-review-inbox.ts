/**
 * What waits for people in legal review (issue 13): the leaders' inbox — objections escalated for
 * the final decision (REV-07), extension requests (REV-05), case-review meetings to hold (REV-06),
 * overdue reviews — and the reviewer's assigned reviews with their running deadlines. Leaders act
 * on every case (case.read: any); a reviewer sees the reviews assigned to them.
 */
import { shanghaiDate } from '../domain/dates';
import type { LegalReviewInbox, LegalReviewSummary } from '../http/routes/legal-review.schema';
import * as repo from '../repositories/legal-review-repository';
import { loadCalendar } from './calendar-service';
import type { Deps } from './deps';
import type { ExtensionJson } from './legal-review-service';
import { extensionView, reviewSummaries } from './legal-review-view';

export async function leaderInbox(deps: Deps, limit: number): Promise<LegalReviewInbox> {
  const ex = deps.db;
  const today = shanghaiDate(deps.clock.now());
  const { calendar } = await loadCalendar(deps);
  const summaries = (rows: repo.LegalReviewRow[]) => reviewSummaries(ex, rows, today, calendar);
  const escalated = await repo.reviewsInState(ex, { states: ['escalated'] });
  const asked = (
    await repo.reviewsInState(ex, { states: ['submitted', 'assigned'], extensionAsked: true })
  ).filter((r) => (JSON.parse(r.extension!) as ExtensionJson).state === 'pending');
  const meetings = await repo.meetingsToHold(ex);
  const overdue = await repo.overdueReviews(ex, today);
  const extensionItems = [];
  for (const r of asked.slice(0, limit)) {
    const [review] = await summaries([r]);
    extensionItems.push({ review: review!, extension: (await extensionView(ex, r))! });
  }
  return {
    today,
    escalations: { count: escalated.length, items: await summaries(escalated.slice(0, limit)) },
    extensionRequests: { count: asked.length, items: extensionItems },
    meetingsToHold: {
      count: meetings.length,
      items: meetings.slice(0, limit).map((m) => ({
        caseId: m.case_id,
        caseNumber: m.case_number,
        caseTitle: m.case_title,
        reviewId: m.review_id,
      })),
    },
    overdueReviews: { count: overdue.length, items: await summaries(overdue.slice(0, limit)) },
  };
}

/** The reviews assigned to a reviewer that wait for them (the opinion, or the reply), due first. */
export async function assignedReviews(
  deps: Deps,
  userId: string,
  limit: number,
): Promise<{ count: number; items: LegalReviewSummary[] }> {
  const today = shanghaiDate(deps.clock.now());
  const { calendar } = await loadCalendar(deps);
  const rows = await repo.reviewsAssignedTo(deps.db, userId);
  const items = await reviewSummaries(deps.db, rows, today, calendar);
  items.sort((a, b) =>
    (a.currentDeadline?.due ?? a.due.due).localeCompare(b.currentDeadline?.due ?? b.due.due),
  );
  return { count: items.length, items: items.slice(0, limit) };
}
