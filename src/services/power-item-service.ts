import { ACT_TYPE_LABELS, type ActType } from '../domain/case-types';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { legalBand, validateBenchmark, type DiscretionBenchmark } from '../domain/penalty-rules';
import * as powerItemRepo from '../repositories/power-item-repository';
import { getAgency, getUnit } from '../repositories/org-repository';
import type { Row } from '../storage/schema';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { violationsOf } from '../domain/violations';

/** Power items (权力事项) with their discretion benchmarks (裁量基准): data an administrator edits. */
export function powerItemView(r: Row<'power_items'>) {
  const benchmark = JSON.parse(r.benchmark) as DiscretionBenchmark;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    actType: r.act_type as ActType,
    actTypeLabel: ACT_TYPE_LABELS[r.act_type as ActType],
    basis: JSON.parse(r.basis) as string[],
    domain: r.domain,
    unitId: r.unit_id,
    benchmark,
    /** The violations a case may charge (案由), one per entry. */
    violations: violationsOf(benchmark),
    /** The statutory fine band per party kind, in fen (null: no fine), as the server checks it. */
    legalBands: {
      person: legalBand(benchmark, 'person'),
      organisation: legalBand(benchmark, 'organisation'),
    },
    active: r.active === 1,
  };
}
export type PowerItemView = ReturnType<typeof powerItemView>;

export interface PowerItemInput {
  code: string;
  name: string;
  actType: ActType;
  basis: string[];
  domain: string;
  unitId: string;
  benchmark: DiscretionBenchmark;
  active?: boolean;
}

function check(input: Partial<PowerItemInput>): void {
  if (input.code !== undefined && !/^[A-Za-z0-9-]{2,40}$/.test(input.code))
    throw invalid('POWER_ITEM_CODE_INVALID', '事项编码应为 2–40 位字母、数字或连字符', 'code');
  if (input.name !== undefined && input.name.trim().length < 2)
    throw invalid('POWER_ITEM_NAME_INVALID', '事项名称至少 2 个字', 'name');
  if (input.basis !== undefined && (input.basis.length === 0 || input.basis.some((b) => b.trim().length < 2)))
    throw invalid('BASIS_REQUIRED', '请至少填写一条法律依据', 'basis');
  if (input.benchmark !== undefined) {
    // Every problem, each with its field, so a form can show them all beside their inputs.
    const problems = validateBenchmark(input.benchmark).map((p) => ({
      field: `benchmark.${p.field}`,
      message: p.message,
    }));
    const first = problems[0];
    if (first)
      throw new DomainError('invalid', 'BENCHMARK_INVALID', first.message, first.field, { problems });
  }
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || /UNIQUE constraint failed/.test(err.message ?? '');
};
const codeTaken = (code: string) => conflict('POWER_ITEM_CODE_TAKEN', `事项编码 ${code} 已存在`, 'code');

export async function listPowerItems(deps: Deps) {
  const agency = await getAgency(deps.db);
  return agency ? (await powerItemRepo.listPowerItems(deps.db, agency.id)).map(powerItemView) : [];
}

export async function createPowerItem(
  deps: Deps,
  actor: Actor,
  input: PowerItemInput,
): Promise<PowerItemView> {
  check(input);
  const agency = await getAgency(deps.db);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  if (!(await getUnit(deps.db, input.unitId))) throw invalid('UNIT_NOT_FOUND', '责任部门不存在', 'unitId');
  const id = newId(deps.clock);
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (await powerItemRepo.findPowerItemByCode(trx, agency.id, input.code)) throw codeTaken(input.code);
      await powerItemRepo.insertPowerItem(trx, {
        id,
        agency_id: agency.id,
        code: input.code,
        name: input.name.trim(),
        act_type: input.actType,
        basis: JSON.stringify(input.basis.map((b) => b.trim())),
        domain: input.domain.trim(),
        unit_id: input.unitId,
        benchmark: JSON.stringify(input.benchmark),
        active: input.active === false ? 0 : 1,
        created_at: deps.clock.now().toISOString(),
      });
      await appendEntry(
        trx,
        deps,
        actor,
        'powerItem.created@1',
        { type: 'powerItem', id },
        { code: input.code },
      );
    });
  } catch (e) {
    // Two administrators adding the same code at once: the unique key (agency, code) refuses the second.
    if (isUniqueViolation(e)) throw codeTaken(input.code);
    throw e;
  }
  return powerItemView((await powerItemRepo.getPowerItem(deps.db, id))!);
}

/** Every edit is a ledger entry carrying the item as it now stands (its history is the ledger). */
export async function updatePowerItem(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Omit<PowerItemInput, 'code' | 'actType'>>,
): Promise<PowerItemView> {
  check(patch);
  if (patch.unitId !== undefined && !(await getUnit(deps.db, patch.unitId)))
    throw invalid('UNIT_NOT_FOUND', '责任部门不存在', 'unitId');
  await deps.db.transaction().execute(async (trx) => {
    const r = await powerItemRepo.getPowerItem(trx, id);
    if (!r) throw notFound('POWER_ITEM_NOT_FOUND', '权力事项不存在');
    await powerItemRepo.updatePowerItem(trx, id, {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.basis !== undefined && { basis: JSON.stringify(patch.basis.map((b) => b.trim())) }),
      ...(patch.domain !== undefined && { domain: patch.domain.trim() }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.benchmark !== undefined && { benchmark: JSON.stringify(patch.benchmark) }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'powerItem.updated@1',
      { type: 'powerItem', id },
      {
        fields: Object.keys(patch),
      },
    );
  });
  return powerItemView((await powerItemRepo.getPowerItem(deps.db, id))!);
}
