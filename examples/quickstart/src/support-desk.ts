import type { TenantCrm } from '@rapport/core'
import type { repairShopFields } from './custom-fields'
import { table } from './report'
import type { StoryClock } from './story-clock'

type Shop = TenantCrm<typeof repairShopFields>

/** What the support part of the story shows. */
export interface SupportFigures {
  readonly similarCase: string | null
  readonly firstResponse: string
  readonly firstResponseMinutes: number | null
}

const hours = [{ from: '09:00', to: '18:00' }]

/** The shop's opening hours and its one SLA: answer within an hour of opening time, 30 minutes if urgent. */
export async function openSupportDesk(shop: Shop): Promise<void> {
  await shop.sla.calendars.create({
    key: 'shop-hours',
    label: 'Shop hours, Berlin',
    definition: {
      timeZone: 'Europe/Berlin',
      weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
      holidays: ['2026-12-24', '2026-12-25', '2026-12-26'],
    },
  })
  await shop.sla.policies.create({
    key: 'repairs',
    label: 'Repairs',
    calendar: 'shop-hours',
    targets: {
      normal: { firstResponse: { minutes: 60 }, resolution: { minutes: 2 * 540 } },
      high: { firstResponse: { minutes: 30 }, resolution: { minutes: 540 } },
    },
  })
}

/** Last week Mia's laptop died after a coffee spill; the case was solved and is on record. */
export async function solveMiasSpill(shop: Shop, clock: StoryClock, miaId: string): Promise<void> {
  const spill = await shop.cases.create({
    subject: 'Laptop does not boot after coffee spill',
    description: 'Black screen, fan spins. Cleaned the keyboard and replaced the power board.',
    contactId: miaId,
    product: 'ThinkPad X1',
    category: 'hardware',
  })
  clock.advance(25)
  await shop.cases.addMessage(spill.id, { authorKind: 'agent', body: 'Bring it in, we will open it today.' })
  clock.advance(240)
  await shop.cases.solve(spill.id)
}

/**
 * Lena calls: her ThinkPad does not boot. The case gets the repairs SLA, the desk finds Mia's case as the
 * most similar past one, and an agent answers within the target.
 */
export async function helpLena(
  shop: Shop,
  clock: StoryClock,
  lenaId: string,
  print: (text: string) => void,
): Promise<SupportFigures> {
  clock.set('2026-11-23T08:40:00Z') // Monday 09:40 in Berlin
  const kase = await shop.cases.create({
    subject: 'ThinkPad does not boot',
    description: 'Black screen since this morning, the fan spins.',
    contactId: lenaId,
    product: 'ThinkPad X1',
    category: 'hardware',
    priority: 'high',
  })
  const similar = await shop.cases.similar(kase.id, { limit: 3 })
  print('\nA customer calls: similar past cases')
  print(
    table(
      similar.map((s) => ({ subject: s.case.subject, status: s.case.status, score: s.score.toFixed(2) })),
    ),
  )
  clock.advance(18)
  await shop.cases.addMessage(kase.id, {
    authorKind: 'agent',
    body: 'Same symptoms as a spill we fixed last week: bring it in, we will check the power board.',
  })
  const clocks = await shop.sla.clocks(kase.id)
  print('\nSLA clocks of the case')
  print(
    table(
      clocks.map((c) => ({
        metric: c.metric,
        status: c.status,
        target: `${c.targetMinutes} min`,
        due: c.dueAt,
        elapsed: c.elapsedMinutes === null ? '-' : `${c.elapsedMinutes} min`,
      })),
    ),
  )
  const first = clocks.find((c) => c.metric === 'firstResponse')!
  return {
    similarCase: similar[0]?.case.subject ?? null,
    firstResponse: first.status,
    firstResponseMinutes: first.elapsedMinutes,
  }
}
