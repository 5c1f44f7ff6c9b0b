import { type BusinessCalendar, createBusinessCalendar } from '@rapport/core'
import type { ApiTenant } from './api-env'
import { type CaseSlaView, clockView } from './sla-view'

/**
 * The SLA clocks of one case as they stand at `now`, each measured on its own calendar (a clock keeps the
 * calendar its policy named when it started or was last re-targeted).
 *
 * @throws NotFoundError when the tenant has no such case
 */
export async function caseSla(tenant: ApiTenant, caseId: string, now: Date): Promise<CaseSlaView> {
  const clocks = await tenant.sla.clocks(caseId)
  const calendars = new Map<string, Promise<BusinessCalendar>>()
  const calendarOf = (key: string) => {
    let calendar = calendars.get(key)
    if (calendar === undefined) {
      calendar = tenant.sla.calendars.get(key).then((stored) => createBusinessCalendar(stored.definition))
      calendars.set(key, calendar)
    }
    return calendar
  }
  const views = await Promise.all(
    clocks.map(async (clock) =>
      clockView(
        clock,
        now,
        clock.business === true && clock.calendarKey !== null ? await calendarOf(clock.calendarKey) : null,
      ),
    ),
  )
  return { caseId, asOf: now.toISOString(), clocks: views }
}
