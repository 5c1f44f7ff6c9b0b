import { createCrm, isRapportError, type RapportError } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresTarget } from './pg-harness'
import { openWatchedPostgres, type WatchedPostgres } from './watched-postgres'

/** The RapportError `work` rejected with; fails when it resolved or threw something else. */
async function rejection(work: Promise<unknown>): Promise<RapportError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isRapportError(error)) throw new Error(`Expected a RapportError, got ${String(error)}`)
  return error
}

describe('postgresAdapter: configuration errors', () => {
  it('refuses a connection string that is not a postgres URL, saying what is wrong and the expected form', () => {
    const cases: [unknown, RegExp][] = [
      ['not a url', /is not a URL/],
      ['localhost:5432/db', /scheme "localhost:"/],
      ['mysql://root@localhost/db', /scheme "mysql:"/],
      ['', /non-empty URL string/],
      [42, /non-empty URL string.*got number/],
    ]
    for (const [connectionString, problem] of cases) {
      let error: unknown
      try {
        postgresAdapter({ connectionString: connectionString as string })
      } catch (e) {
        error = e
      }
      expect(isRapportError(error, 'config'), String(connectionString)).toBe(true)
      expect((error as Error).message).toMatch(problem)
      expect((error as Error).message).toContain('postgres://user:password@host:5432/database')
    }
    // A password in a malformed string is never echoed.
    expect(() => postgresAdapter({ connectionString: 'postgres://me:s3cret@:x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    )
  })

  it('accepts postgres: and postgresql: URLs without connecting', async () => {
    for (const url of ['postgres://u@localhost:5432/db', 'postgresql://u:p@db.example/app?sslmode=require']) {
      await postgresAdapter({ connectionString: url }).close()
    }
  })

  it('refuses timeouts that are not whole milliseconds', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 31, '200']) {
      expect(() =>
        postgresAdapter({ connectionString: 'postgres://u@localhost/db' }, { lockTimeoutMs: bad as number }),
      ).toThrow(expect.objectContaining({ code: 'config', message: expect.stringMatching(/lockTimeoutMs/) }))
      expect(() =>
        postgresAdapter(
          { connectionString: 'postgres://u@localhost/db' },
          { statementTimeoutMs: bad as number },
        ),
      ).toThrow(
        expect.objectContaining({ code: 'config', message: expect.stringMatching(/statementTimeoutMs/) }),
      )
    }
  })
})

describe('postgresAdapter: statement and lock timeouts', () => {
  let pg: WatchedPostgres
  beforeAll(async () => {
    pg = await openWatchedPostgres('timeouts', 8)
    await pg.adapter().migrate()
  })
  afterAll(() => pg.dispose())

  it('sets both timeouts locally in every transaction it begins, and commands run as usual', async () => {
    const crm = createCrm({ adapter: pg.adapter({ statementTimeoutMs: 5_000, lockTimeoutMs: 200 }) })
    const t = crm.tenant('timeouts-set')
    const before = pg.watched.sent().length
    const contact = await t.contacts.create({ firstName: 'Ada' })
    expect(
      (await t.contacts.update(contact.id, { firstName: 'Ada L.' }, { expectedVersion: 1 })).version,
    ).toBe(2)
    const sent = pg.watched.sent().slice(before).join('\n')
    expect(sent).toContain('set local statement_timeout = 5000')
    expect(sent).toContain('set local lock_timeout = 200')
    // Local to the transaction: the session is left as it was.
    const [setting] = await pg.query<{ lock_timeout: string }>('show lock_timeout')
    expect(setting?.lock_timeout).toBe('0')
    await crm.close()
  })

  // Holding a row lock needs a second session, which only the server has (PGlite runs one).
  if (postgresTarget().kind === 'server') {
    /** Holds a row lock on the contact in a raw transaction while `work` runs, then rolls back. */
    async function whileLocked<T>(table: string, id: string, work: () => Promise<T>): Promise<T> {
      const raw = await pg.rawClient()
      try {
        await raw.query('begin')
        await raw.query(`select id from "${pg.schema}".${table} where id = $1 for update`, [id])
        return await work()
      } finally {
        await raw.query('rollback')
        raw.release()
      }
    }

    const cases = [
      { option: { lockTimeoutMs: 200 }, reason: 'lockTimeout' },
      { option: { statementTimeoutMs: 300 }, reason: 'statementTimeout' },
    ] as const
    for (const { option, reason } of cases) {
      it(`a write blocked by a row lock fails after ${JSON.stringify(option)} with a retryable TimeoutError (${reason}), writing nothing`, async () => {
        const crm = createCrm({ adapter: pg.adapter(option) })
        const t = crm.tenant(`timeouts-${reason}`)
        const contact = await t.contacts.create({ firstName: 'Locked' })
        const error = await whileLocked('contacts', contact.id, () =>
          rejection(t.contacts.update(contact.id, { firstName: 'Changed' }, { expectedVersion: 1 })),
        )
        expect(error.code).toBe('timeout')
        expect(error.name).toBe('TimeoutError')
        expect(error.retryable).toBe(true)
        expect(error.details.reason).toBe(reason)
        const after = await t.contacts.get(contact.id)
        expect([after.firstName, after.version]).toEqual(['Locked', 1])
        const [outbox] = await pg.query<{ n: number }>(
          `select count(*)::int as n from "${pg.schema}".outbox where tenant_id = $1`,
          [`timeouts-${reason}`],
        )
        expect(outbox?.n).toBe(1)
        // Once the lock is gone the same command succeeds.
        expect(
          (await t.contacts.update(contact.id, { firstName: 'Changed' }, { expectedVersion: 1 })).version,
        ).toBe(2)
        await crm.close()
      })
    }

    it('with a connection string, the timeouts hold on the connections Rapport opens', async () => {
      const url = (postgresTarget() as { url: string }).url
      const crm = createCrm({
        adapter: postgresAdapter(
          { connectionString: url, maxConnections: 2 },
          { schema: pg.schema, lockTimeoutMs: 200 },
        ),
      })
      const t = crm.tenant('timeouts-url')
      const contact = await t.contacts.create({ firstName: 'Url' })
      const error = await whileLocked('contacts', contact.id, () => rejection(t.contacts.archive(contact.id)))
      expect([error.code, error.details.reason]).toEqual(['timeout', 'lockTimeout'])
      expect((await t.contacts.get(contact.id)).archivedAt).toBeNull()
      await crm.close()
    })
  }
})
