import type { EntityDescription, StoredRecord } from '../entities/entity'
import type { FilterField } from '../filter/field-catalog'
import { readFieldValue } from '../filter/read-field'
import type { ResolvedFilter } from '../filter/resolved-filter'
import type { StorageReader } from '../storage/storage-port'

const PAGE = 1000

/**
 * Every row matching a filter, read in keyset pages of 1000 so no single query grows with the result.
 * For reports that need the rows in memory.
 */
export async function findAll<E extends EntityDescription>(
  reader: StorageReader,
  entity: E,
  tenantId: string,
  filter: ResolvedFilter | undefined,
  now: string,
  sortField?: FilterField,
): Promise<StoredRecord<E>[]> {
  const sort = sortField ? [{ field: sortField, direction: 'asc' as const }] : []
  const out: StoredRecord<E>[] = []
  let after: unknown[] | undefined
  for (;;) {
    const page = await reader.find(entity, tenantId, {
      ...(filter ? { filter } : {}),
      sort,
      ...(after ? { after } : {}),
      limit: PAGE,
      now,
    })
    out.push(...page)
    if (page.length < PAGE) return out
    const last = page[page.length - 1]!
    after = [...(sortField ? [readFieldValue(last, sortField)] : []), last.id]
  }
}

/** Splits ids into chunks small enough for one `in` filter. */
export function chunks<T>(items: readonly T[], size = PAGE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
