import { z } from 'zod'
import { advanceClock, type ClockSignal, type ClockStep } from '../../domain/sla/sla-clock'
import type { SweepErrorHandler, SweepProblem } from '../../domain/sla/sweep-problem'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { validate } from '../../errors/validate'
import { andFilters, type ResolvedFilter } from '../../filter/resolved-filter'
import { type TimestampInput, timestampInput } from '../../kernel/timestamps'
import { runCommand, type ServiceDeps } from '../../runtime/service-context'
import { type ClockRow, calendarOf, clockEnv, emitSignals, stateOf } from './sla-clock-store'
import { updateClocksIfVersion } from './sla-retime'

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
  /** Clocks skipped as inconsistent (also told to the `onSweepError` hook); empty when all went well. */
  readonly problems: readonly SweepProblem[]
}

/**
 * How many inconsistent clocks one sweep sets aside before it stops (the rest stay due for the next): each
 * is left out of the due query by id, which keeps that query's parameter list bounded.
 */
export const MAX_SWEEP_PROBLEMS = 500

/** What one batch did; computed inside its transaction, counted once it committed. */
interface BatchOutcome {
  readonly found: number
  readonly wrote: readonly ClockRow[]
  readonly skipped: number
  readonly signals: readonly ClockSignal[]
  readonly problems: readonly SweepProblem[]
}

/**
 * The sweep of one tenant: finds every clock whose `nextEventAt` has passed (an indexed range query, in
 * batches) and advances it, emitting each warning, breach and escalation crossed.
 *
 * Exactly once: each clock is written with compare-and-set on the version the sweep read, a batch at a
 * time (`updateManyIfVersion`). Of two sweeps reaching the same clock, one writes it and emits its events;
 * the other's write finds a new version (on Postgres it waits for the first to commit, then re-checks) and
 * skips the clock. A batch is one transaction, its events in the outbox with it: a sweep that fails halfway
 * leaves the batches it committed done and the rest due, for the next sweep to finish. Clocks are locked in
 * id order, the order case commands write a case's clocks in, so writers never deadlock.
 *
 * Robust: a clock whose step throws, or would stay due, is reported ({@link SweepProblem}, in the report and
 * to `createCrm({ sla: { onSweepError } })`) and left out of the rest of this sweep; it never blocks the other clocks.
 */
export function slaSweep(deps: ServiceDeps, tenantId: string) {
  const onError = deps.sla.onSweepError
  return async function sweep(at?: TimestampInput, options: SweepOptions = {}): Promise<SweepReport> {
    const opts = validate(sweepOptions, options, 'sweep options')
    const now =
      at === undefined ? deps.clock.now().toISOString() : validate(timestampInput, at, 'sweep instant')
    const field = (name: string) => deps.catalogs.slaClock.fields.get(name)!
    const due = { kind: 'compare', field: field('nextEventAt'), op: 'lte', value: now } as const
    const report = { clocks: 0, warnings: 0, breaches: 0, escalations: 0, skipped: 0 }
    const problems: SweepProblem[] = []
    const setAside = new Set<string>()
    // No cursor: a clock this sweep writes leaves the due range (its next event lies after `now`), one
    // another writer took has left it too, and one set aside as inconsistent is excluded by id, so each
    // batch reads the first due clocks again. That is an ordered index scan stopping at the limit; a keyset
    // cursor's ORs make Postgres fetch and sort every remaining due clock for each batch instead.
    const written = new Map<string, number>()
    for (;;) {
      const filter: ResolvedFilter =
        setAside.size === 0
          ? due
          : andFilters(due, { kind: 'member', field: field('id'), negate: true, values: [...setAside] })
      const batch = await runCommand(
        deps,
        tenantId,
        async (ctx): Promise<BatchOutcome> => {
          const rows = await ctx.tx.find(slaClockEntity, tenantId, {
            filter,
            sort: [{ field: field('nextEventAt'), direction: 'asc' }],
            limit: opts.batchSize,
            now,
          })
          const env = clockEnv(deps, ctx)
          const found: SweepProblem[] = []
          const steps: { row: ClockRow; step: ClockStep }[] = []
          for (const row of rows) {
            const problem = (reason: SweepProblem['reason'], message: string, cause?: unknown) =>
              found.push({ tenantId, clockId: row.id, caseId: row.caseId, reason, message, cause })
            // Due again at the version this sweep wrote: it would never leave.
            if (written.get(row.id) === row.version) {
              problem('stuck', `SLA clock ${row.id} is still due after this sweep advanced it to ${now}`)
              continue
            }
            try {
              const step = advanceClock(stateOf(row), { kind: 'tick' }, now, await calendarOf(env, row))
              if (step.clock.nextEventAt !== null && step.clock.nextEventAt <= now) {
                problem(
                  'stuck',
                  `SLA clock ${row.id} would still be due at ${now} after this sweep (next event ${step.clock.nextEventAt})`,
                )
                continue
              }
              steps.push({ row, step })
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error)
              problem('failed', `SLA clock ${row.id} could not be advanced: ${message}`, error)
            }
          }
          const updates = steps.map(({ row, step }) => ({
            id: row.id,
            expectedVersion: row.version,
            changes: { ...step.clock, updatedAt: now },
          }))
          const wrote =
            updates.length === 0
              ? new Set<string>()
              : ctx.tx.updateManyIfVersion
                ? await ctx.tx.updateManyIfVersion(slaClockEntity, tenantId, updates)
                : await updateClocksIfVersion(ctx.tx, tenantId, updates)
          const signals: ClockSignal[] = []
          for (const { row, step } of steps) {
            if (!wrote.has(row.id)) continue
            const clock = { ...row, ...step.clock, updatedAt: now, version: row.version + 1 }
            emitSignals(ctx, clock, step.signals)
            signals.push(...step.signals)
          }
          return {
            found: rows.length,
            wrote: steps.filter(({ row }) => wrote.has(row.id)).map(({ row }) => row),
            skipped: steps.length - wrote.size,
            signals,
            problems: found,
          }
        },
        { now },
      )
      for (const row of batch.wrote) written.set(row.id, row.version + 1)
      report.clocks += batch.found
      report.skipped += batch.skipped
      for (const signal of batch.signals) {
        if (signal.kind === 'warning') report.warnings++
        else if (signal.kind === 'breached') report.breaches++
        else if (signal.kind === 'escalated') report.escalations++
      }
      for (const problem of batch.problems) {
        setAside.add(problem.clockId)
        problems.push(problem)
        tell(onError, problem)
      }
      if (batch.found < opts.batchSize || setAside.size >= MAX_SWEEP_PROBLEMS) {
        return { ...report, problems }
      }
    }
  }
}

/** Tells the hook; a hook that throws must not stop the sweep of the other clocks. */
function tell(onError: SweepErrorHandler | undefined, problem: SweepProblem): void {
  try {
    ;(onError ?? defaultSweepError)(problem)
  } catch {
    // The problem is in the report either way.
  }
}

/** Without a hook, a skipped clock is logged: an inconsistent clock must never pass unnoticed. */
export const defaultSweepError: SweepErrorHandler = (problem) => {
  console.error(
    `[rapport] sla.sweep skipped clock ${problem.clockId} of tenant ${problem.tenantId}`,
    problem.message,
  )
}
