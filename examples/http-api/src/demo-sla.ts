import { type BusinessCalendarDefinition, isRapportError, type SlaPolicyInput } from '@rapport/core'
import type { ApiTenant } from './api-env'

/** The demo support team's hours: weekdays 09:00–17:00 in New York (the demo sells in USD). */
export const SUPPORT_HOURS: BusinessCalendarDefinition = {
  timeZone: 'America/New_York',
  weekly: {
    mon: [{ from: '09:00', to: '17:00' }],
    tue: [{ from: '09:00', to: '17:00' }],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [{ from: '09:00', to: '17:00' }],
    fri: [{ from: '09:00', to: '17:00' }],
  },
  holidays: ['2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
}

/** One policy for every case: a first reply and a solution within business hours, by priority. */
export const SUPPORT_POLICY: SlaPolicyInput = {
  key: 'support',
  label: 'Support (business hours)',
  calendar: 'support-hours',
  targets: {
    urgent: { firstResponse: { minutes: 30 }, resolution: { minutes: 240 } },
    high: { firstResponse: { minutes: 60 }, resolution: { minutes: 480 } },
    normal: { firstResponse: { minutes: 240 }, resolution: { minutes: 1440 } },
    low: { firstResponse: { minutes: 480 }, resolution: { minutes: 2400 } },
  },
}

/** Stores the support calendar and policy unless the tenant has them (a restarted demo keeps its data). */
export async function ensureDemoSla(tenant: ApiTenant): Promise<void> {
  if (!(await exists(() => tenant.sla.calendars.get('support-hours')))) {
    await tenant.sla.calendars.create({
      key: 'support-hours',
      label: 'Support hours',
      definition: SUPPORT_HOURS,
    })
  }
  if (!(await exists(() => tenant.sla.policies.get(SUPPORT_POLICY.key)))) {
    await tenant.sla.policies.create(SUPPORT_POLICY)
  }
}

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read()
    return true
  } catch (error) {
    if (isRapportError(error) && error.code === 'notFound') return false
    throw error
  }
}
