import { createCrm } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiCrm } from '../src/api-env'
import { createApp } from '../src/app'
import type { Board } from '../src/board'
import { seedDemoTenant } from '../src/demo-data'

let crm: ApiCrm
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  crm = createCrm({ adapter: sqliteAdapter({ filename: ':memory:' }) })
  await crm.migrate()
  app = createApp(crm)
})
afterEach(() => crm.close())

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
    await seedDemoTenant(crm.tenant('shop-a'))
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
