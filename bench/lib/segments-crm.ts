import { type Clock, type Crm, createCrm, type TenantCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
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

/** The custom fields the benchmark app declares: contacts with `custom.tier` and `custom.seats`. */
const segmentCustomFields = { contact: segmentContactCustomFields }

/** Rapport as the benchmark app configures it. */
export function createSegmentCrm(adapter: StoragePort, clock: Clock): SegmentCrm {
  return createCrm({ adapter, clock, customFields: segmentCustomFields })
}

/** The CRM the benchmark works with. */
export type SegmentCrm = Crm<typeof segmentCustomFields>

/** One tenant of it. */
export type SegmentTenant = TenantCrm<typeof segmentCustomFields>
