import { runConformanceSuite } from '@rapport/core/testing'
import { sqliteAdapter } from '@rapport/sqlite'

runConformanceSuite({
  name: 'sqlite (:memory:)',
  open: async ({ onQuery }) => sqliteAdapter({ filename: ':memory:' }, { onQuery }),
})
