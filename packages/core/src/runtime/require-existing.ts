import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import { NotFoundError } from '../errors/rapport-error'
import type { CommandContext } from './service-context'

/** Refuses ids of contacts or companies that do not exist in the tenant. @throws NotFoundError */
export async function requireParties(
  ctx: CommandContext,
  kind: 'contact' | 'company',
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))]
  if (unique.length === 0) return
  const entity = kind === 'contact' ? contactEntity : companyEntity
  const found = new Set((await ctx.tx.getMany(entity, ctx.tenantId, unique)).map((r) => r.id))
  const missing = unique.find((id) => !found.has(id))
  if (missing !== undefined) throw new NotFoundError(kind, missing)
}
