import { type CasePriority, createBusinessCalendar } from '@rapport/core'
import type { ApiTenant } from './api-env'
import { businessTimeBefore } from './business-time-before'
import { SUPPORT_HOURS } from './demo-sla'
import type { SeedClock } from './seed-clock'

/** A seeded case: when it was opened, answered and put on hold, in business minutes before now. */
interface DemoCase {
  readonly subject: string
  readonly priority: CasePriority
  readonly contactEmail: string
  readonly openedAgo: number
  readonly answeredAgo?: number
  readonly pendingAgo?: number
}

/**
 * One case per timer state the dashboard shows, against the support policy's targets (first response /
 * resolution in business minutes: urgent 30 / 240, high 60 / 480, normal 240 / 1440, low 480 / 2400).
 */
const DEMO_CASES: readonly DemoCase[] = [
  // Answered after 2 hours (met); 300 of 1,440 resolution minutes used.
  {
    subject: 'Invoice shows the wrong VAT rate',
    priority: 'normal',
    contactEmail: 'grace@cobol.example',
    openedAgo: 300,
    answeredAgo: 180,
  },
  // 50 of 60 first-response minutes: past the 75% warning, 10 minutes left.
  {
    subject: 'Cannot log in after the password reset',
    priority: 'high',
    contactEmail: 'ada@analytical.example',
    openedAgo: 50,
  },
  // 90 minutes without a reply against a 30-minute target: breached an hour ago.
  {
    subject: 'Checkout is down for all customers',
    priority: 'urgent',
    contactEmail: 'linus@kernel.example',
    openedAgo: 90,
  },
  // Answered, then waiting on the customer: the resolution clock is paused at 60 minutes.
  {
    subject: 'CSV export misses the custom fields',
    priority: 'low',
    contactEmail: 'ada@analytical.example',
    openedAgo: 120,
    answeredAgo: 100,
    pendingAgo: 60,
  },
]

/**
 * Opens the demo cases as they happened: the clock is pinned to each step's instant, counted back in
 * business time from now, so Rapport records the cases and their clocks exactly as it would have live.
 * A sweep at the end announces the warning and breach the steps left due.
 */
export async function seedDemoCases(tenant: ApiTenant, clock: SeedClock): Promise<void> {
  const now = clock.now()
  const calendar = createBusinessCalendar(SUPPORT_HOURS)
  const ago = (minutes: number) => businessTimeBefore(now, minutes, calendar)
  const contacts = await tenant.contacts.list({
    filter: { field: 'email', op: 'in', value: DEMO_CASES.map((kase) => kase.contactEmail) },
  })
  const contactIdOf = (email: string) => contacts.items.find((contact) => contact.email === email)?.id
  for (const demo of DEMO_CASES) {
    const kase = await clock.at(ago(demo.openedAgo), () =>
      tenant.cases.create({
        subject: demo.subject,
        priority: demo.priority,
        channel: 'email',
        contactId: contactIdOf(demo.contactEmail),
      }),
    )
    if (demo.answeredAgo !== undefined) {
      await clock.at(ago(demo.answeredAgo), () =>
        tenant.cases.addMessage(kase.id, {
          authorKind: 'agent',
          authorId: 'usr_demo',
          body: 'Thanks for writing: we are looking into it.',
        }),
      )
    }
    if (demo.pendingAgo !== undefined) {
      await clock.at(ago(demo.pendingAgo), () => tenant.cases.setStatus(kase.id, 'pending'))
    }
  }
  await tenant.sla.sweep(now)
}
