import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConformanceHarness } from '@rapport/core/testing'
import { sqliteAdapter } from '@rapport/sqlite'

/**
 * A file database with a table prefix, in a temporary directory of its own: the way an app embeds Rapport in
 * its own SQLite file. Each conformance test file calls this, so each gets its own file.
 */
export function sqliteFileHarness(): ConformanceHarness {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-'))
  return {
    name: 'sqlite (file, tablePrefix crm_)',
    open: async ({ onQuery }) =>
      sqliteAdapter({ filename: join(dir, 'crm.db') }, { tablePrefix: 'crm_', onQuery }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** An in-memory database, new for each conformance test file. */
export function sqliteMemoryHarness(): ConformanceHarness {
  return {
    name: 'sqlite (:memory:)',
    open: async ({ onQuery }) => sqliteAdapter({ filename: ':memory:' }, { onQuery }),
  }
}
