import type { Role } from '../domain/policy';
import { getAgency } from '../repositories/org-repository';
import { CLI, type Deps } from './deps';
import {
  changeCertificateState,
  createAgency,
  createCertificate,
  createOfficer,
  createUnit,
} from './org-service';
import { createUser } from './user-service';

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
    for (const u of DEMO_USERS) {
      await createUser(
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
    }
  });
  return { created: true };
}
