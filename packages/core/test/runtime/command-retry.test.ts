import mitt from 'mitt'
import { describe, expect, it } from 'vitest'
import { createCrm } from '../../src/api/create-crm'
import {
  BusyError,
  ConflictError,
  isRapportError,
  type RapportError,
  TimeoutError,
} from '../../src/errors/rapport-error'
import type { RapportEventMap } from '../../src/events/event-map'
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableRace } from '../../src/runtime/command-retry'
import { type CommandContext, runCommand, type ServiceDeps } from '../../src/runtime/service-context'
import type { OutboxRow, StoragePort, StorageTransaction } from '../../src/storage/storage-port'

/** A storage port whose transactions only collect outbox rows; committed ones are kept. */
function fakeStore() {
  const committed: OutboxRow[] = []
  let transactions = 0
  const adapter = {
    async transaction<T>(work: (tx: StorageTransaction) => Promise<T>): Promise<T> {
      transactions++
      const rows: OutboxRow[] = []
      const tx = {
        async appendEvents(_tenant: string, events: readonly OutboxRow[]) {
          rows.push(...events)
        },
      } as unknown as StorageTransaction
      const value = await work(tx)
      committed.push(...rows)
      return value
    },
  } as unknown as StoragePort
  return { adapter, committed, transactions: () => transactions }
}

function depsOver(adapter: StoragePort, retry = { attempts: 5, baseDelayMs: 0 }) {
  const emitter = mitt<RapportEventMap>()
  const heard: string[] = []
  emitter.on('*', (type) => heard.push(String(type)))
  let n = 0
  const deps = {
    adapter,
    clock: { now: () => new Date('2026-03-02T09:00:00.000Z') },
    newId: (prefix: string) => `${prefix}_${++n}`,
    emitter,
    onListenerError: () => {},
    retry,
  } as unknown as ServiceDeps
  return { deps, heard }
}

/** A command that loses `losses` races (throwing `race()`), then emits one event and succeeds. */
function flaky(losses: number, race: () => Error) {
  const runs: { ids: string[]; effects: number } = { ids: [], effects: 0 }
  let run = 0
  const work = async (ctx: CommandContext) => {
    run++
    ctx.emit('lead.converted', {
      contactId: `con_${run}`,
      companyId: null,
      companyCreated: false,
      dealId: null,
    })
    ctx.afterCommit(() => {
      runs.effects++
    })
    if (run <= losses) throw race()
    return run
  }
  return { work, runs, attempts: () => run }
}

describe('runCommand retries a command that lost a race', () => {
  it('runs it again from scratch after busy errors and stale reads; only the committed run is heard', async () => {
    const store = fakeStore()
    const { deps, heard } = depsOver(store.adapter)
    let i = 0
    const races = [
      () => new BusyError('deadlock', { details: { reason: 'deadlock' } }),
      () => new ConflictError('changed', { details: { reason: 'changedSinceRead' } }),
      () => new ConflictError('duplicate key', { details: { reason: 'unique' } }),
      () => new BusyError('locked', { details: { reason: 'locked' } }),
    ]
    const command = flaky(4, () => races[i++]!())
    expect(await runCommand(deps, 't', command.work)).toBe(5)
    expect(command.attempts()).toBe(5)
    expect(store.transactions()).toBe(5)
    // One event and one after-commit effect: those of the run that committed.
    expect(store.committed.map((row) => (row.payload as { contactId: string }).contactId)).toEqual(['con_5'])
    expect(heard).toEqual(['lead.converted'])
    expect(command.runs.effects).toBe(1)
  })

  it('gives up after the configured attempts and throws the last failure as it is', async () => {
    const store = fakeStore()
    const { deps, heard } = depsOver(store.adapter, { attempts: 3, baseDelayMs: 0 })
    const command = flaky(10, () => new BusyError('deadlock', { details: { reason: 'deadlock' } }))
    const error = (await runCommand(deps, 't', command.work).catch((e) => e)) as RapportError
    expect(isRapportError(error, 'busy')).toBe(true)
    expect(error.retryable).toBe(true)
    expect(command.attempts()).toBe(3)
    expect(store.committed).toEqual([])
    expect(heard).toEqual([])
  })

  it('never retries a conflict on a version the caller named, a timeout or a plain error', async () => {
    for (const failure of [
      () =>
        new ConflictError('stale expected version', { details: { expectedVersion: 1, actualVersion: 2 } }),
      () => new TimeoutError('lock timeout', { details: { reason: 'lockTimeout' } }),
      () => new Error('bug'),
    ]) {
      const { deps } = depsOver(fakeStore().adapter)
      const command = flaky(1, failure)
      await expect(runCommand(deps, 't', command.work)).rejects.toThrow()
      expect(command.attempts()).toBe(1)
    }
  })
})

describe('retry policy', () => {
  it('classifies races', () => {
    expect(isRetryableRace(new BusyError('x'))).toBe(true)
    expect(isRetryableRace(new ConflictError('x', { details: { reason: 'changedSinceRead' } }))).toBe(true)
    expect(isRetryableRace(new ConflictError('x', { details: { reason: 'unique' } }))).toBe(true)
    expect(isRetryableRace(new ConflictError('x'))).toBe(false)
    expect(isRetryableRace(new TimeoutError('x'))).toBe(false)
    expect(isRetryableRace(new Error('x'))).toBe(false)
  })

  it('backs off below a bound that doubles with each retry', () => {
    const policy = { attempts: 5, baseDelayMs: 10 }
    expect([1, 2, 3, 4].map((retry) => backoffDelay(policy, retry, () => 0.999))).toEqual([9, 19, 39, 79])
    expect(backoffDelay(policy, 4, () => 0)).toBe(0)
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 5, baseDelayMs: 10 })
  })

  it('createCrm refuses retry settings that are not whole numbers in range', () => {
    const adapter = fakeStore().adapter
    const port = {
      ...adapter,
      name: 'fake',
      capabilities: {},
      migrate: async () => ({ applied: [] }),
      reader: {},
    }
    for (const retry of [
      { attempts: 0 },
      { attempts: 1.5 },
      { attempts: 21 },
      { baseDelayMs: -1 },
      'often',
    ]) {
      expect(() => createCrm({ adapter: port as unknown as StoragePort, retry: retry as never })).toThrow(
        expect.objectContaining({ code: 'config', message: expect.stringContaining('retry') }),
      )
    }
    expect(() => createCrm({ adapter: port as unknown as StoragePort, retry: { attempts: 1 } })).not.toThrow()
  })
})
