import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runConformanceSuite } from '@rapport/core/testing'
import { sqliteAdapter } from '@rapport/sqlite'

const dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-'))

// A file database with a table prefix: the way an app embeds Rapport in its own SQLite file.
runConformanceSuite({
  name: 'sqlite (file, tablePrefix crm_)',
  open: async ({ onQuery }) =>
    sqliteAdapter({ filename: join(dir, 'crm.db') }, { tablePrefix: 'crm_', onQuery }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
})
