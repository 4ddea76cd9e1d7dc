import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { platformUrl } from '../domain/outbox';
import * as repo from '../repositories/outbox-repository';
import type { Row } from '../storage/schema';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import type { Sealer } from './sealer';

/**
 * The receiving platforms of the publication outbox (PUB-03), configured by an administrator. A
 * platform's secret signs every request to it: it is sealed with the field key as it arrives and
 * never leaves the server again — not in an answer, not in the ledger.
 */
export type PlatformDeps = Deps & { sealer: Sealer };

/** The sealed secret is bound to its row and field: copied into another row it does not open. */
export const secretContext = (platformId: string) => `platforms:${platformId}:secret`;

export function platformView(r: Row<'platforms'>) {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkedUrl(raw: string): string {
  const url = platformUrl(raw);
  if (!url)
    throw invalid(
      'PLATFORM_URL_INVALID',
      '接收地址应为 http:// 或 https:// 开头、不含用户名和密码的完整网址',
      'url',
    );
  return url;
}

async function assertNameFree(t: Tx, name: string, self?: string) {
  const other = await repo.platformNamed(t, name);
  if (other && other.id !== self) throw conflict('PLATFORM_NAME_TAKEN', `接收平台“${name}”已存在`, 'name');
}

export const listPlatforms = async (deps: Deps) => (await repo.listPlatforms(deps.db)).map(platformView);

export function createPlatform(
  deps: PlatformDeps,
  actor: Actor,
  input: { name: string; url: string; secret: string; enabled?: boolean },
) {
  const url = checkedUrl(input.url);
  return deps.db.transaction().execute(async (t) => {
    await assertNameFree(t, input.name);
    const id = newId(deps.clock);
    const now = deps.clock.now().toISOString();
    const row = {
      id,
      name: input.name,
      url,
      secret_sealed: deps.sealer.seal(secretContext(id), input.secret),
      enabled: input.enabled === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPlatform(t, row);
    await appendEntry(
      t,
      deps,
      actor,
      'platform.created@1',
      { type: 'platform', id },
      { name: row.name, url, enabled: row.enabled === 1 },
    );
    return platformView(row);
  });
}

/** Renames, moves, enables or disables a platform, or replaces its secret; one ledger entry. */
export function updatePlatform(
  deps: PlatformDeps,
  actor: Actor,
  id: string,
  patch: { name?: string; url?: string; secret?: string; enabled?: boolean },
) {
  const url = patch.url === undefined ? undefined : checkedUrl(patch.url);
  return deps.db.transaction().execute(async (t) => {
    const cur = await repo.lockPlatform(t, id);
    if (!cur) throw notFound('PLATFORM_NOT_FOUND', '接收平台不存在');
    if (patch.name !== undefined) await assertNameFree(t, patch.name, id);
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(url !== undefined && { url }),
      ...(patch.enabled !== undefined && { enabled: patch.enabled ? 1 : 0 }),
      ...(patch.secret !== undefined && { secret_sealed: deps.sealer.seal(secretContext(id), patch.secret) }),
    };
    const fields = [
      ...(set.name !== undefined && set.name !== cur.name ? ['name'] : []),
      ...(set.url !== undefined && set.url !== cur.url ? ['url'] : []),
      ...(set.enabled !== undefined && set.enabled !== cur.enabled ? ['enabled'] : []),
      ...(set.secret_sealed !== undefined ? ['secret'] : []),
    ];
    if (fields.length === 0) return platformView(cur);
    const now = deps.clock.now().toISOString();
    await repo.updatePlatform(t, id, { ...set, updated_at: now });
    const row = { ...cur, ...set, updated_at: now };
    await appendEntry(
      t,
      deps,
      actor,
      'platform.updated@1',
      { type: 'platform', id },
      {
        fields,
        name: row.name,
        url: row.url,
        enabled: row.enabled === 1,
        secretChanged: fields.includes('secret'),
      },
    );
    return platformView(row);
  });
}
