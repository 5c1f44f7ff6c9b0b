import type { BusinessCalendar } from '../../domain/sla/compiled-calendar'
import { advanceClock, type ClockEvent, type ClockStep } from '../../domain/sla/sla-clock'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { ConflictError } from '../../errors/rapport-error'
import { andFilters, type ResolvedFilter } from '../../filter/resolved-filter'
import type { CommandContext, ServiceDeps } from '../../runtime/service-context'
import { changedFields } from '../../runtime/versioned-write'
import type { StorageTransaction, VersionedUpdate } from '../../storage/storage-port'
import { type ClockEnv, type ClockRow, clockEnv, emitSignals, stateOf, targetOf } from './sla-clock-store'

/** Open clocks read and rewritten per statement while re-timing. */
const PAGE_SIZE = 500

/** How a clock is re-timed: the calendar it counted in until now, and the event that re-times it. */
export interface Retiming {
  readonly before: BusinessCalendar | null
  readonly event: ClockEvent
}

/**
 * Re-times, inside the edit's transaction, every open (running or paused) clock of the tenant that `which`
 * selects: each is first advanced to now in the calendar it counted in (thresholds it already passed are
 * announced at the instants they happened), then given its new target or calendar, re-measured from its
 * original start; thresholds the new timing puts behind are announced at once. Stopped clocks are finished
 * measurements and stay as they are. Clocks are read in id order, a page at a time, and written with one
 * compare-and-set per page; a clock another writer changed meanwhile fails the command with a retryable
 * `conflict` (`changedSinceRead`), so the edit never leaves a clock timed by the old rules.
 *
 * @returns how many open clocks the edit reached.
 */
export async function retimeOpenClocks(
  env: ClockEnv,
  which: ResolvedFilter,
  retiming: (row: ClockRow) => Promise<Retiming>,
): Promise<number> {
  const { ctx, deps } = env
  const field = (name: string) => deps.catalogs.slaClock.fields.get(name)!
  const filter = andFilters(which, { kind: 'present', field: field('stoppedAt'), negate: true })
  let after: readonly unknown[] | undefined
  let total = 0
  for (;;) {
    const rows = await ctx.tx.find(slaClockEntity, ctx.tenantId, {
      filter,
      ...(after ? { after } : {}),
      limit: PAGE_SIZE,
      now: ctx.now,
    })
    const steps: { row: ClockRow; step: ClockStep }[] = []
    for (const row of rows) {
      const { before, event } = await retiming(row)
      const step = advanceClock(stateOf(row), event, ctx.now, before)
      // An edit that changes nothing for this clock (another calendar's hours, the same target) leaves it be.
      if (step.signals.length > 0 || changedFields(row, { ...step.clock }).length > 0)
        steps.push({ row, step })
    }
    await writeSteps(ctx, steps)
    total += rows.length
    if (rows.length < PAGE_SIZE) return total
    after = [rows.at(-1)!.id]
  }
}

async function writeSteps(
  ctx: CommandContext,
  steps: readonly { row: ClockRow; step: ClockStep }[],
): Promise<void> {
  if (steps.length === 0) return
  const updates = steps.map(({ row, step }) => ({
    id: row.id,
    expectedVersion: row.version,
    changes: { ...step.clock, updatedAt: ctx.now },
  }))
  const wrote = ctx.tx.updateManyIfVersion
    ? await ctx.tx.updateManyIfVersion(slaClockEntity, ctx.tenantId, updates)
    : await updateClocksIfVersion(ctx.tx, ctx.tenantId, updates)
  const missed = steps.find(({ row }) => !wrote.has(row.id))
  if (missed) {
    throw new ConflictError(
      `SLA clock ${missed.row.id} changed while its calendar or policy was edited; retry`,
      {
        details: { reason: 'changedSinceRead', entity: 'slaClock', id: missed.row.id },
      },
    )
  }
  for (const { row, step } of steps) {
    emitSignals(ctx, { ...row, ...step.clock, updatedAt: ctx.now, version: row.version + 1 }, step.signals)
  }
}

/** The per-row fallback for adapters without a batched compare-and-set, in id order. */
export async function updateClocksIfVersion(
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

/**
 * After a calendar edit: every open business clock counting in it keeps its target and is re-measured in
 * the new hours from its original start (paused spells too).
 */
export function retimeForCalendar(
  deps: ServiceDeps,
  ctx: CommandContext,
  key: string,
  before: BusinessCalendar,
  after: BusinessCalendar,
): Promise<number> {
  const field = (name: string) => deps.catalogs.slaClock.fields.get(name)!
  const which = andFilters(
    { kind: 'compare', field: field('calendarKey'), op: 'eq', value: key },
    { kind: 'compare', field: field('business'), op: 'eq', value: true },
  )
  return retimeOpenClocks(clockEnv(deps, ctx), which, async (row) => ({
    before,
    event: { kind: 'retarget', target: targetOf(row), calendar: after },
  }))
}
