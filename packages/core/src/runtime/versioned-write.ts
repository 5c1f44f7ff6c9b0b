import type { EntityDescription } from '../entities/entity'
import { ConflictError, NotFoundError } from '../errors/rapport-error'
import type { StoredRow } from '../storage/storage-port'
import type { CommandContext } from './service-context'

/** A stored row that carries a version. */
export type VersionedRow = StoredRow & { readonly version: number }

/**
 * Loads a row to change it, inside the command's transaction.
 * @throws NotFoundError when it does not exist in the tenant.
 * @throws ConflictError when `expectedVersion` is given and is not the stored version.
 */
export async function loadForChange(
  ctx: CommandContext,
  entity: EntityDescription,
  id: string,
  expectedVersion?: number,
): Promise<VersionedRow> {
  const row = (await ctx.tx.get(entity, ctx.tenantId, id)) as VersionedRow | undefined
  if (!row) throw new NotFoundError(entity.name, id)
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new ConflictError(
      `${entity.name} ${id} is at version ${row.version}, not the expected ${expectedVersion}; re-read it and retry`,
      { details: { entity: entity.name, id, expectedVersion, actualVersion: row.version } },
    )
  }
  return row
}

/**
 * Writes changes with a compare-and-set on the version that was read, and stamps `updatedAt`.
 * @throws ConflictError (`details.reason` `changedSinceRead`) when another writer changed the row in
 * between; `runCommand` runs the command again, which reads the row afresh (and refuses a version the caller
 * named that is no longer current).
 */
export async function writeChanges(
  ctx: CommandContext,
  entity: EntityDescription,
  current: VersionedRow,
  changes: Readonly<Record<string, unknown>>,
): Promise<VersionedRow> {
  const stamped = { ...changes, updatedAt: ctx.now }
  const written = await ctx.tx.updateIfVersion(entity, ctx.tenantId, current.id, current.version, stamped)
  if (!written) {
    throw new ConflictError(
      `${entity.name} ${current.id} changed after version ${current.version} was read; re-read it and retry`,
      {
        details: {
          reason: 'changedSinceRead',
          entity: entity.name,
          id: current.id,
          expectedVersion: current.version,
        },
      },
    )
  }
  return { ...current, ...stamped, version: current.version + 1 }
}

/** The fields whose values differ between a row and a change set (compared as JSON). */
export function changedFields(current: StoredRow, changes: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(changes).filter(
    (key) => JSON.stringify(current[key] ?? null) !== JSON.stringify(changes[key] ?? null),
  )
}
