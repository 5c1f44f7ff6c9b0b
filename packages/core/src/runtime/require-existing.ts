import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import type { EntityDescription } from '../entities/entity'
import { NotFoundError } from '../errors/rapport-error'
import type { CommandContext } from './service-context'

/**
 * Refuses ids that name no record of the entity in the command's tenant (another tenant's id included);
 * null and undefined ids (a reference left empty) are skipped.
 * @throws NotFoundError naming the entity and the first missing id.
 */
export async function requireRecords(
  ctx: CommandContext,
  entity: EntityDescription,
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))]
  if (unique.length === 0) return
  const found = new Set((await ctx.tx.getMany(entity, ctx.tenantId, unique)).map((r) => r.id))
  const missing = unique.find((id) => !found.has(id))
  if (missing !== undefined) throw new NotFoundError(entity.name, missing)
}

/** A reference field's ids: one id, a list of ids, or none when empty. */
function idsIn(value: unknown): string[] {
  const ids: unknown[] = Array.isArray(value) ? value : [value]
  return ids.filter((id) => typeof id === 'string')
}

/**
 * Refuses references of rows (or of changes) to records that do not exist in the tenant: for each field,
 * in order, the id or list of ids it holds must name a record of its entity. Absent fields are skipped.
 * @throws NotFoundError naming the entity and the first missing id.
 */
export async function requireReferences(
  ctx: CommandContext,
  rows: readonly Readonly<Record<string, unknown>>[],
  references: Readonly<Record<string, EntityDescription>>,
): Promise<void> {
  for (const [field, entity] of Object.entries(references)) {
    await requireRecords(
      ctx,
      entity,
      rows.flatMap((row) => idsIn(row[field])),
    )
  }
}

/** The references of a record that is for a person, an organisation or both (a case, a purchase). */
export const PARTY_REFERENCES = { contactId: contactEntity, companyId: companyEntity } as const
