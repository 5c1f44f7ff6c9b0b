import { describe, expect, it } from 'vitest'
import { createCrm } from '../../api/create-crm'
import type { SlaPolicyInput } from '../../domain/sla/sla-policy-definition'
import { contactEntity } from '../../entities/contact-entity'
import type { EntityDescription } from '../../entities/entity'
import { outboxEntity } from '../../entities/outbox-entity'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import type { StoragePort, StorageTransaction, VersionedUpdate } from '../../storage/storage-port'
import { freshTenant, type SuiteContext, suiteCustomFields } from '../test-kit'
import type { SuiteTenant } from './sla-fixtures'

/** 24×7: a warning at 7½ minutes, the breach at 10, an escalation at 15. */
const fastPolicy: SlaPolicyInput = {
  key: 'fast',
  label: 'Fast replies',
  targets: { normal: { firstResponse: { minutes: 10 } } },
  escalations: [{ level: 1, afterMinutes: 5, action: 'ping' }],
}

/** Half an hour after the cases were opened: every clock is past its warning, breach and escalation. */
const LATER = '2026-03-02T09:30:00.000Z'

async function openCases(t: SuiteTenant, count: number) {
  await t.sla.policies.create(fastPolicy)
  return t.cases.createMany(Array.from({ length: count }, (_, i) => ({ subject: `Case ${i}` })))
}

/** The SLA events in a tenant's outbox, each as `clock/type/level`. */
async function outboxSlaEvents(ctx: SuiteContext, tenantId: string): Promise<string[]> {
  const rows = await ctx.adapter().reader.find(outboxEntity, tenantId, { now: ctx.clock.now().toISOString() })
  return rows
    .filter((row) => row.type.startsWith('sla.'))
    .map((row) => {
      const payload = row.payload as { clock: { id: string }; level?: number }
      return `${payload.clock.id}/${row.type}/${payload.level ?? ''}`
    })
}

/** The same adapter, except that `fails()`, asked once per clock written, decides where it crashes. */
function crashingAdapter(adapter: StoragePort, fails: (entity: EntityDescription) => boolean): StoragePort {
  const crash = () => {
    throw new Error('injected failure: the sweep crashed here')
  }
  const wrap = (tx: StorageTransaction): StorageTransaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property === 'updateIfVersion') {
          return (entity: EntityDescription, ...rest: [string, string, number, Record<string, unknown>]) =>
            fails(entity) ? crash() : target.updateIfVersion(entity, ...rest)
        }
        if (property === 'updateManyIfVersion' && target.updateManyIfVersion) {
          return (entity: EntityDescription, tenantId: string, updates: readonly VersionedUpdate[]) => {
            for (const _ of updates) if (fails(entity)) crash()
            return target.updateManyIfVersion!(entity, tenantId, updates)
          }
        }
        const value = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  return {
    name: adapter.name,
    capabilities: adapter.capabilities,
    reader: adapter.reader,
    migrate: () => adapter.migrate(),
    transaction: (work) => adapter.transaction((tx) => work(wrap(tx))),
    close: async () => {},
  }
}

/** `sla.sweep`: due clocks by an indexed query, each event exactly once under races and crashes. */
export function slaSweepSuite(ctx: SuiteContext) {
  describe('SLA sweep', () => {
    it('finds the due clocks with a range query on next_event_at, and announces nothing twice', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await openCases(t, 5)
      expect(await t.sla.sweep('2026-03-02T09:05:00.000Z')).toMatchObject({ clocks: 0 })
      const first = await t.sla.sweep(LATER)
      expect(first).toEqual({ clocks: 5, warnings: 5, breaches: 5, escalations: 5, skipped: 0, problems: [] })
      expect(await t.sla.sweep(LATER)).toEqual({
        clocks: 0,
        warnings: 0,
        breaches: 0,
        escalations: 0,
        skipped: 0,
        problems: [],
      })
      const dueQueries = ctx
        .queries()
        .filter((q) => /^\s*select/i.test(q.sql) && q.sql.includes('next_event_at'))
      expect(dueQueries.length).toBeGreaterThan(0)
      for (const q of dueQueries) expect(q.sql).toMatch(/"next_event_at" <= /)
      const events = await outboxSlaEvents(ctx, tenant)
      expect(events).toHaveLength(15)
      expect(new Set(events).size).toBe(15)
    })

    it('updateManyIfVersion writes exactly the rows still at their expected version', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const [a, b, c] = await t.contacts.createMany([
        { firstName: 'A' },
        { firstName: 'B' },
        { firstName: 'C' },
      ])
      await t.contacts.update(b!.id, { firstName: 'B2' }, { expectedVersion: 1 })
      const tx = (work: (tx: StorageTransaction) => Promise<ReadonlySet<string>>) =>
        ctx.adapter().transaction(work)
      const written = await tx(async (store) => {
        const updates = [a!, b!, c!].map((contact) => ({
          id: contact.id,
          expectedVersion: 1,
          changes: { lastName: `Last ${contact.firstName}`, updatedAt: LATER },
        }))
        return store.updateManyIfVersion
          ? store.updateManyIfVersion(contactEntity, tenant, updates)
          : new Set(
              (
                await Promise.all(
                  updates.map(async (u) =>
                    (await store.updateIfVersion(contactEntity, tenant, u.id, 1, u.changes)) ? [u.id] : [],
                  ),
                )
              ).flat(),
            )
      })
      expect([...written].sort()).toEqual([a!.id, c!.id].sort())
      expect(await t.contacts.get(a!.id)).toMatchObject({ version: 2, lastName: 'Last A' })
      expect(await t.contacts.get(b!.id)).toMatchObject({ version: 2, firstName: 'B2', lastName: null })
      // Another tenant's rows are out of reach even by id.
      const other = await tx(async (store) =>
        store.updateManyIfVersion
          ? store.updateManyIfVersion(contactEntity, freshTenant(), [
              { id: c!.id, expectedVersion: 2, changes: { lastName: 'X' } },
            ])
          : new Set<string>(),
      )
      expect(other.size).toBe(0)
    })

    it('sweeps running at the same time announce each warning, breach and escalation exactly once', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await openCases(t, 40)
      // Separate CRMs over the same database, as separate worker processes would be. On Postgres the sweeps'
      // transactions run at the same time and fight over the same rows.
      const sweepers = [ctx.crm(), ctx.crmWith({}), ctx.crmWith({}), ctx.crmWith({})]
      const reports = await Promise.all(
        sweepers.map((crm) => crm.tenant(tenant).sla.sweep(LATER, { batchSize: 7 })),
      )
      const total = (key: 'warnings' | 'breaches' | 'escalations') =>
        reports.reduce((sum, report) => sum + report[key], 0)
      expect([total('warnings'), total('breaches'), total('escalations')]).toEqual([40, 40, 40])
      const events = await outboxSlaEvents(ctx, tenant)
      expect(events).toHaveLength(120)
      expect(new Set(events).size).toBe(120)
      expect(ctx.events().filter((e) => e.type.startsWith('sla.'))).toHaveLength(120)
      for (const clock of await ctx.adapter().reader.find(slaClockEntity, tenant, { now: LATER })) {
        expect(clock).toMatchObject({ status: 'breached', escalationLevel: 1, nextEventAt: null })
      }
    })

    it('a sweep that crashes halfway leaves the rest due; the next sweep finishes it without duplicates', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await openCases(t, 10)
      let clockWrites = 0
      const crashing = createCrm({
        adapter: crashingAdapter(ctx.adapter(), (entity) => entity === slaClockEntity && ++clockWrites === 6),
        clock: ctx.clock,
        customFields: suiteCustomFields,
      })
      const heard: string[] = []
      crashing.events.on('*', (type) => heard.push(type))
      await expect(crashing.tenant(tenant).sla.sweep(LATER, { batchSize: 4 })).rejects.toThrow(
        'injected failure',
      )
      // The first batch of four committed with its events; the second rolled back with its events.
      expect(await outboxSlaEvents(ctx, tenant)).toHaveLength(12)
      expect(heard).toHaveLength(12)
      expect(await t.sla.sweep(LATER, { batchSize: 4 })).toMatchObject({ clocks: 6, warnings: 6, skipped: 0 })
      const events = await outboxSlaEvents(ctx, tenant)
      expect(events).toHaveLength(30)
      expect(new Set(events).size).toBe(30)
    })

    it('a reply racing a sweep is never refused, and the clock announces each event once either way', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const cases = await openCases(t, 20)
      ctx.clock.set(LATER)
      const [report, ...replies] = await Promise.allSettled([
        ctx.crmWith({}).tenant(tenant).sla.sweep(LATER, { batchSize: 3 }),
        ...cases.map((c) => t.cases.addMessage(c.id, { authorKind: 'agent', body: 'On it' })),
      ])
      expect(report.status).toBe('fulfilled')
      expect(replies.filter((r) => r.status === 'rejected')).toEqual([])
      const events = await outboxSlaEvents(ctx, tenant)
      expect(events).toHaveLength(60)
      expect(new Set(events).size).toBe(60)
      for (const clock of await ctx.adapter().reader.find(slaClockEntity, tenant, { now: LATER })) {
        expect(clock).toMatchObject({ status: 'breached', metAt: LATER, elapsedMinutes: 30 })
      }
    })
  })
}
