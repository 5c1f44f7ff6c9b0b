import { createBusinessCalendar } from '../../domain/sla/business-calendar'
import type { BusinessCalendar } from '../../domain/sla/compiled-calendar'
import { businessCalendarEntity } from '../../entities/business-calendar-entity'
import type { BusinessCalendarRecord } from '../../entities/records'
import { NotFoundError } from '../../errors/rapport-error'
import type { ServiceDeps } from '../../runtime/service-context'
import type { StorageReader } from '../../storage/storage-port'

/** The deterministic id of a tenant's calendar with this key. */
export function calendarIdOf(key: string): string {
  return `${businessCalendarEntity.idPrefix}_${key}`
}

/**
 * The compiled calendar of a stored row, compiled once per definition. The cache key is the definition
 * itself, not its version: rows read inside a transaction that later rolls back (an edit that failed) carry
 * a version another, different edit may commit next, and a version key would then hand that commit the
 * compiled hours of the edit that never happened. A content key cannot go stale, so filling the cache
 * inside a transaction is safe.
 */
export function compiledCalendar(
  deps: ServiceDeps,
  tenantId: string,
  row: Pick<BusinessCalendarRecord, 'key' | 'definition'>,
): BusinessCalendar {
  return deps.caches.calendars.getOrCompute(
    `${tenantId}\u0000${row.key}\u0000${JSON.stringify(row.definition)}`,
    () => createBusinessCalendar(row.definition),
  )
}

/**
 * Loads the compiled calendars a piece of work needs, each once: a memo over one reader (a transaction, or
 * the pool for a sweep).
 */
export function calendarLoader(deps: ServiceDeps, reader: StorageReader, tenantId: string) {
  const loaded = new Map<string, Promise<BusinessCalendar>>()
  return (key: string): Promise<BusinessCalendar> => {
    let calendar = loaded.get(key)
    if (!calendar) {
      calendar = reader.get(businessCalendarEntity, tenantId, calendarIdOf(key)).then((row) => {
        if (!row) throw new NotFoundError('businessCalendar', key)
        return compiledCalendar(deps, tenantId, row)
      })
      loaded.set(key, calendar)
    }
    return calendar
  }
}
