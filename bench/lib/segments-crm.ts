import { type Clock, createCrm, type StoragePort } from '@rapport/core'
import { BENCH_NOW, segmentContactCustomFields } from './segments-fixtures'

/** A clock the benchmark moves by hand: back in time while seeding, then frozen at `BENCH_NOW`. */
export interface BenchClock extends Clock {
  set(iso: string): void
}

/** A clock at `BENCH_NOW`. */
export function benchClock(): BenchClock {
  let now = new Date(BENCH_NOW)
  return {
    now: () => now,
    set(iso) {
      now = new Date(iso)
    },
  }
}

/** Rapport as the benchmark app configures it: contacts with `custom.tier` and `custom.seats`. */
export function createSegmentCrm(adapter: StoragePort, clock: Clock) {
  return createCrm({ adapter, clock, customFields: { contact: segmentContactCustomFields } })
}

/** The CRM the benchmark works with. */
export type SegmentCrm = ReturnType<typeof createSegmentCrm>

/** One tenant of it. */
export type SegmentTenant = ReturnType<SegmentCrm['tenant']>
