import { conflict, invalid } from '../domain/errors';
import { installationProblems, type InstallationInput } from '../domain/installation';
import { countAgencies, getAgency } from '../repositories/org-repository';
import { CLI, type Deps } from './deps';
import { createAgency, type AgencyView } from './org-service';
import { createUser, type AdminUserView } from './user-service';

export const agencyExists = () =>
  conflict(
    'AGENCY_EXISTS',
    '已存在执法主体，zhifa init 只用于新的空数据库 (an agency already exists; zhifa init only sets up an empty database)',
  );

/** Whether the database has no agency yet: the only state `initInstallation` accepts. */
export async function isEmptyInstallation(deps: Deps): Promise<boolean> {
  return (await getAgency(deps.db)) === undefined;
}

/**
 * A production installation's start (PLT-03): its agency and first administrator, in one
 * transaction with their ledger entries, on a database without an agency. The administrator's
 * password was typed by whoever installed it, so it must be changed at the first login.
 */
export async function initInstallation(
  deps: Deps,
  input: InstallationInput & { admin: { password: string } },
): Promise<{ agency: AgencyView; admin: AdminUserView }> {
  const [problem] = installationProblems(input);
  if (problem) throw invalid('INSTALLATION_INVALID', problem.message, problem.field);
  return deps.db.transaction().execute(async (trx) => {
    if (await getAgency(trx)) throw agencyExists();
    const agency = await createAgency(deps, CLI, input.agency, trx);
    // Its ledger entry took the ledger lock (PostgreSQL): an init that committed meanwhile shows here.
    if ((await countAgencies(trx)) !== 1) throw agencyExists();
    const admin = await createUser(
      deps,
      CLI,
      {
        username: input.admin.username,
        displayName: input.admin.displayName,
        password: input.admin.password,
        roles: ['admin'],
        mustChangePassword: true,
      },
      trx,
    );
    return { agency, admin };
  });
}
