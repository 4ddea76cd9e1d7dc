/**
 * The two-officer rule (REC-05; 行政处罚法 art. 42): an enforcement act on site needs at least two
 * distinct officers, each holding a certificate that stands valid on the day and covers the field
 * of the matter. Also the warning when the team carries no AV recorder.
 */
import { certificateStanding, type CertificateStanding, type CertificateState } from './certificate';
import type { IsoDate } from './dates';

export interface TeamMember {
  officerId: string;
  name: string;
  active: boolean;
  certificates: Array<{
    number: string;
    state: CertificateState;
    validFrom: IsoDate;
    validTo: IsoDate;
    domains: string[];
  }>;
}

export type TeamProblemReason = 'inactive' | 'noCertificate' | 'certificateNotValid' | 'domainNotCovered';

export interface TeamProblem {
  officerId: string;
  name: string;
  reason: TeamProblemReason;
  message: string;
}

export type FieldTeamCheck =
  | { ok: true; qualified: string[] }
  | { ok: false; qualified: string[]; problems: TeamProblem[]; message: string };

/** Officers needed on site. */
export const MIN_FIELD_OFFICERS = 2;

type Certificate = TeamMember['certificates'][number];

function standingPhrase(cert: Certificate, standing: CertificateStanding): string {
  switch (standing) {
    case 'expired':
      return `有效期至${cert.validTo}，已过期`;
    case 'notYetValid':
      return `自${cert.validFrom}起生效，尚未生效`;
    case 'suspended':
      return '已暂停';
    case 'revoked':
      return '已吊销';
    case 'valid':
      return '有效';
  }
}

/** The problem with one member, or null when the member qualifies. */
export function memberProblem(m: TeamMember, onDate: IsoDate, domain: string | null): TeamProblem | null {
  const problem = (reason: TeamProblemReason, message: string): TeamProblem => ({
    officerId: m.officerId,
    name: m.name,
    reason,
    message,
  });
  if (!m.active) return problem('inactive', `${m.name}已停用，不能参加执法`);
  if (m.certificates.length === 0) return problem('noCertificate', `${m.name}未持有执法证件`);
  const covers = (c: Certificate) => domain === null || c.domains.includes(domain);
  const valid = m.certificates.filter((c) => certificateStanding(c, onDate) === 'valid');
  if (valid.some(covers)) return null;
  if (valid.length > 0) {
    const numbers = valid.map((c) => c.number).join('、');
    return problem('domainNotCovered', `${m.name}的执法证件（${numbers}）执法领域不含“${domain ?? ''}”`);
  }
  // No certificate stands valid: name the most relevant one (covering the field, latest end date).
  const [cert] = [...m.certificates].sort(
    (a, b) => Number(covers(b)) - Number(covers(a)) || b.validTo.localeCompare(a.validTo),
  );
  if (!cert) return problem('noCertificate', `${m.name}未持有执法证件`);
  const standing = certificateStanding(cert, onDate);
  return problem(
    'certificateNotValid',
    `${m.name}的执法证件（${cert.number}）${standingPhrase(cert, standing)}`,
  );
}

/**
 * REC-05: at least two distinct officers qualified on `onDate` for `domain` (null: any field).
 * A member listed twice counts once. `qualified` lists officer ids in the order given.
 */
export function checkFieldTeam(
  members: readonly TeamMember[],
  onDate: IsoDate,
  domain: string | null,
): FieldTeamCheck {
  const seen = new Set<string>();
  const qualified: string[] = [];
  const problems: TeamProblem[] = [];
  for (const m of members) {
    if (seen.has(m.officerId)) continue;
    seen.add(m.officerId);
    const p = memberProblem(m, onDate, domain);
    if (p) problems.push(p);
    else qualified.push(m.officerId);
  }
  if (qualified.length >= MIN_FIELD_OFFICERS) return { ok: true, qualified };
  const field = domain === null ? '' : `（执法领域：${domain}）`;
  return {
    ok: false,
    qualified,
    problems,
    message: `现场执法须至少两名持有效执法证件${field}的执法人员；合格 ${qualified.length} 名`,
  };
}

/**
 * PLT-07: every officer assigned to a case holds a certificate valid on the filing date that covers
 * the power item's field. The problems, one per officer who does not qualify; empty when all do.
 */
export function caseTeamProblems(
  members: readonly TeamMember[],
  onDate: IsoDate,
  domain: string | null,
): TeamProblem[] {
  return members.map((m) => memberProblem(m, onDate, domain)).filter((p): p is TeamProblem => p !== null);
}

/**
 * REC-05: every two-officer team carries a recorder. A warning when no member of the team holds
 * one now; null when at least one does.
 */
export function recorderWarning(
  teamOfficerIds: readonly string[],
  checkedOutTo: readonly string[],
): string | null {
  const holders = new Set(checkedOutTo);
  if (teamOfficerIds.some((id) => holders.has(id))) return null;
  return '本执法小组无人领用执法记录仪：现场执法应配备执法记录仪进行音像记录，请先办理领用登记';
}
