import { invalid } from '../domain/errors';
import type { TeamMember } from '../domain/field-team';
import { certificatesOf, getOfficer } from '../repositories/org-repository';
import type { Executor } from '../storage/database';

/** Officers with their certificates, as the field-team and case-team rules read them. */
export async function teamOf(ex: Executor, officerIds: string[]): Promise<TeamMember[]> {
  const certs = await certificatesOf(ex, officerIds);
  const members: TeamMember[] = [];
  for (const id of officerIds) {
    const o = await getOfficer(ex, id);
    if (!o) throw invalid('OFFICER_NOT_FOUND', `执法人员不存在：${id}`, 'officerIds');
    members.push({
      officerId: o.id,
      name: o.name,
      active: o.active === 1,
      certificates: certs
        .filter((c) => c.officer_id === id)
        .map((c) => ({
          number: c.number,
          state: c.state as 'valid' | 'suspended' | 'revoked',
          validFrom: c.valid_from,
          validTo: c.valid_to,
          domains: JSON.parse(c.domains) as string[],
        })),
    });
  }
  return members;
}
