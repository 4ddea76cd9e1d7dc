import type { Role } from '../domain/policy';
import { getAgency } from '../repositories/org-repository';
import { SEED_POWER_ITEMS } from '../domain/penalty-rules';
import * as powerItemRepo from '../repositories/power-item-repository';
import * as recorderRepo from '../repositories/recorder-repository';
import { CLI, newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import {
  changeCertificateState,
  createAgency,
  createCertificate,
  createOfficer,
  createUnit,
} from './org-service';
import { createUser } from './user-service';
import { seedTemplates } from './document-service';
import { savePaymentBankIn } from './settings-service';

/** The demo office's account for fines (a plausible one: the district finance bureau's). */
const DEMO_PAYMENT_BANK = {
  bankName: '中国农业银行上海青浦支行',
  accountName: '上海市青浦区财政局',
  accountNumber: '03850100040012345',
};

export const DEMO_PASSWORD = 'zhifa-demo-2026';

export const DEMO_USERS: Array<{ username: string; displayName: string; roles: Role[]; officer?: number }> = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'officer1', displayName: '王建国', roles: ['officer'], officer: 0 },
  { username: 'reviewer', displayName: '陈雅婷', roles: ['reviewer'], officer: 6 },
  { username: 'keeper', displayName: '周立华', roles: ['recordsKeeper'] },
  { username: 'leader', displayName: '孙志强', roles: ['leader'] },
  { username: 'supervisor', displayName: '吴敏', roles: ['supervisor'] },
];

const DOMAINS = ['民防工程建设', '人防工程使用管理', '民防工程监理'];

/** Demo officers of 青浦区国防动员办公室: [name, unit, post, certificate validity, state]. */
const OFFICERS: Array<[string, string, string, [string, string], 'valid' | 'suspended']> = [
  ['王建国', '执法科', '执法科科长', ['2024-01-01', '2029-12-31'], 'valid'],
  ['李明', '执法科', '一级主任科员', ['2024-01-01', '2029-12-31'], 'valid'],
  ['张伟', '执法科', '二级主任科员', ['2023-07-01', '2028-06-30'], 'valid'],
  ['刘洋', '执法科', '科员', ['2021-01-01', '2025-12-31'], 'valid'], // expired
  ['赵磊', '执法科', '科员', ['2024-03-01', '2029-02-28'], 'suspended'],
  ['黄静', '综合科', '综合科科长', ['2024-01-01', '2029-12-31'], 'valid'],
  ['陈雅婷', '工程指挥科', '法制审核员', ['2024-01-01', '2029-12-31'], 'valid'],
  ['杨帆', '工程指挥科', '工程指挥科科长', ['2025-01-01', '2030-12-31'], 'valid'],
  ['徐晓燕', '执法科', '科员', ['2026-01-01', '2030-12-31'], 'valid'],
];

export function demoCertificateNumber(i: number): string {
  return `3101180${String(i + 1).padStart(4, '0')}`;
}

/** Creates the demo office in one transaction. Refuses when an agency exists already. */
export async function seedDemo(deps: Deps): Promise<{ created: boolean }> {
  if (await getAgency(deps.db)) return { created: false };
  const actor = CLI;
  await deps.db.transaction().execute(async (trx) => {
    await createAgency(
      deps,
      actor,
      {
        name: '上海市青浦区国防动员办公室',
        shortName: '青国动',
        address: '上海市青浦区公园路100号',
        phone: '021-59720000',
      },
      trx,
    );
    const units = new Map<string, string>();
    for (const [name, legal] of [
      ['综合科', false],
      ['工程指挥科', true],
      ['执法科', false],
    ] as const) {
      units.set(name, (await createUnit(deps, actor, { name, isLegalReview: legal }, trx)).id);
    }
    const officerIds: string[] = [];
    for (const [i, [name, unit, post, [from, to], state]] of OFFICERS.entries()) {
      const { id } = await createOfficer(
        deps,
        actor,
        { name, unitId: units.get(unit)!, post, duties: `负责${unit}相关行政执法工作` },
        trx,
      );
      officerIds.push(id);
      const cert = await createCertificate(
        deps,
        actor,
        id,
        {
          number: demoCertificateNumber(i),
          domains: DOMAINS.slice(0, 2 + (i % 2)),
          validFrom: from,
          validTo: to,
        },
        trx,
      );
      if (state === 'suspended')
        await changeCertificateState(deps, actor, cert.id, 'suspend', '接受调查期间暂停执法资格', trx);
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const created = await createUser(
        deps,
        actor,
        {
          username: u.username,
          displayName: u.displayName,
          password: DEMO_PASSWORD,
          roles: u.roles,
          officerId: u.officer === undefined ? null : officerIds[u.officer]!,
        },
        trx,
      );
      userIds.set(u.username, created.id);
    }
    await seedCaseData(deps, trx, {
      unitId: units.get('执法科')!,
      officerIds,
      keeperUserId: userIds.get('keeper')!,
    });
    // Version 1 of every standard document's template (REC-02), as the administrator's.
    await seedTemplates(trx, deps, { type: 'user', id: userIds.get('admin')! });
    // The account fines are paid into, as the 决定书 names it.
    await savePaymentBankIn(trx, deps, { type: 'user', id: userIds.get('admin')! }, DEMO_PAYMENT_BANK);
  });
  return { created: true };
}

/**
 * This office's power items with their discretion benchmarks (DOMAIN.md), and its body-worn
 * recorders, two of them checked out to the first two officers of 执法科.
 */
async function seedCaseData(
  deps: Deps,
  trx: Tx,
  o: { unitId: string; officerIds: string[]; keeperUserId: string },
): Promise<void> {
  const agency = (await getAgency(trx))!;
  const at = deps.clock.now().toISOString();
  for (const item of SEED_POWER_ITEMS) {
    const id = newId(deps.clock);
    await powerItemRepo.insertPowerItem(trx, {
      id,
      agency_id: agency.id,
      code: item.code,
      name: item.name,
      act_type: item.actType,
      basis: JSON.stringify(item.basis),
      domain: item.domain,
      unit_id: o.unitId,
      benchmark: JSON.stringify(item.benchmark),
      active: 1,
      created_at: at,
    });
    await appendEntry(trx, deps, CLI, 'powerItem.created@1', { type: 'powerItem', id }, { code: item.code });
  }
  const keeper = { type: 'user' as const, id: o.keeperUserId };
  for (let i = 0; i < 4; i++) {
    const id = newId(deps.clock);
    const number = `QP-JLY-${String(i + 1).padStart(3, '0')}`;
    await recorderRepo.insertRecorder(trx, {
      id,
      agency_id: agency.id,
      number,
      model: 'DSJ-V9 执法记录仪',
      status: 'available',
      holder_officer_id: null,
      created_at: at,
    });
    await appendEntry(trx, deps, keeper, 'recorder.registered@1', { type: 'recorder', id }, { number });
    const officerId = o.officerIds[i];
    if (i < 2 && officerId) {
      await recorderRepo.updateRecorder(trx, id, { status: 'checkedOut', holder_officer_id: officerId });
      await recorderRepo.insertLoan(trx, {
        id: newId(deps.clock),
        recorder_id: id,
        officer_id: officerId,
        out_at: at,
        out_by: o.keeperUserId,
      });
      await appendEntry(trx, deps, keeper, 'recorder.checkedOut@1', { type: 'recorder', id }, { officerId });
    }
  }
}
