/**
 * Runs a penalty case through the procedure the law implies (issue 12), over the real routes:
 * the leader's approvals, evidence before 调查终结, the 事先告知书 issued before 告知, the decision
 * approved and its document issued before 送达, the payment recorded before 执行. Tests that are not
 * about the procedure use `runTo` to reach the state they need the way an office would.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { httpClient, ok, tusUpload, type Session } from './app';

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
  proceeding: {
    approvals: Array<{ id: string; kind: string; state: string }>;
    documentKinds: Array<{ kind: string }>;
  };
};

export type RunState =
  'investigating' | 'investigationEnded' | 'noticed' | 'decided' | 'served' | 'executed' | 'closed';

export function proceedings(
  app: () => FastifyInstance,
  who: { officer: () => Session; leader: () => Session; officerIds: () => string[] },
) {
  const http = httpClient(app);
  const officer = http.as(who.officer);
  const leader = http.as(who.leader);
  const view = (caseId: string) => ok<View>(officer.get(`/api/cases/${caseId}`));
  const act = (caseId: string, body: Record<string, unknown>) =>
    ok<View>(officer.post(`/api/cases/${caseId}/transitions`, body));

  /** An inquiry step with a scanned record: evidence for 调查终结. */
  async function evidence(caseId: string): Promise<string> {
    // 09:30 on the filing day: never before the filing, never in the future (clocks start at 10:00 or later).
    const { filedOn } = await ok<{ filedOn: string }>(officer.get(`/api/cases/${caseId}`));
    const step = await ok<{ id: string }>(
      officer.post(`/api/cases/${caseId}/steps`, {
        kind: 'inquiry',
        occurredAt: `${filedOn}T09:30:00+08:00`,
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

  return { view, act, evidence, approve, issue, runTo, pay };
}
