/**
 * Runs a penalty case through the procedure the law implies (issue 12), over the real routes:
 * the leader's approvals, evidence before 调查终结, the 事先告知书 issued before 告知, the decision
 * approved and its document issued before 送达, the payment recorded before 执行. Tests that are not
 * about the procedure use `runTo` to reach the state they need the way an office would.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { checklistFor } from '../src/domain/legal-review';
import { httpClient, login, officerSession, ok, tusUpload, type Session } from './app';

/** A small PDF (its leading bytes are what the upload check reads). */
export const EVIDENCE_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from('1 0 obj << /Type /Catalog >> endobj\n证据材料\n%%EOF\n'),
]);

export interface Sanction {
  kinds: string[];
  fine: number;
  confiscated: number;
}
export const DEFAULT_SANCTION: Sanction = { kinds: ['warning', 'fine'], fine: 2_000_000, confiscated: 0 };

type View = {
  id: string;
  state: string;
  major: boolean;
  legalReview: {
    stages: Array<{ stage: string; actions: string[]; state: string }>;
    meetingRequired: boolean;
    meeting: unknown;
  };
  proceeding: {
    approvals: Array<{ id: string; kind: string; state: string }>;
    documentKinds: Array<{ kind: string }>;
  };
};

export type RunState =
  'investigating' | 'investigationEnded' | 'noticed' | 'decided' | 'served' | 'executed' | 'closed';

export function proceedings(
  app: () => FastifyInstance,
  who: {
    officer: () => Session;
    leader: () => Session;
    officerIds: () => string[];
    /** A reviewer of the legal-review unit who holds the 法律职业资格, for `reviewAgrees`. */
    reviewer?: () => Session;
    /** The leaders (user ids, a quorum) who attend a major case's case-review meeting. */
    meetingLeaderIds?: () => string[];
  },
) {
  const http = httpClient(app);
  const officer = http.as(who.officer);
  const leader = http.as(who.leader);
  const view = (caseId: string) => ok<View>(officer.get(`/api/cases/${caseId}`));
  /**
   * A transition; on a case that needs legal review (a major case, or one with a hearing) the
   * review of the action's stage agrees first, and a major case's decision waits for the
   * case-review meeting (REV-04, REV-06) — when the helper was given a reviewer.
   */
  const act = async (caseId: string, body: Record<string, unknown>) => {
    if (who.reviewer) {
      const v = await view(caseId);
      const stage = v.legalReview.stages.find(
        (s) => s.actions.includes(body.action as string) && ['required', 'returned'].includes(s.state),
      );
      if (stage) await reviewAgrees(caseId, stage.stage);
      if (body.action === 'decide' && v.legalReview.meetingRequired && !v.legalReview.meeting)
        await meeting(caseId);
    }
    return ok<View>(officer.post(`/api/cases/${caseId}/transitions`, body));
  };

  /** The case-review meeting of a major case (REV-06), with the quorum of leaders (dated its filing day). */
  async function meeting(caseId: string): Promise<void> {
    const { filedOn } = await ok<{ filedOn: string }>(officer.get(`/api/cases/${caseId}`));
    await ok(
      leader.post(`/api/cases/${caseId}/review-meetings`, {
        heldOn: filedOn,
        attendees: (who.meetingLeaderIds?.() ?? []).map((userId) => ({ userId, view: '同意' })),
        discussion: '讨论了案件事实、证据和处理意见',
        conclusion: '同意按拟定意见作出决定',
      }),
    );
  }

  /** An inquiry step with a scanned record: evidence for 调查终结. */
  async function evidence(caseId: string): Promise<string> {
    // 09:30 on the filing day, or a minute ago when that is still to come (a browser journey runs on
    // the real clock, and in the small hours of Beijing time): never before the filing, never ahead.
    const { filedOn } = await ok<{ filedOn: string }>(officer.get(`/api/cases/${caseId}`));
    const at = Math.max(
      Date.parse(`${filedOn}T00:00:00+08:00`),
      Math.min(Date.parse(`${filedOn}T09:30:00+08:00`), Date.now() - 60_000),
    );
    const step = await ok<{ id: string }>(
      officer.post(`/api/cases/${caseId}/steps`, {
        kind: 'inquiry',
        occurredAt: new Date(at).toISOString(),
        place: '青浦区国防动员办公室',
        notes: '询问当事人',
        officerIds: who.officerIds(),
        inField: false,
      }),
      201,
    );
    const uploadId = await tusUpload(app(), who.officer(), EVIDENCE_PDF, '询问笔录.pdf', 'application/pdf');
    const r = await ok<{ id: string }>(
      officer.post(`/api/steps/${step.id}/records`, { uploadId, kind: 'scan', protection: 'internal' }),
      201,
    );
    return r.id;
  }

  /** The officer asks for an approval and the leader approves it. */
  async function approve(caseId: string, kind: string, proposal?: Record<string, unknown>): Promise<View> {
    const asked = await ok<View>(
      officer.post(`/api/cases/${caseId}/approvals`, { kind, ...(proposal && { proposal }) }),
    );
    const pending = asked.proceeding.approvals.filter((a) => a.kind === kind && a.state === 'pending').at(-1);
    expect(pending, `${kind} approval pending`).toBeDefined();
    return ok<View>(
      leader.post(`/api/approvals/${pending!.id}/decision`, { verdict: 'approve', opinion: '同意' }),
    );
  }

  /**
   * Legal review (issue 13): the officer submits `stage` of a penalty case with a record, the
   * reviewer takes it and agrees, every checklist item 符合.
   */
  async function reviewAgrees(caseId: string, stage: string): Promise<void> {
    const reviewer = http.as(who.reviewer!);
    const recordId = await evidence(caseId);
    const v = await ok<{ legalReview: { stages: Array<{ stage: string; reviewId: string | null }> } }>(
      officer.post(`/api/cases/${caseId}/legal-reviews`, {
        stage,
        recordIds: [recordId],
        documentIds: [],
        statement: '案件材料已齐备，提请审核',
      }),
    );
    const id = v.legalReview.stages.find((s) => s.stage === stage)!.reviewId!;
    await ok(reviewer.post(`/api/legal-reviews/${id}/assignment`, {}));
    await ok(
      reviewer.post(`/api/legal-reviews/${id}/opinion`, {
        kind: 'agree',
        reasons: '',
        checklist: checklistFor('penalty').map((item) => ({ item, answer: 'conform', note: '' })),
        participants: {},
      }),
    );
  }

  /** Drafts a document and issues it. */
  async function issue(
    caseId: string,
    kind: string,
    facts?: string,
  ): Promise<{ id: string; number: string | null }> {
    const d = await ok<{ id: string }>(
      officer.post(`/api/cases/${caseId}/documents`, { kind, ...(facts && { facts }) }),
      201,
    );
    return ok<{ id: string; number: string | null }>(officer.post(`/api/documents/${d.id}/finalise`));
  }

  /**
   * Takes an ordinary-procedure penalty case from wherever it stands to `to`, by the procedure:
   * a penalty with `sanction` (default a warning and ¥20,000), or no penalty when `outcome` says so.
   */
  async function runTo(
    caseId: string,
    to: RunState,
    o: { sanction?: Sanction; outcome?: 'penalty' | 'noPenalty' } = {},
  ): Promise<View> {
    const sanction = o.sanction ?? DEFAULT_SANCTION;
    const outcome = o.outcome ?? 'penalty';
    let v = await view(caseId);
    const order: string[] = [
      'filed',
      'investigating',
      'investigationEnded',
      'noticed',
      'decided',
      'served',
      'executed',
      'closed',
    ];
    const reached = () =>
      order.indexOf(v.state) >=
      order.indexOf(to === 'noticed' && outcome !== 'penalty' ? 'investigationEnded' : to);
    if (v.state === 'filed') {
      if (!v.proceeding.approvals.some((a) => a.kind === 'filing' && a.state === 'approved'))
        await approve(caseId, 'filing');
      v = await act(caseId, { action: 'startInvestigation' });
    }
    if (reached()) return v;
    if (v.state === 'investigating') {
      await evidence(caseId);
      v = await act(caseId, { action: 'endInvestigation' });
    }
    if (reached()) return v;
    if (v.state === 'investigationEnded' && outcome === 'penalty') {
      await ok(officer.post(`/api/cases/${caseId}/penalty-proposal`, { sanction }));
      await issue(caseId, 'penaltyNotice');
      v = await act(caseId, { action: 'notice' });
    }
    if (reached()) return v;
    if (v.state === 'investigationEnded' || v.state === 'noticed') {
      await approve(caseId, 'decision', {
        outcome,
        ...(outcome === 'penalty' && { sanction }),
        reasons: '事实清楚，证据确凿，依法作出决定',
      });
      v = await act(caseId, { action: 'decide', partyWaived: true });
    }
    if (reached()) return v;
    if (v.state === 'decided') {
      await issue(caseId, outcome === 'penalty' ? 'penaltyDecision' : 'noPenaltyDecision');
      v = await act(caseId, { action: 'serve' });
    }
    if (reached()) return v;
    if (v.state === 'served' && outcome === 'penalty') {
      await pay(caseId, sanction.fine);
      v = await act(caseId, { action: 'execute' });
    }
    if (reached()) return v;
    await approve(caseId, 'closing');
    return act(caseId, { action: 'close' });
  }

  /** The fine paid today with a receipt (or, with no fine, the correction with a record). */
  async function pay(caseId: string, amount: number): Promise<View> {
    return amount > 0
      ? ok<View>(
          officer.post(`/api/cases/${caseId}/performance`, {
            kind: 'finePaid',
            amount,
            paidOn: await todayOf(caseId),
            receiptNumber: 'No.2026-0001',
          }),
        )
      : ok<View>(
          officer.post(`/api/cases/${caseId}/performance`, {
            kind: 'corrected',
            correctedOn: await todayOf(caseId),
            recordId: await evidence(caseId),
          }),
        );
  }

  /** A payment date the server accepts: the day the decision was served. */
  async function todayOf(caseId: string): Promise<string> {
    const v = await ok<{ dates: { servedOn?: string; decidedOn?: string } }>(
      officer.get(`/api/cases/${caseId}`),
    );
    return v.dates.servedOn ?? v.dates.decidedOn!;
  }

  return { view, act, evidence, approve, reviewAgrees, meeting, issue, runTo, pay };
}

/**
 * What a test needs for major cases (REV-04, REV-06): the demo reviewer holding the 法律职业资格,
 * and a second leader so that a case-review meeting has its quorum. Pass `reviewer` and
 * `meetingLeaderIds` to `proceedings`.
 */
export async function legalReviewers(
  app: FastifyInstance,
  admin: Session,
  leaderUsername = 'leader',
): Promise<{ reviewer: Session; leaderIds: string[] }> {
  const http = httpClient(app).as(() => admin);
  const users = await ok<{ items: Array<{ id: string; username: string }> }>(http.get('/api/users'));
  const id = (name: string) => users.items.find((u) => u.username === name)!.id;
  await ok(
    http.put(`/api/users/${id('reviewer')}/legal-qualification`, {
      qualified: true,
      certificateNumber: 'A2019',
    }),
  );
  const second = users.items.find((u) => u.username === 'leader-meeting');
  if (!second) await officerSession(app, admin, null, 'leader-meeting', ['leader']);
  const again = await ok<{ items: Array<{ id: string; username: string }> }>(http.get('/api/users'));
  const leaderIds = [leaderUsername, 'leader-meeting'].map(
    (n) => again.items.find((u) => u.username === n)!.id,
  );
  return { reviewer: await login(app, 'reviewer'), leaderIds };
}

/**
 * Raises this office's major-decision thresholds (REV-01 settings) above a test's fines, for tests
 * about the hearing or documents rather than legal review: the hearing is still offered by art. 63,
 * but the case is not classified major (a major case's every step needs AV or a written reason).
 */
export async function raiseMajorThresholds(app: FastifyInstance, admin: Session): Promise<void> {
  const http = httpClient(app).as(() => admin);
  const s = await ok<{ thresholds: Record<string, number> }>(http.get('/api/settings/major-decisions'));
  await ok(
    http.put('/api/settings/major-decisions', {
      ...s,
      thresholds: { person: 10_000_000, organisation: 10_000_000, confiscation: 10_000_000 },
    }),
  );
}
