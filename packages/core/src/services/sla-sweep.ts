import { z } from 'zod'
import { advanceClock, type ClockStep } from '../domain/sla/sla-clock'
import { slaClockEntity } from '../entities/sla-clock-entity'
import { validate } from '../errors/validate'
import { type TimestampInput, timestampInput } from '../kernel/timestamps'
import type { StorageTransaction, VersionedUpdate } from '../storage/storage-port'
import { runCommand, type ServiceDeps } from './service-context'
import { type ClockRow, calendarOf, clockEnv, emitSignals, stateOf } from './sla-clock-store'

const sweepOptions = z.object({ batchSize: z.number().int().min(1).max(1000).default(200) }).strict()

/** Options of `sla.sweep`. */
export interface SweepOptions {
  /**
   * Clocks per transaction.
   * @default 200
   */
  readonly batchSize?: number
}

/** What a sweep did. */
export interface SweepReport {
  /** Clocks found due. */
  readonly clocks: number
  readonly warnings: number
  readonly breaches: number
  readonly escalations: number
  /** Clocks another writer (a concurrent sweep, a case command) handled first. */
  readonly skipped: number
}

/**
 * The sweep of one tenant: finds every clock whose `nextEventAt` has come (an indexed range query, in
 * batches) and advances it, emitting each warning, breach and escalation crossed.
 *
 * Exactly once: each clock is written with compare-and-set on the version the sweep read, a batch at a
 * time (`updateManyIfVersion`). Of two sweeps reaching the same clock, one writes it and emits its events;
 * the other's write finds a new version (on Postgres it waits for the first to commit, then re-checks) and
 * skips the clock. A batch is one transaction, its events in the outbox with it: a sweep that fails halfway
 * leaves the batches it committed done and the rest due, for the next sweep to finish. Clocks are locked in
 * id order, the order case commands write a case's clocks in, so writers never deadlock.
 */
export function slaSweep(deps: ServiceDeps, tenantId: string) {
  return async function sweep(at?: TimestampInput, options: SweepOptions = {}): Promise<SweepReport> {
    const opts = validate(sweepOptions, options, 'sweep options')
    const now =
      at === undefined ? deps.clock.now().toISOString() : validate(timestampInput, at, 'sweep instant')
    const field = (name: string) => deps.catalogs.slaClock.fields.get(name)!
    const due = { kind: 'compare', field: field('nextEventAt'), op: 'lte', value: now } as const
    const report = { clocks: 0, warnings: 0, breaches: 0, escalations: 0, skipped: 0 }
    // No cursor: a clock this sweep writes leaves the due range (its next event lies after `now`), and one
    // another writer took has left it too, so each batch reads the first due clocks again. That is an
    // ordered index scan stopping at the limit; a keyset cursor's ORs make Postgres fetch and sort every
    // remaining due clock for each batch instead.
    const written = new Map<string, number>()
    for (;;) {
      const found = await runCommand(
        deps,
        tenantId,
        async (ctx) => {
          const rows = (await ctx.tx.find(slaClockEntity, tenantId, {
            filter: due,
            sort: [{ field: field('nextEventAt'), direction: 'asc' }],
            limit: opts.batchSize,
            now,
          })) as unknown as ClockRow[]
          // Due again at the version this sweep wrote would mean the clock never leaves: fail, never spin.
          const stuck = rows.find((row) => written.get(row.id) === row.version)
          if (stuck) {
            throw new Error(`SLA clock ${stuck.id} is still due after this sweep advanced it to ${now}`)
          }
          const env = clockEnv(deps, ctx)
          const steps = new Map<string, { row: ClockRow; step: ClockStep }>()
          for (const row of rows) {
            steps.set(row.id, {
              row,
              step: advanceClock(stateOf(row), { kind: 'tick' }, now, await calendarOf(env, row)),
            })
          }
          const updates = [...steps.values()].map(({ row, step }) => ({
            id: row.id,
            expectedVersion: row.version,
            changes: { ...step.clock, updatedAt: now },
          }))
          const wrote = ctx.tx.updateManyIfVersion
            ? await ctx.tx.updateManyIfVersion(slaClockEntity, tenantId, updates)
            : await updateEachIfVersion(ctx.tx, tenantId, updates)
          for (const { row, step } of steps.values()) {
            if (!wrote.has(row.id)) {
              report.skipped++
              continue
            }
            const clock = { ...row, ...step.clock, updatedAt: now, version: row.version + 1 }
            emitSignals(ctx, clock, step.signals)
            for (const signal of step.signals) {
              if (signal.kind === 'warning') report.warnings++
              else if (signal.kind === 'breached') report.breaches++
              else if (signal.kind === 'escalated') report.escalations++
            }
          }
          return { rows, wrote: rows.filter((row) => wrote.has(row.id)) }
        },
        { now },
      )
      for (const row of found.wrote) written.set(row.id, row.version + 1)
      report.clocks += found.rows.length
      if (found.rows.length < opts.batchSize) return report
    }
  }
}

/** The per-row fallback for adapters without a batched compare-and-set, in id order. */
async function updateEachIfVersion(
  tx: StorageTransaction,
  tenantId: string,
  updates: readonly VersionedUpdate[],
): Promise<ReadonlySet<string>> {
  const written = new Set<string>()
  for (const update of [...updates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const { id, expectedVersion, changes } = update
    if (await tx.updateIfVersion(slaClockEntity, tenantId, id, expectedVersion, changes)) written.add(id)
  }
  return written
}
