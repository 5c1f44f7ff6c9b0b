import type { ConformanceHarness } from '@rapport/core/testing'
import { openPostgres, postgresTarget } from './pg-harness'

/**
 * The Postgres adapter in a schema of its own (on the server at RAPPORT_TEST_PG_URL, else on an in-process
 * PGlite). Each conformance test file calls this, so each gets its own schema or PGlite database.
 */
export function postgresConformanceHarness(): ConformanceHarness {
  let dispose: (() => Promise<void>) | undefined
  return {
    name: `postgres (${postgresTarget().kind})`,
    async open(hooks) {
      const opened = await openPostgres('conformance', hooks)
      dispose = opened.dispose
      return opened.adapter
    },
    dispose: () => dispose?.() ?? Promise.resolve(),
  }
}
