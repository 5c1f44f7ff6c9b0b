import { createCrm } from '@rapport/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiCrm } from '../src/api-env'
import { createApp } from '../src/app'
import type { Board } from '../src/board'
import { seedDemoTenant } from '../src/demo-data'
import { ensureDemoSla } from '../src/demo-sla'
import { SeedClock } from '../src/seed-clock'
import { openTestStorage, type TestStorage } from './test-storage'

// Wednesday 10 June 2026, 14:00 in New York (UTC−4): inside the demo's 09:00–17:00 support hours.
const NOW = new Date('2026-06-10T18:00:00Z')
const MINUTE = 60_000

let now: Date
let clock: SeedClock
let storage: TestStorage
let crm: ApiCrm
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  now = NOW
  clock = new SeedClock({ now: () => now })
  storage = openTestStorage('http')
  crm = createCrm({ adapter: storage.adapter, clock })
  await crm.migrate()
  app = createApp(crm, { clock })
})
afterEach(async () => {
  await crm.close()
  await storage.dispose()
})

function call(path: string, init: RequestInit & { tenant?: string; json?: unknown } = {}) {
  const { tenant = 'shop-a', json, ...rest } = init
  const headers = new Headers(rest.headers)
  if (tenant) headers.set('x-tenant-id', tenant)
  if (json !== undefined) headers.set('content-type', 'application/json')
  return app.request(path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) })
}

describe('contacts', () => {
  it('creates, reads, lists with a filter and counts', async () => {
    const created = await call('/api/contacts', {
      method: 'POST',
      json: { firstName: 'Ada', email: 'ada@x.org' },
    })
    expect(created.status).toBe(201)
    const ada = (await created.json()) as { id: string; version: number }
    expect(ada.version).toBe(1)
    await call('/api/contacts', { method: 'POST', json: { firstName: 'Bob', city: 'Oslo' } })
    const read = await call(`/api/contacts/${ada.id}`)
    expect(await read.json()).toMatchObject({ id: ada.id, firstName: 'Ada', email: 'ada@x.org' })
    const filter = encodeURIComponent(JSON.stringify({ field: 'city', op: 'eq', value: 'Oslo' }))
    const page = (await (await call(`/api/contacts?filter=${filter}`)).json()) as {
      items: { firstName: string }[]
    }
    expect(page.items.map((c) => c.firstName)).toEqual(['Bob'])
    expect(await (await call(`/api/contacts/count?filter=${filter}`)).json()).toEqual({ count: 1 })
  })

  it('answers bad input with 422 and the issues, bad JSON with 400, and writes nothing', async () => {
    const invalid = await call('/api/contacts', { method: 'POST', json: { email: 'not an email', nope: 1 } })
    expect(invalid.status).toBe(422)
    const body = (await invalid.json()) as { code: string; issues: { path: string[] }[] }
    expect(body.code).toBe('validation')
    expect(body.issues.length).toBeGreaterThan(0)
    const badJson = await call('/api/contacts', {
      method: 'POST',
      body: '{"firstName":',
      headers: { 'content-type': 'application/json' },
    })
    expect(badJson.status).toBe(400)
    // Custom fields are Rapport's to check: this CRM has none, so any is refused, also with a 422.
    const custom = await call('/api/contacts', {
      method: 'POST',
      json: { firstName: 'Eve', custom: { tier: 'x' } },
    })
    expect(custom.status).toBe(422)
    expect(((await custom.json()) as { code: string }).code).toBe('validation')
    const badFilter = await call(
      `/api/contacts?filter=${encodeURIComponent('{"field":"nope","op":"eq","value":1}')}`,
    )
    expect(badFilter.status).toBe(422)
    expect(await crm.tenant('shop-a').contacts.count()).toBe(0)
  })

  it('needs the version read to update: 428 without If-Match, 409 when it is stale', async () => {
    const ada = (await (
      await call('/api/contacts', { method: 'POST', json: { firstName: 'Ada' } })
    ).json()) as {
      id: string
    }
    const path = `/api/contacts/${ada.id}`
    expect((await call(path, { method: 'PATCH', json: { city: 'Bonn' } })).status).toBe(428)
    const updated = await call(path, {
      method: 'PATCH',
      json: { city: 'Bonn' },
      headers: { 'if-match': '"1"' },
    })
    expect(updated.status).toBe(200)
    expect(await updated.json()).toMatchObject({ city: 'Bonn', version: 2 })
    const stale = await call(path, {
      method: 'PATCH',
      json: { city: 'Köln' },
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { code: string }).code).toBe('conflict')
    expect(await crm.tenant('shop-a').contacts.get(ada.id)).toMatchObject({ city: 'Bonn', version: 2 })
  })

  it('keeps tenants apart and needs a tenant', async () => {
    const ada = (await (
      await call('/api/contacts', { method: 'POST', json: { firstName: 'Ada' } })
    ).json()) as {
      id: string
    }
    const other = await call(`/api/contacts/${ada.id}`, { tenant: 'shop-b' })
    expect(other.status).toBe(404)
    expect(((await other.json()) as { code: string }).code).toBe('notFound')
    expect((await call('/api/contacts', { tenant: '' })).status).toBe(400)
    expect((await call('/api/contacts', { tenant: 'bad tenant!' })).status).toBe(422)
    expect((await call('/api/nowhere')).status).toBe(404)
  })
})

describe('deals and the board', () => {
  it('moves a deal, and the board and weighted forecast follow', async () => {
    await seedDemoTenant(crm.tenant('shop-a'), clock)
    const before = (await (await call('/api/pipelines/sales/board')).json()) as Board
    const proposal = before.columns.find((column) => column.stage === 'proposal')!
    expect(proposal).toMatchObject({ dealCount: 1, amountMinor: 950_000, weightedMinor: 475_000 })
    // 10% of 1,200 + 20% of 4,800 + 50% of 9,500 + 80% of 24,000
    expect(before.forecast).toEqual({ openDeals: 4, openMinor: 3_950_000, weightedMinor: 2_503_000 })

    const deal = proposal.deals[0]!
    const moved = await call(`/api/deals/${deal.id}/move`, {
      method: 'POST',
      json: { stage: 'negotiation', expectedVersion: deal.version, reason: 'terms sent' },
    })
    expect(moved.status).toBe(200)
    expect(await moved.json()).toMatchObject({ stageKey: 'negotiation', probability: 0.8 })

    const after = (await (await call('/api/pipelines/sales/board')).json()) as Board
    expect(after.columns.find((column) => column.stage === 'proposal')).toMatchObject({ dealCount: 0 })
    expect(after.columns.find((column) => column.stage === 'negotiation')).toMatchObject({
      dealCount: 2,
      amountMinor: 3_350_000,
    })
    expect(after.forecast.weightedMinor).toBe(2_503_000 + 950_000 * 0.3)

    const history = (await (await call(`/api/deals/${deal.id}/history`)).json()) as { toStage: string }[]
    expect(history.map((change) => change.toStage)).toEqual(['proposal', 'negotiation'])
    const stale = await call(`/api/deals/${deal.id}/move`, {
      method: 'POST',
      json: { stage: 'qualification', expectedVersion: deal.version },
    })
    expect(stale.status).toBe(409)
    const unknownStage = await call(`/api/deals/${deal.id}/move`, {
      method: 'POST',
      json: { stage: 'nowhere' },
    })
    expect(unknownStage.status).toBe(422)
    const won = await call(`/api/deals/${deal.id}/won`, { method: 'POST', json: {} })
    expect(await won.json()).toMatchObject({ isClosed: true, isWon: true, stageKey: 'closedWon' })
  })
})

describe('segments', () => {
  it('defines a segment, counts it and pages through its members', async () => {
    const tenant = crm.tenant('shop-a')
    await tenant.contacts.createMany(
      Array.from({ length: 5 }, (_, i) => ({ firstName: `P${i}`, city: i % 2 === 0 ? 'Oslo' : 'Rome' })),
    )
    const created = await call('/api/segments', {
      method: 'POST',
      json: {
        key: 'oslo',
        name: 'Oslo',
        type: 'dynamic',
        filter: { field: 'city', op: 'eq', value: 'Oslo' },
      },
    })
    expect(created.status).toBe(201)
    expect(await (await call('/api/segments/oslo/count')).json()).toEqual({ count: 3 })
    const first = (await (await call('/api/segments/oslo/members?limit=2')).json()) as {
      items: { city: string }[]
      nextCursor: string
    }
    expect(first.items).toHaveLength(2)
    const rest = (await (
      await call(`/api/segments/oslo/members?limit=2&cursor=${first.nextCursor}`)
    ).json()) as {
      items: { city: string }[]
      nextCursor: string | null
    }
    expect([...first.items, ...rest.items].every((c) => c.city === 'Oslo')).toBe(true)
    expect(rest).toMatchObject({ nextCursor: null })
    expect(
      (await call('/api/segments', { method: 'POST', json: { key: 'x', name: 'X', type: 'dynamic' } }))
        .status,
    ).toBe(422)
    expect((await call('/api/segments/oslo', { method: 'POST', json: {} })).status).toBe(404)
    expect((await call('/api/segments/ghost/count')).status).toBe(404)
  })
})

interface ClockJson {
  metric: string
  status: string
  storedStatus: string
  targetMinutes: number
  dueAt: string | null
  elapsedMinutes: number
  remainingMinutes: number
  breached: boolean
  metAt: string | null
}

async function slaOf(caseId: string) {
  const response = await call(`/api/cases/${caseId}/sla`)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { asOf: string; clocks: ClockJson[] }
  const clock = (metric: string) => body.clocks.find((c) => c.metric === metric)!
  return { asOf: body.asOf, firstResponse: clock('firstResponse'), resolution: clock('resolution') }
}

async function openCase(json: Record<string, unknown>) {
  const response = await call('/api/cases', { method: 'POST', json })
  expect(response.status).toBe(201)
  return (await response.json()) as { id: string; status: string; version: number; slaPolicyId: string }
}

describe('cases and SLA timers', () => {
  beforeEach(async () => {
    await ensureDemoSla(crm.tenant('shop-a'))
  })

  it('opens a case, and an agent reply takes the first-response clock from running to met', async () => {
    const kase = await openCase({ subject: 'Cannot log in', priority: 'high', channel: 'email' })
    expect(kase).toMatchObject({ status: 'new', version: 1, slaPolicyId: 'slp_support' })

    let sla = await slaOf(kase.id)
    expect(sla.asOf).toBe(NOW.toISOString())
    // 60 business minutes from 14:00; 480 runs to 17:00 (180) and on Thursday from 09:00 to 14:00 (300).
    expect(sla.firstResponse).toMatchObject({
      status: 'inProgress',
      targetMinutes: 60,
      dueAt: '2026-06-10T19:00:00.000Z',
      elapsedMinutes: 0,
      remainingMinutes: 60,
      breached: false,
    })
    expect(sla.resolution).toMatchObject({ status: 'inProgress', dueAt: '2026-06-11T18:00:00.000Z' })

    // 50 minutes on, past the 75% warning: the view shows it before any sweep has announced it.
    now = new Date(NOW.getTime() + 50 * MINUTE)
    sla = await slaOf(kase.id)
    expect(sla.firstResponse).toMatchObject({
      status: 'warning',
      storedStatus: 'inProgress',
      elapsedMinutes: 50,
      remainingMinutes: 10,
    })

    const reply = await call(`/api/cases/${kase.id}/messages`, {
      method: 'POST',
      json: { authorKind: 'agent', authorId: 'usr_sam', body: 'Try the link in the new email.' },
    })
    expect(reply.status).toBe(201)
    expect(await reply.json()).toMatchObject({ caseId: kase.id, authorKind: 'agent', visibility: 'public' })
    sla = await slaOf(kase.id)
    expect(sla.firstResponse).toMatchObject({
      status: 'met',
      storedStatus: 'met',
      metAt: new Date(NOW.getTime() + 50 * MINUTE).toISOString(),
      elapsedMinutes: 50,
      dueAt: null,
      breached: false,
    })
    expect(sla.resolution).toMatchObject({ status: 'inProgress', elapsedMinutes: 50 })
    expect(await (await call(`/api/cases/${kase.id}`)).json()).toMatchObject({ status: 'open' })

    // Solved at 15:30: the resolution clock stops, met after 90 business minutes.
    now = new Date(NOW.getTime() + 90 * MINUTE)
    const solved = await call(`/api/cases/${kase.id}/status`, { method: 'POST', json: { status: 'solved' } })
    expect(solved.status).toBe(200)
    expect(await solved.json()).toMatchObject({ status: 'solved' })
    expect((await slaOf(kase.id)).resolution).toMatchObject({ status: 'met', elapsedMinutes: 90 })
    const messages = (await (await call(`/api/cases/${kase.id}/messages`)).json()) as unknown[]
    expect(messages).toHaveLength(1)
  })

  it('shows an unanswered urgent case breached, overdue by the minutes past its target', async () => {
    const kase = await openCase({ subject: 'Checkout is down', priority: 'urgent' })
    now = new Date(NOW.getTime() + 45 * MINUTE)
    const sla = await slaOf(kase.id)
    expect(sla.firstResponse).toMatchObject({ status: 'breached', remainingMinutes: -15, breached: true })
    expect(sla.resolution).toMatchObject({ status: 'inProgress', remainingMinutes: 195 })
    // A late reply stops the clock; the breach stays.
    await call(`/api/cases/${kase.id}/messages`, {
      method: 'POST',
      json: { authorKind: 'agent', body: 'On it' },
    })
    expect((await slaOf(kase.id)).firstResponse).toMatchObject({ status: 'breached', elapsedMinutes: 45 })
  })

  it('lists cases with a filter, a sort and a cursor', async () => {
    for (const [subject, priority] of [
      ['A', 'low'],
      ['B', 'high'],
      ['C', 'high'],
    ] as const) {
      await openCase({ subject, priority })
    }
    const filter = encodeURIComponent(JSON.stringify({ field: 'priority', op: 'eq', value: 'high' }))
    const sort = encodeURIComponent(JSON.stringify({ field: 'subject', direction: 'desc' }))
    const first = (await (await call(`/api/cases?filter=${filter}&sort=${sort}&limit=1`)).json()) as {
      items: { subject: string }[]
      nextCursor: string
    }
    expect(first.items.map((c) => c.subject)).toEqual(['C'])
    const rest = (await (
      await call(`/api/cases?filter=${filter}&sort=${sort}&limit=1&cursor=${first.nextCursor}`)
    ).json()) as { items: { subject: string }[]; nextCursor: string | null }
    expect(rest.items.map((c) => c.subject)).toEqual(['B'])
    const badFilter = encodeURIComponent(JSON.stringify({ field: 'mood', op: 'eq', value: 'x' }))
    expect((await call(`/api/cases?filter=${badFilter}`)).status).toBe(422)
  })

  it('answers bad bodies with 422 (400 for bad JSON) and writes nothing', async () => {
    const noSubject = await call('/api/cases', { method: 'POST', json: { priority: 'high' } })
    expect(noSubject.status).toBe(422)
    const body = (await noSubject.json()) as { code: string; issues: { path: string[] }[] }
    expect(body.code).toBe('validation')
    expect(body.issues.map((issue) => issue.path.join('.'))).toContain('subject')
    for (const json of [{ subject: 'X', priority: 'critical' }, { subject: 'X', mood: 'sad' }, [1], 'text']) {
      expect((await call('/api/cases', { method: 'POST', json })).status).toBe(422)
    }
    const badJson = await call('/api/cases', {
      method: 'POST',
      body: '{"subject":',
      headers: { 'content-type': 'application/json' },
    })
    expect(badJson.status).toBe(400)
    expect(await crm.tenant('shop-a').cases.count()).toBe(0)

    const kase = await openCase({ subject: 'Printer jams' })
    const badReply = await call(`/api/cases/${kase.id}/messages`, {
      method: 'POST',
      json: { authorKind: 'robot', body: 'beep' },
    })
    expect(badReply.status).toBe(422)
    const privateCustomer = await call(`/api/cases/${kase.id}/messages`, {
      method: 'POST',
      json: { authorKind: 'customer', visibility: 'private', body: 'psst' },
    })
    expect(privateCustomer.status).toBe(422)
    const badStatus = await call(`/api/cases/${kase.id}/status`, { method: 'POST', json: { status: 'gone' } })
    expect(badStatus.status).toBe(422)
    expect(await crm.tenant('shop-a').cases.messages(kase.id)).toEqual([])
    expect(await crm.tenant('shop-a').cases.get(kase.id)).toMatchObject({ status: 'new', version: 1 })
    expect((await slaOf(kase.id)).firstResponse).toMatchObject({ status: 'inProgress' })
  })

  it('answers an unknown case with 404, another tenant included, and refused moves with 409', async () => {
    for (const [method, path, json] of [
      ['GET', '/api/cases/case_nope', undefined],
      ['GET', '/api/cases/case_nope/sla', undefined],
      ['GET', '/api/cases/case_nope/messages', undefined],
      ['POST', '/api/cases/case_nope/messages', { authorKind: 'agent', body: 'Hello?' }],
      ['POST', '/api/cases/case_nope/status', { status: 'solved' }],
    ] as const) {
      const response = await call(path, { method, json })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(((await response.json()) as { code: string }).code).toBe('notFound')
    }
    const kase = await openCase({ subject: 'Printer jams' })
    expect((await call(`/api/cases/${kase.id}/sla`, { tenant: 'shop-b' })).status).toBe(404)

    // new → closed is not a move; closed takes no messages; a stale version is a conflict.
    const skip = await call(`/api/cases/${kase.id}/status`, { method: 'POST', json: { status: 'closed' } })
    expect(skip.status).toBe(409)
    expect(((await skip.json()) as { code: string }).code).toBe('invalidState')
    const stale = await call(`/api/cases/${kase.id}/status`, {
      method: 'POST',
      json: { status: 'open', expectedVersion: 7 },
    })
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { code: string }).code).toBe('conflict')
    await call(`/api/cases/${kase.id}/status`, { method: 'POST', json: { status: 'solved' } })
    await call(`/api/cases/${kase.id}/status`, { method: 'POST', json: { status: 'closed' } })
    const late = await call(`/api/cases/${kase.id}/messages`, {
      method: 'POST',
      json: { authorKind: 'customer', body: 'Still broken' },
    })
    expect(late.status).toBe(409)
  })

  it('seeds the demo cases in every timer state', async () => {
    await seedDemoTenant(crm.tenant('shop-a'), clock)
    const page = (await (await call('/api/cases?limit=10')).json()) as {
      items: { id: string; subject: string; status: string }[]
    }
    const states: Record<string, [string, string, string]> = {}
    for (const kase of page.items) {
      const sla = await slaOf(kase.id)
      states[kase.subject] = [kase.status, sla.firstResponse.status, sla.resolution.status]
    }
    expect(states).toEqual({
      'Invoice shows the wrong VAT rate': ['open', 'met', 'inProgress'],
      'Cannot log in after the password reset': ['new', 'warning', 'inProgress'],
      'Checkout is down for all customers': ['new', 'breached', 'inProgress'],
      'CSV export misses the custom fields': ['pending', 'met', 'paused'],
    })
    // The seed's sweep recorded the warning and the breach, not only the view.
    const checkout = page.items.find((kase) => kase.subject.startsWith('Checkout'))!
    expect((await slaOf(checkout.id)).firstResponse).toMatchObject({
      storedStatus: 'breached',
      elapsedMinutes: 90,
      remainingMinutes: -60,
    })
    // Seeding again adds nothing.
    await seedDemoTenant(crm.tenant('shop-a'), clock)
    expect(await crm.tenant('shop-a').cases.count()).toBe(4)
  })
})

interface MetricsJson {
  actualCostMinor: number
  attributedRevenueMinor: number
  sent: number
  responses: number
  leads: number
  wonDeals: number
  roi: number | null
  roas: number | null
  responseRate: number | null
}

interface ReportJson {
  model: string
  rows: { campaignId: string; name: string; level: number; own: MetricsJson; rolledUp: MetricsJson }[]
}

async function reportOf(query: string) {
  const response = await call(`/api/campaigns/report?${query}`)
  expect(response.status).toBe(200)
  const report = (await response.json()) as ReportJson
  const row = (name: string) => report.rows.find((r) => r.name === name)!
  return { report, row }
}

async function createCampaign(json: Record<string, unknown>) {
  const response = await call('/api/campaigns', { method: 'POST', json })
  expect(response.status).toBe(201)
  return (await response.json()) as { id: string; status: string; version: number }
}

describe('campaigns and ROI', () => {
  /** Ana and Ben may be emailed; Cy unsubscribed, so a launch leaves him out. */
  async function audience() {
    const tenant = crm.tenant('shop-a')
    const [ana, ben] = await tenant.contacts.createMany([
      { firstName: 'Ana', email: 'ana@x.org', tags: ['webinar'] },
      { firstName: 'Ben', email: 'ben@x.org', tags: ['webinar'] },
      {
        firstName: 'Cy',
        email: 'cy@x.org',
        tags: ['webinar'],
        consent: { email: { status: 'unsubscribed' } },
      },
    ])
    await tenant.segments.create({
      key: 'webinar',
      name: 'Webinar guests',
      type: 'dynamic',
      filter: { field: 'tags', op: 'contains', value: 'webinar' },
    })
    return { ana: ana!, ben: ben! }
  }

  it('plans, launches, records touches and costs, and reports ROI own and rolled up', async () => {
    now = new Date('2026-03-01T09:00:00Z')
    const { ana, ben } = await audience()
    const webinar = await createCampaign({
      name: 'Webinar',
      channel: 'email',
      currency: 'USD',
      budgetedCostMinor: 100_000,
      audienceSegmentKey: 'webinar',
    })
    expect(webinar).toMatchObject({ status: 'planned', version: 1 })
    const nurture = await createCampaign({
      name: 'Nurture',
      channel: 'email',
      currency: 'USD',
      parentId: webinar.id,
      audienceSegmentKey: 'webinar',
    })

    for (const campaign of [webinar, nurture]) {
      const launched = await call(`/api/campaigns/${campaign.id}/launch`, { method: 'POST' })
      expect(launched.status).toBe(200)
      expect(await launched.json()).toMatchObject({
        campaign: { status: 'active' },
        audienceTotal: 3,
        memberCount: 2,
        excluded: { unsubscribed: 1, doNotContact: 0, noAddress: 0 },
      })
    }
    const members = (await (await call(`/api/campaigns/${webinar.id}/members`)).json()) as {
      contactId: string
    }[]
    expect(members.map((m) => m.contactId).sort()).toEqual([ana.id, ben.id].sort())

    const sent = await call(`/api/campaigns/${webinar.id}/touches`, {
      method: 'POST',
      json: [
        { contactId: ana.id, kind: 'sent', at: '2026-03-01T12:00:00Z' },
        { contactId: ben.id, kind: 'sent', at: '2026-03-01T12:00:00Z' },
      ],
    })
    expect(sent.status).toBe(201)
    expect(await sent.json()).toMatchObject({ recorded: 2, byKind: { sent: 2 } })
    await call(`/api/campaigns/${nurture.id}/touches`, {
      method: 'POST',
      json: [
        { contactId: ana.id, kind: 'sent', at: '2026-03-05T12:00:00Z' },
        { contactId: ana.id, kind: 'responded', at: '2026-03-06T12:00:00Z' },
      ],
    })
    for (const [campaign, amountMinor, category] of [
      [webinar, 80_000, 'venue'],
      [nurture, 20_000, 'email tool'],
    ] as const) {
      const cost = await call(`/api/campaigns/${campaign.id}/costs`, {
        method: 'POST',
        json: { date: '2026-03-01', amount: { amountMinor, currency: 'USD' }, category },
      })
      expect(cost.status).toBe(201)
    }
    const ledger = (await (await call(`/api/campaigns/${webinar.id}/costs`)).json()) as unknown[]
    expect(ledger).toEqual([expect.objectContaining({ amountMinor: 80_000, category: 'venue' })])

    // Ana's $1,200 deal, won on 10 March after three touches: Webinar (1st), Nurture (5th, 6th).
    const deal = await call('/api/deals', {
      method: 'POST',
      json: {
        name: 'Ana: annual plan',
        stage: 'closedWon',
        closedAt: '2026-03-10T12:00:00Z',
        amount: { amountMinor: 120_000, currency: 'USD' },
        primaryCampaignId: webinar.id,
        contacts: [{ contactId: ana.id, isPrimary: true }],
      },
    })
    expect(deal.status).toBe(201)

    // Linear: a third each → Webinar 40,000, Nurture 80,000.
    const linear = await reportOf('model=linear&wonFrom=&wonTo=')
    expect(linear.report.rows.map((r) => [r.name, r.level])).toEqual([
      ['Webinar', 1],
      ['Nurture', 2],
    ])
    expect(linear.row('Webinar').own).toMatchObject({
      actualCostMinor: 80_000,
      attributedRevenueMinor: 40_000,
      sent: 2,
      responses: 0,
      leads: 1,
      wonDeals: 1,
      roi: -0.5, // (40,000 − 80,000) / 80,000
      roas: 0.5,
    })
    expect(linear.row('Nurture').own).toMatchObject({
      actualCostMinor: 20_000,
      attributedRevenueMinor: 80_000,
      sent: 1,
      responses: 1,
      responseRate: 1,
      roi: 3, // (80,000 − 20,000) / 20,000
    })
    // Rolled up: 120,000 against 100,000, and the ratio over the sums, not an average of ratios.
    expect(linear.row('Webinar').rolledUp).toMatchObject({
      actualCostMinor: 100_000,
      attributedRevenueMinor: 120_000,
      sent: 3,
      wonDeals: 2,
      roi: 0.2,
    })

    const first = await reportOf('model=firstTouch')
    expect(first.row('Webinar').own).toMatchObject({ attributedRevenueMinor: 120_000, roi: 0.5 })
    expect(first.row('Nurture').own).toMatchObject({ attributedRevenueMinor: 0, roi: -1 })
    // A window after the win counts no revenue; the costs stay.
    const april = await reportOf('model=linear&wonFrom=2026-04-01T00:00:00Z')
    expect(april.row('Webinar').own).toMatchObject({ attributedRevenueMinor: 0, wonDeals: 0, roi: -1 })

    const compared = await call(`/api/campaigns/compare?ids=${nurture.id},${webinar.id}&model=linear`)
    expect(compared.status).toBe(200)
    const comparison = (await compared.json()) as ReportJson & { leaders: Record<string, string | null> }
    expect(comparison.rows.map((r) => r.name)).toEqual(['Nurture', 'Webinar'])
    expect(comparison.leaders).toMatchObject({ roi: nurture.id, attributedRevenueMinor: nurture.id })

    const finished = await call(`/api/campaigns/${nurture.id}/finish`, {
      method: 'POST',
      json: { status: 'completed' },
    })
    expect(await finished.json()).toMatchObject({ status: 'completed' })
    const page = (await (await call('/api/campaigns')).json()) as { items: { name: string }[] }
    expect(page.items.map((c) => c.name).sort()).toEqual(['Nurture', 'Webinar'])
  })

  it('answers bad bodies and queries with 422 and writes nothing', async () => {
    await audience()
    const invalid = await call('/api/campaigns', {
      method: 'POST',
      json: { name: '', channel: 'fax', currency: 'usd', budgetedCostMinor: -1 },
    })
    expect(invalid.status).toBe(422)
    const body = (await invalid.json()) as { code: string; issues: { path: string[] }[] }
    expect(body.code).toBe('validation')
    expect(body.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['name', 'channel', 'budgetedCostMinor']),
    )
    for (const json of [
      { name: 'Late', channel: 'email', currency: 'USD', startDate: '2026-05-02', endDate: '2026-05-01' },
      { name: 'Extra', channel: 'email', currency: 'USD', mood: 'sunny' },
      [1],
    ]) {
      expect((await call('/api/campaigns', { method: 'POST', json })).status).toBe(422)
    }
    const badJson = await call('/api/campaigns', {
      method: 'POST',
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    })
    expect(badJson.status).toBe(400)
    expect(await crm.tenant('shop-a').campaigns.count()).toBe(0)

    // A child in another currency than its parent: Rapport's own check, also a 422.
    const parent = await createCampaign({ name: 'Parent', channel: 'email', currency: 'USD' })
    const child = await call('/api/campaigns', {
      method: 'POST',
      json: { name: 'Child', channel: 'email', currency: 'EUR', parentId: parent.id },
    })
    expect(child.status).toBe(422)
    expect(await crm.tenant('shop-a').campaigns.count()).toBe(1)

    const launched = await createCampaign({
      name: 'Launched',
      channel: 'email',
      currency: 'USD',
      audienceSegmentKey: 'webinar',
    })
    await call(`/api/campaigns/${launched.id}/launch`, { method: 'POST' })
    const badTouches = await call(`/api/campaigns/${launched.id}/touches`, {
      method: 'POST',
      json: [{ contactId: 'con_x', kind: 'waved', at: 'yesterday' }],
    })
    expect(badTouches.status).toBe(422)
    expect((await call(`/api/campaigns/${launched.id}/touches`, { method: 'POST', json: [] })).status).toBe(
      422,
    )
    expect(await crm.tenant('shop-a').campaigns.touches(launched.id)).toEqual([])

    expect((await call('/api/campaigns/report?model=gut-feeling')).status).toBe(422)
    expect((await call('/api/campaigns/report?halfLifeDays=soon')).status).toBe(422)
    expect((await call('/api/campaigns/report?wonFrom=last-week')).status).toBe(422)
    expect((await call(`/api/campaigns/compare?ids=${parent.id}`)).status).toBe(422)
  })

  it('refuses a cost in another currency with 422 and keeps the ledger as it was', async () => {
    const campaign = await createCampaign({ name: 'Fair', channel: 'email', currency: 'USD' })
    const euros = await call(`/api/campaigns/${campaign.id}/costs`, {
      method: 'POST',
      json: { date: '2026-05-01', amount: { amountMinor: 50_000, currency: 'EUR' }, category: 'booth' },
    })
    expect(euros.status).toBe(422)
    expect(((await euros.json()) as { code: string }).code).toBe('validation')
    expect(await (await call(`/api/campaigns/${campaign.id}/costs`)).json()).toEqual([])
    const { row } = await reportOf('model=linear')
    expect(row('Fair').own).toMatchObject({ actualCostMinor: 0, roi: null })
  })

  it('answers an unknown campaign with 404, and launching twice or touching before launch with 409', async () => {
    for (const [method, path, json] of [
      ['GET', '/api/campaigns/cmp_nope', undefined],
      ['POST', '/api/campaigns/cmp_nope/launch', undefined],
      ['GET', '/api/campaigns/cmp_nope/costs', undefined],
      [
        'POST',
        '/api/campaigns/cmp_nope/costs',
        { date: '2026-05-01', amount: { amountMinor: 1, currency: 'USD' }, category: 'x' },
      ],
      [
        'POST',
        '/api/campaigns/cmp_nope/touches',
        [{ contactId: 'con_x', kind: 'sent', at: '2026-05-01T00:00:00Z' }],
      ],
      ['GET', '/api/campaigns/report?ids=cmp_nope', undefined],
      ['GET', '/api/campaigns/compare?ids=cmp_nope,cmp_gone', undefined],
    ] as const) {
      const response = await call(path, { method, json })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(((await response.json()) as { code: string }).code).toBe('notFound')
    }

    const { ana } = await audience()
    const campaign = await createCampaign({
      name: 'Webinar',
      channel: 'email',
      currency: 'USD',
      audienceSegmentKey: 'webinar',
    })
    expect((await call(`/api/campaigns/${campaign.id}`, { tenant: 'shop-b' })).status).toBe(404)
    const early = await call(`/api/campaigns/${campaign.id}/touches`, {
      method: 'POST',
      json: [{ contactId: ana.id, kind: 'sent', at: '2026-06-10T12:00:00Z' }],
    })
    expect(early.status).toBe(409)
    expect(((await early.json()) as { code: string }).code).toBe('invalidState')
    await call(`/api/campaigns/${campaign.id}/launch`, { method: 'POST' })
    const again = await call(`/api/campaigns/${campaign.id}/launch`, { method: 'POST' })
    expect(again.status).toBe(409)
    // A touch of someone who is not a member: nothing of the batch is written.
    const stranger = await call(`/api/campaigns/${campaign.id}/touches`, {
      method: 'POST',
      json: [
        { contactId: ana.id, kind: 'sent', at: '2026-06-10T12:00:00Z' },
        { contactId: 'con_stranger', kind: 'sent', at: '2026-06-10T12:00:00Z' },
      ],
    })
    expect(stranger.status).toBe(404)
    expect(await crm.tenant('shop-a').campaigns.touches(campaign.id)).toEqual([])
  })

  it('seeds the demo campaigns with the hand-computed ROI and leaves the open pipeline as it was', async () => {
    await seedDemoTenant(crm.tenant('shop-a'), clock)
    await seedDemoTenant(crm.tenant('shop-a'), clock)
    const board = (await (await call('/api/pipelines/sales/board')).json()) as Board
    expect(board.forecast).toEqual({ openDeals: 4, openMinor: 3_950_000, weightedMinor: 2_503_000 })
    expect(board.columns.find((column) => column.stage === 'closedWon')).toMatchObject({
      dealCount: 3,
      amountMinor: 1_800_000,
    })

    const linear = await reportOf('model=linear')
    expect(
      linear.report.rows.map((r) => [r.name, r.own.attributedRevenueMinor, r.own.actualCostMinor, r.own.roi]),
    ).toEqual([
      ['Spring promotion', 300_000, 100_000, 2],
      ['Spring email wave', 400_000, 50_000, 7],
      ['Trade show 2026', 1_100_000, 500_000, 1.2],
    ])
    expect(linear.row('Spring promotion').rolledUp).toMatchObject({
      attributedRevenueMinor: 700_000,
      actualCostMinor: 150_000,
    })
    expect(linear.row('Spring promotion').rolledUp.roi).toBeCloseTo(11 / 3, 12)
    const first = await reportOf('model=firstTouch')
    expect(first.report.rows.map((r) => r.own.roi)).toEqual([8, -1, 0.8])

    // The opted-out contact is in the audience segment but in no campaign.
    const spring = linear.row('Spring promotion')
    expect(await (await call('/api/segments/spring-audience/count')).json()).toEqual({ count: 4 })
    const members = (await (await call(`/api/campaigns/${spring.campaignId}/members`)).json()) as unknown[]
    expect(members).toHaveLength(3)
    expect(await crm.tenant('shop-a').campaigns.count()).toBe(3)
  })
})
