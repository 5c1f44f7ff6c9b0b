import type { TypedTenantCrm } from '../../api/create-crm'
import type { BusinessCalendarDefinition } from '../../domain/sla/calendar-definition'
import type { SlaPolicyInput } from '../../domain/sla/sla-policy-definition'
import type { SlaClock } from '../../entities/records'
import type { PendingEvent } from '../../events/event-bus'
import type { SuiteContext, suiteCustomFields } from '../test-kit'

/** A tenant API of the suite's CRM. */
export type SuiteTenant = TypedTenantCrm<typeof suiteCustomFields>

const nineToFive = [{ from: '09:00', to: '17:00' }]

/** A Berlin office, Mon–Fri 09:00–17:00, closed on Monday 2026-03-30 (the day after the spring DST change). */
export const berlinOffice: BusinessCalendarDefinition = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-03-30', '2026-04-03', '2026-04-06'],
}

/** Business-hours targets in the Berlin office, with two escalation levels. */
export const standardPolicy: SlaPolicyInput = {
  key: 'standard',
  label: 'Standard support',
  calendar: 'berlin',
  targets: {
    urgent: { firstResponse: { minutes: 120, business: false } },
    high: {
      firstResponse: { minutes: 30 },
      nextResponse: { minutes: 60 },
      resolution: { minutes: 240 },
    },
    normal: {
      firstResponse: { minutes: 60 },
      nextResponse: { minutes: 120 },
      resolution: { minutes: 480 },
    },
  },
  escalations: [
    { level: 1, afterMinutes: 30, action: 'notifyLead' },
    { level: 2, afterMinutes: 120, action: 'notifyManager' },
  ],
}

/** Stores the Berlin calendar and the standard policy in a tenant. */
export async function withStandardPolicy(t: SuiteTenant): Promise<void> {
  await t.sla.calendars.create({ key: 'berlin', label: 'Berlin office', definition: berlinOffice })
  await t.sla.policies.create(standardPolicy)
}

/** One SLA event as a line: `sla.breached nextResponse#2 @2026-03-02T13:20:00.000Z`. */
export function describeSlaEvent(event: PendingEvent): string {
  const payload = event.payload as unknown as { clock: SlaClock; at: string; level?: number }
  const level = event.type === 'sla.escalated' ? ` L${payload.level}` : ''
  const cycle = payload.clock.metric === 'nextResponse' ? `#${payload.clock.cycle}` : ''
  return `${event.type} ${payload.clock.metric}${cycle}${level} @${payload.at}`
}

/** The SLA events delivered since the previous call, as sorted lines. */
export function slaEventFeed(ctx: SuiteContext): () => string[] {
  let seen = 0
  return () => {
    const all = ctx.events()
    const fresh = all.slice(seen)
    seen = all.length
    return fresh
      .filter((e) => e.type.startsWith('sla.'))
      .map(describeSlaEvent)
      .sort()
  }
}

/** The clocks of a case by `metric` (and `#cycle` for next responses), with the fields a timeline checks. */
export async function clockStates(t: SuiteTenant, caseId: string) {
  const out: Record<string, Partial<SlaClock>> = {}
  for (const clock of await t.sla.clocks(caseId)) {
    const key = clock.metric === 'nextResponse' ? `${clock.metric}#${clock.cycle}` : clock.metric
    out[key] = {
      status: clock.status,
      targetMinutes: clock.targetMinutes,
      dueAt: clock.dueAt,
      nextEventAt: clock.nextEventAt,
      pausedMinutes: clock.pausedMinutes,
      escalationLevel: clock.escalationLevel,
      elapsedMinutes: clock.elapsedMinutes,
    }
  }
  return out
}
