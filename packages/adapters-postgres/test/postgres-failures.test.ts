import { createCrm, isRapportError, type RapportError } from '@rapport/core'
import { contactEntity } from '@rapport/core/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyPostgresFailure } from '../src/postgres-failures'
import { openWatchedPostgres, type WatchedPostgres } from './watched-postgres'

/** A driver-shaped error with a SQLSTATE. */
const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code })

describe('postgres: failure classification', () => {
  it('maps SQLSTATEs to transient failures, and leaves faults alone', () => {
    expect(classifyPostgresFailure(pgError('40P01', 'deadlock detected'))).toBe('deadlock')
    expect(classifyPostgresFailure(pgError('40001', 'could not serialize access'))).toBe('serialization')
    expect(classifyPostgresFailure(pgError('55P03', 'canceling statement due to lock timeout'))).toBe(
      'lockTimeout',
    )
    expect(classifyPostgresFailure(pgError('57014', 'canceling statement due to statement timeout'))).toBe(
      'statementTimeout',
    )
    expect(
      classifyPostgresFailure(pgError('57014', 'canceling statement due to user request')),
    ).toBeUndefined()
    for (const other of [pgError('23505'), pgError('42P01'), new Error('no code'), null, 'text']) {
      expect(classifyPostgresFailure(other)).toBeUndefined()
    }
  })
})

describe('postgres: contention is typed', () => {
  let pg: WatchedPostgres
  beforeAll(async () => {
    pg = await openWatchedPostgres('failures', 6)
    await pg.adapter().migrate()
  })
  afterAll(() => pg.dispose())

  // Two transactions taking two rows in opposite orders: on the server one is chosen as the deadlock victim;
  // on PGlite (one session) they run one after the other and both commit.
  it('a deadlock surfaces from the port as a retryable BusyError (reason deadlock), never a raw driver error', async () => {
    const adapter = pg.adapter()
    const crm = createCrm({ adapter })
    const t = crm.tenant('failures')
    const [a, b] = await t.contacts.createMany([{ firstName: 'A' }, { firstName: 'B' }])
    let arrived = 0
    let release!: () => void
    const bothHoldOne = new Promise<void>((resolve) => {
      release = resolve
    })
    const crossing = (first: string, second: string) =>
      adapter.transaction(async (tx) => {
        await tx.updateIfVersion(contactEntity, 'failures', first, 1, { lastName: 'x' })
        if (++arrived === 2) release()
        // On one session the other transaction cannot start before this one ends: do not wait for it.
        await (pg.kind === 'server' ? bothHoldOne : Promise.resolve())
        await tx.updateIfVersion(contactEntity, 'failures', second, 1, { lastName: 'y' })
      })
    const results = await Promise.allSettled([crossing(a!.id, b!.id), crossing(b!.id, a!.id)])
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (pg.kind === 'server') {
      expect(failures).toHaveLength(1)
      const error = failures[0]!.reason as RapportError
      expect(isRapportError(error, 'busy'), String(error)).toBe(true)
      expect([error.name, error.details.reason, error.retryable]).toEqual(['BusyError', 'deadlock', true])
      expect(pg.watched.failures('40P01')).toBe(1)
    } else {
      expect(failures).toEqual([])
    }
    await crm.close()
  })
})
