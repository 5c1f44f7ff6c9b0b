import type { Crm } from '@rapport/core'
import type { repairShopFields } from './custom-fields'
import { table } from './report'
import type { StoryClock } from './story-clock'
import { helpLena, openSupportDesk, type SupportFigures, solveMiasSpill } from './support-desk'
import { type CampaignFigures, runWinterCampaign } from './winter-campaign'

/** Key figures of the story, checked by the quickstart's test. */
export interface QuickstartFigures {
  readonly contacts: number
  readonly leadsInBerlin: number
  readonly emailAudience: number
  readonly timelineEntries: number
  readonly lifecycle: string | null
  readonly pages: number
  readonly dealStage: string
  readonly openPipelineMinor: number
  readonly wonMinor: number
  readonly support: SupportFigures
  readonly campaign: CampaignFigures
}

/**
 * Two weeks at "Byte Doctors", a computer-repair shop, from first contact to ROI: customers arrive, are
 * linked to their company, get a call and a task, move along the lifecycle; a lead is converted and its deal
 * moves through the pipeline to won; a customer calls with a broken laptop (a case with an SLA, and a similar
 * past case found); a mailing to a segment respects opt-outs, wins a deal, and its ROI is reported. `crm` must
 * run on `clock`, which the story moves forward.
 */
export async function runQuickstart(
  crm: Crm<typeof repairShopFields>,
  clock: StoryClock,
  print: (text: string) => void = console.log,
): Promise<QuickstartFigures> {
  const shop = crm.tenant('byte-doctors')
  await openSupportDesk(shop)

  const acme = await shop.companies.create({
    name: 'Acme Architects',
    domain: 'acme-architects.de',
    city: 'Berlin',
    custom: { seats: 12 },
  })
  const people = await shop.contacts.createMany([
    {
      firstName: 'Lena',
      lastName: 'Vogel',
      email: 'lena@acme-architects.de',
      city: 'Berlin',
      lifecycleStage: 'lead',
      custom: { devices: ['ThinkPad X1'], plan: 'basic' },
      consent: { email: { status: 'subscribed', source: 'shop counter', legalBasis: 'consent' } },
    },
    {
      firstName: 'Jonas',
      lastName: 'Brandt',
      email: 'jonas@example.org',
      phone: '+49 30 5550101',
      city: 'Berlin',
      lifecycleStage: 'lead',
      tags: ['walk-in'],
    },
    {
      firstName: 'Mia',
      lastName: 'Schulz',
      email: 'mia@example.org',
      city: 'Potsdam',
      lifecycleStage: 'customer',
      custom: { plan: 'pro', renewsAt: '2026-12-01T00:00:00Z' },
      consent: { email: { status: 'unsubscribed', source: 'unsubscribe link' } },
    },
    {
      firstName: 'Emil',
      lastName: 'Wagner',
      email: 'emil@example.org',
      city: 'Berlin',
      lifecycleStage: 'subscriber',
      doNotContact: true,
    },
  ])
  const [lena, jonas, mia] = people as [
    (typeof people)[number],
    (typeof people)[number],
    (typeof people)[number],
  ]
  await shop.contacts.linkCompany(lena.id, acme.id, { role: 'Office manager' })

  await shop.activities.create({
    type: 'call',
    direction: 'inbound',
    subject: 'Laptop does not boot',
    durationMinutes: 9,
    contactIds: [lena.id],
  })
  await shop.activities.create({
    type: 'task',
    subject: 'Call back with a quote',
    dueAt: new Date(clock.now().getTime() + 86_400_000),
    contactIds: [lena.id],
  })
  await shop.activities.create({
    type: 'note',
    body: 'Asked about a service plan for the office',
    contactIds: [jonas.id],
  })

  await shop.contacts.advanceLifecycle(lena.id, 'salesQualified', { actor: 'quote-flow' })
  await shop.contacts.advanceLifecycle(lena.id, 'lead', { actor: 'quote-flow' }) // automation never moves backward

  // Jonas wants a service contract for his office: convert his lead into a company and a deal.
  const converted = await shop.leads.convert(jonas.id, {
    company: { create: { name: 'Brandt Steuerberatung', city: 'Berlin', custom: { seats: 8 } } },
    role: 'Owner',
    deal: { name: 'Office service contract', closeDate: '2026-12-15' },
  })
  let contract = converted.deal!
  contract = await shop.deals.move(contract.id, 'diagnosis', { actor: 'usr_tom' })
  contract = await shop.deals.update(
    contract.id,
    { amount: { amountMinor: 189_000, currency: 'EUR' } },
    { expectedVersion: contract.version },
  )
  contract = await shop.deals.move(contract.id, 'quote', { actor: 'usr_tom', reason: 'quote mailed' })
  const forecast = await shop.deals.forecast({ period: 'month' })
  const openPipelineMinor = forecast.reduce((sum, row) => sum + row.weightedAmountMinor, 0)
  contract = await shop.deals.markWon(contract.id, { reason: 'signed on site' })
  print("\nJonas's service contract")
  print(
    table(
      (await shop.deals.history(contract.id)).map((h) => ({
        from: h.fromStage,
        to: h.toStage,
        amount: h.amountMinor === null ? null : `${(h.amountMinor / 100).toFixed(2)} ${h.currency}`,
        probability: h.probability,
        by: h.actor,
      })),
    ),
  )
  const lenaNow = await shop.contacts.get(lena.id)

  const leadsInBerlin = await shop.contacts.list({
    filter: {
      and: [
        { field: 'city', op: 'eq', value: 'Berlin' },
        { field: 'lifecycleStage', op: 'in', value: ['lead', 'salesQualified'] },
      ],
    },
    sort: { field: 'lastName' },
  })
  print('\nLeads in Berlin')
  print(
    table(
      leadsInBerlin.items.map((c) => ({
        name: `${c.firstName} ${c.lastName}`,
        stage: c.lifecycleStage,
        email: c.email,
      })),
    ),
  )

  const everyone = await shop.contacts.list({ sort: { field: 'lastName' } })
  const audience = []
  for (const c of everyone.items) {
    const verdict = await shop.contacts.canContact(c.id, 'email')
    audience.push({
      name: `${c.firstName} ${c.lastName}`,
      email: verdict.allowed ? 'yes' : `no (${verdict.reason})`,
    })
  }
  print('\nMay we email them?')
  print(table(audience))

  const timeline = await shop.contacts.timeline(lena.id)
  print(`\nLena's timeline (${lenaNow.lifecycleStage})`)
  print(
    table(
      timeline.items.map((a) => ({
        type: a.type,
        subject: a.subject,
        done: a.type === 'task' ? a.done : null,
      })),
    ),
  )

  await solveMiasSpill(shop, clock, mia.id)
  const support = await helpLena(shop, clock, lena.id, print)
  const campaign = await runWinterCampaign(shop, clock, lena.id, print)

  let pages = 0
  let cursor: string | null = null
  do {
    const page = await shop.contacts.list({ limit: 2, cursor, sort: { field: 'lastName' } })
    cursor = page.nextCursor
    pages++
  } while (cursor)

  return {
    contacts: await shop.contacts.count(),
    leadsInBerlin: leadsInBerlin.items.length,
    emailAudience: audience.filter((a) => a.email === 'yes').length,
    timelineEntries: timeline.items.length,
    lifecycle: lenaNow.lifecycleStage,
    pages,
    dealStage: contract.stageKey,
    openPipelineMinor,
    wonMinor: contract.isWon ? (contract.amountMinor ?? 0) : 0,
    support,
    campaign,
  }
}
