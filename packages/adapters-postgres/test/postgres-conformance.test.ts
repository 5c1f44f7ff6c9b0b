import { runConformanceSuite } from '@rapport/core/testing'
import { openPostgres, postgresTarget } from './pg-harness'

let dispose: (() => Promise<void>) | undefined

runConformanceSuite({
  name: `postgres (${postgresTarget().kind})`,
  async open(hooks) {
    const opened = await openPostgres('conformance', hooks)
    dispose = opened.dispose
    return opened.adapter
  },
  dispose: () => dispose?.() ?? Promise.resolve(),
})
