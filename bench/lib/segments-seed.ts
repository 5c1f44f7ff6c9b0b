import { performance } from 'node:perf_hooks'
import type { Contact, Purchase } from '@rapport/core'
import type { z } from 'zod'
import type { BenchClock, SegmentTenant } from './segments-crm'
import {
  BENCH_NOW,
  makeSegmentContacts,
  makeSegmentPurchases,
  type segmentContactCustomFields,
} from './segments-fixtures'

/** Contacts per `createMany` call: one transaction each. */
const CHUNK = 10_000

/** A contact of the benchmark app. */
export type SegmentContact = Contact<z.output<typeof segmentContactCustomFields>>

/** What seeding wrote. */
export interface SeedSummary {
  readonly contacts: number
  readonly purchases: number
  readonly seconds: number
}

/** Options of {@link seedThroughRapport}. */
export interface SeedOptions {
  readonly tenant: SegmentTenant
  readonly clock: BenchClock
  readonly contacts: number
  /** Called after every chunk with the contacts and purchases it wrote (the in-memory bench keeps them). */
  readonly onChunk?: (contacts: readonly SegmentContact[], purchases: readonly Purchase[]) => void
  /** Prints progress; silent when omitted. */
  readonly log?: (line: string) => void
}

/**
 * Writes the benchmark's contacts and their purchases through Rapport's own `createMany`, in chunks, so
 * the rows are exactly what Rapport stores. The clock steps forward one hour per chunk, ending at
 * `BENCH_NOW`, so contacts carry different creation times as a real import history would.
 */
export async function seedThroughRapport(options: SeedOptions): Promise<SeedSummary> {
  const { tenant, clock, log } = options
  const start = performance.now()
  const chunks = Math.ceil(options.contacts / CHUNK)
  let purchaseCount = 0
  let nextReport = 100_000
  for (let chunk = 0; chunk < chunks; chunk++) {
    clock.set(new Date(Date.parse(BENCH_NOW) - (chunks - chunk) * 3_600_000).toISOString())
    const first = chunk * CHUNK
    const count = Math.min(CHUNK, options.contacts - first)
    const contacts = await tenant.contacts.createMany(makeSegmentContacts(first, count))
    const inputs = makeSegmentPurchases(
      contacts.map((c) => c.id),
      chunk,
      purchaseCount,
    )
    const purchases = inputs.length > 0 ? await tenant.purchases.createMany(inputs) : []
    purchaseCount += purchases.length
    options.onChunk?.(contacts, purchases)
    const written = first + count
    if (log && (written >= nextReport || written === options.contacts)) {
      const seconds = (performance.now() - start) / 1000
      const number = (value: number) => value.toLocaleString('en-US')
      log(
        `  seeded ${number(written)} contacts, ${number(purchaseCount)} purchases (${seconds.toFixed(0)} s)`,
      )
      nextReport += 100_000
    }
  }
  clock.set(BENCH_NOW)
  return { contacts: options.contacts, purchases: purchaseCount, seconds: (performance.now() - start) / 1000 }
}
