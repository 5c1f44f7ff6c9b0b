import { MigrationError } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { describe, expect, it } from 'vitest'
import { postgresTarget } from './pg-harness'

// Nothing listens here: the tests need no server to see a refused connection.
const CLOSED_PORT = 'postgres://postgres@127.0.0.1:5999/test'

async function migrateError(adapter: ReturnType<typeof postgresAdapter>): Promise<MigrationError> {
  try {
    await adapter.migrate()
  } catch (error) {
    return error as MigrationError
  } finally {
    await adapter.close()
  }
  throw new Error('migrate succeeded')
}

describe('migrate when the database cannot be reached', () => {
  it('says the connection was refused, where, and what to check', async () => {
    const error = await migrateError(postgresAdapter({ connectionString: CLOSED_PORT }))
    expect(error).toBeInstanceOf(MigrationError)
    expect(error.code).toBe('migration')
    expect(error.message).toContain('could not read the current schema: connection refused at 127.0.0.1:5999')
    expect(error.message).toContain('is the database server running')
    expect(error.message).toContain('Check the host and port in the connection settings')
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('says the same when it first has to create the schema', async () => {
    const error = await migrateError(postgresAdapter({ connectionString: CLOSED_PORT }, { schema: 'crm' }))
    expect(error.message).toMatch(
      /^postgres: could not create schema crm: connection refused at 127\.0\.0\.1:5999/,
    )
  })

  const target = postgresTarget()
  if (target.kind === 'server') {
    it('names a database that does not exist, and how to fix it', async () => {
      const url = new URL(target.url)
      url.pathname = '/rapport_no_such_database'
      const error = await migrateError(postgresAdapter({ connectionString: url.toString() }))
      expect(error.message).toContain('database "rapport_no_such_database" does not exist (3D000)')
      expect(error.message).toContain('create that database, or fix the database name')
    })
  }
})
