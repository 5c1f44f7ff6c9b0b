import { uncheckedFilter } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { BENCH_TENANT, PAGE_SIZE, type SegmentCase } from './segments-cases'
import { benchClock, createSegmentCrm } from './segments-crm'

/** Calls per segment and query kind: enough for V8 to optimise Rapport's filter and query code. */
const CALLS = 200

/**
 * Runs Rapport's count and first page of every segment `CALLS` times on an empty in-memory SQLite CRM, so
 * that Rapport's JavaScript (filter validation and resolution, SQL compilation, row decoding setup) is
 * optimised before anything is timed, as it is in a long-running app. Timing only the first few calls
 * adds about a millisecond of unoptimised code to each (seen at 20k contacts), which swamps sub-millisecond
 * indexed queries. A separate database keeps the timed databases' statement caches and Postgres'
 * generic-plan choice untouched; the warm-up's queries cost nearly nothing on no rows.
 */
export async function warmUpRapportCode(segments: readonly SegmentCase[]): Promise<void> {
  const crm = createSegmentCrm(sqliteAdapter({ filename: ':memory:' }), benchClock())
  try {
    await crm.migrate()
    const tenant = crm.tenant(BENCH_TENANT)
    for (let call = 0; call < CALLS; call++) {
      for (const { filter } of segments) {
        await tenant.contacts.count({ filter: uncheckedFilter(filter) })
        await tenant.contacts.list({ filter: uncheckedFilter(filter), limit: PAGE_SIZE })
      }
    }
  } finally {
    await crm.close()
  }
}
