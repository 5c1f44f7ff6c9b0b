import { describe, expect, it } from 'vitest'
import { companyEntity } from '../../entities/company-entity'
import { dealEntity } from '../../entities/deal-entity'
import { isRapportError, StorageError } from '../../errors/rapport-error'
import { freshTenant, type SuiteContext } from '../test-kit'

/** How long the mixed workload runs. Long enough for thousands of commands on Postgres, short for the file. */
const WORKLOAD_MS = 3_000
/** Workers where the adapter runs transactions side by side; one connection queues them, so fewer do. */
const CONCURRENT_WORKERS = 30
const QUEUED_WORKERS = 4

/** Codes a command may answer a race with: the caller re-reads (or gives up) and goes on. */
const TYPED_OUTCOMES = new Set(['conflict', 'invalidState', 'transitionRefused'])

/** What the workers saw, by kind. */
interface Tally {
  successes: number
  /** Typed answers to a race: conflict, invalidState, transitionRefused. */
  typed: number
  /** `busy` or `timeout` that outlasted Rapport's own retries: contention surfaced to the caller. */
  busy: string[]
  /** StorageErrors: the database failed in a way Rapport did not expect. */
  storage: string[]
  /** Anything that is not a RapportError: a driver error leaked. */
  raw: string[]
}

/** A small deterministic generator per worker, so a failing run can be reasoned about. */
function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state % n
  }
}

/**
 * Contention: many callers writing overlapping rows at once. Deal wins and reopens share contacts (a win
 * moves every contact of the deal), contact updates name the version they read, and several callers
 * convert the same leads. Where the adapter runs transactions concurrently (the Postgres server) 30 workers
 * run side by side; on one connection (SQLite, PGlite) the commands still interleave between transactions,
 * which proves the same invariants without real parallelism.
 */
export function contentionSuite(ctx: SuiteContext) {
  describe('contention', () => {
    it('the same lead converted by 10 callers at once converts once; the others get conflict or invalidState and write nothing', async () => {
      const tenant = freshTenant('lead-race')
      const t = ctx.crm().tenant(tenant)
      await t.pipelines.list()
      const lead = await t.contacts.create({ firstName: 'Lena', lifecycleStage: 'lead' })
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          t.leads.convert(lead.id, { company: { create: { name: `Co ${i}` } }, deal: { name: `Deal ${i}` } }),
        ),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(won).toHaveLength(1)
      for (const r of lost) {
        expect(['conflict', 'invalidState'], String(r.reason)).toContain(
          isRapportError(r.reason) ? r.reason.code : 'raw',
        )
      }
      expect(await ctx.countRows(companyEntity, tenant)).toBe(1)
      expect(await ctx.countRows(dealEntity, tenant)).toBe(1)
      expect(await t.contacts.lifecycleHistory(lead.id)).toHaveLength(1)
      expect((await t.contacts.get(lead.id)).version).toBe(2)
      expect(ctx.events().filter((e) => e.type === 'lead.converted')).toHaveLength(1)
    })

    it("a new tenant's first 10 deals created at once all succeed, over one set of default pipelines", async () => {
      const t = ctx.crm().tenant(freshTenant('first-deals'))
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => t.deals.create({ name: `First ${i}` })),
      )
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])
      expect((await t.pipelines.list()).map((p) => p.key)).toEqual(['sales'])
      expect((await t.deals.list()).items).toHaveLength(10)
    })

    it('mixed multi-row commands from many workers: no raw error, no busy surfaced, no lost update', async () => {
      const tenant = freshTenant('contention')
      const t = ctx.crm().tenant(tenant)
      const contacts = await t.contacts.createMany(
        Array.from({ length: 12 }, (_, i) => ({ firstName: `C${i}`, lifecycleStage: 'lead' as const })),
      )
      const leads = await t.contacts.createMany(
        Array.from({ length: 8 }, (_, i) => ({ firstName: `L${i}`, lifecycleStage: 'lead' as const })),
      )
      const pick = lcg(7)
      const deals: { readonly id: string }[] = []
      for (let i = 0; i < 8; i++) {
        // Three contacts each, in a random order, so deals share contacts in different link orders.
        const chosen = new Set<string>()
        while (chosen.size < 3) chosen.add(contacts[pick(contacts.length)]!.id)
        deals.push(
          await t.deals.create({ name: `D${i}`, contacts: [...chosen].map((contactId) => ({ contactId })) }),
        )
      }

      const tally: Tally = { successes: 0, typed: 0, busy: [], storage: [], raw: [] }
      const contactUpdates = new Map<string, number>()
      const dealMoves = new Map<string, number>()
      const conversions = new Map<string, number>()
      const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1)
      const record = (error: unknown) => {
        if (isRapportError(error) && TYPED_OUTCOMES.has(error.code)) tally.typed++
        else if (isRapportError(error, 'busy') || isRapportError(error, 'timeout'))
          tally.busy.push(error.message)
        else if (error instanceof StorageError) tally.storage.push(error.message)
        else tally.raw.push(String(error))
      }

      const concurrent = ctx.adapter().capabilities.concurrentTransactions
      const workers = concurrent ? CONCURRENT_WORKERS : QUEUED_WORKERS
      const deadline = Date.now() + WORKLOAD_MS
      const worker = async (seed: number) => {
        const next = lcg(seed)
        while (Date.now() < deadline) {
          try {
            const op = next(10)
            if (op < 4) {
              // A deal win moves its three contacts; a reopen takes it back for another win.
              const deal = deals[next(deals.length)]!
              const current = await t.deals.get(deal.id)
              if (current.isClosed) await t.deals.reopen(deal.id, 'qualification')
              else await t.deals.markWon(deal.id)
              bump(dealMoves, deal.id)
            } else if (op < 7) {
              // An update naming the version it read.
              const contact = contacts[next(contacts.length)]!
              const current = await t.contacts.get(contact.id)
              await t.contacts.update(
                contact.id,
                { lastName: `w${seed}-${next(1_000_000)}` },
                { expectedVersion: current.version },
              )
              bump(contactUpdates, contact.id)
            } else if (op < 8) {
              // Back to lead, so the next win writes the contact again.
              await t.contacts.setLifecycleStage(contacts[next(contacts.length)]!.id, 'lead')
            } else {
              const lead = leads[next(leads.length)]!
              await t.leads.convert(lead.id, {
                company: { create: { name: `Co ${lead.id}` } },
                deal: { name: `From ${lead.id}` },
              })
              bump(conversions, lead.id)
            }
            tally.successes++
          } catch (error) {
            record(error)
          }
        }
      }
      await Promise.all(Array.from({ length: workers }, (_, i) => worker(i + 1)))

      if (process.env.RAPPORT_REPORT_CONTENTION) {
        console.info(
          `contention (${ctx.harness.name}, ${workers} workers, ${WORKLOAD_MS} ms): ${tally.successes} succeeded, ` +
            `${tally.typed} typed refusals, ${tally.busy.length} busy, ${tally.storage.length} storage, ` +
            `${tally.raw.length} raw`,
        )
      }
      expect(tally.raw, 'raw errors').toEqual([])
      expect(tally.storage, 'storage errors').toEqual([])
      expect(tally.busy, 'busy or timeout surfaced after retries').toEqual([])
      expect(tally.successes).toBeGreaterThan(0)

      // No lost update: every successful write shows in the final version, and nothing else does.
      for (const contact of contacts) {
        const final = await t.contacts.get(contact.id)
        const lifecycleMoves = (await t.contacts.lifecycleHistory(contact.id)).length
        expect(final.version, contact.id).toBe(1 + (contactUpdates.get(contact.id) ?? 0) + lifecycleMoves)
      }
      for (const deal of deals) {
        const final = await t.deals.get(deal.id)
        expect(final.version, deal.id).toBe(1 + (dealMoves.get(deal.id) ?? 0))
        expect(await t.deals.history(deal.id)).toHaveLength(1 + (dealMoves.get(deal.id) ?? 0))
      }
      // Each lead converted at most once: one company and one deal per conversion, the lead written once.
      let converted = 0
      for (const lead of leads) {
        const times = conversions.get(lead.id) ?? 0
        expect(times, lead.id).toBeLessThanOrEqual(1)
        converted += times
        expect((await t.contacts.get(lead.id)).version, lead.id).toBe(1 + times)
      }
      expect(await ctx.countRows(companyEntity, tenant)).toBe(converted)
      expect(await ctx.countRows(dealEntity, tenant)).toBe(deals.length + converted)
    })
  })
}
