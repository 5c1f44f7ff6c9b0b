import type { BusinessCalendar } from '../../domain/sla/compiled-calendar'
import type {
  ClockSignal,
  ClockStart,
  ClockStep,
  ClockTarget,
  SlaClockState,
} from '../../domain/sla/sla-clock'
import { startClock } from '../../domain/sla/sla-clock'
import type { SlaMetric } from '../../domain/sla/sla-metrics'
import type { Case, SlaClock, SlaPolicy } from '../../entities/records'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { ConflictError } from '../../errors/rapport-error'
import type { CommandContext, ServiceDeps } from '../../runtime/service-context'
import { changedFields } from '../../runtime/versioned-write'
import { calendarLoader } from './sla-calendar-store'

/** A stored clock with the version its next write must name. */
export type ClockRow = SlaClock & { readonly version: number }

/** What clock work inside one command needs: the command and a memo of the calendars it loaded. */
export interface ClockEnv {
  readonly deps: ServiceDeps
  readonly ctx: CommandContext
  readonly calendar: (key: string) => Promise<BusinessCalendar>
}

/** The clock environment of a command. */
export function clockEnv(deps: ServiceDeps, ctx: CommandContext): ClockEnv {
  return { deps, ctx, calendar: calendarLoader(deps, ctx.tx, ctx.tenantId) }
}

/** The calendar a target counts in: its business calendar, or null for 24×7. */
export async function calendarOf(
  env: Pick<ClockEnv, 'calendar'>,
  target: Pick<ClockTarget, 'business' | 'calendarKey'>,
): Promise<BusinessCalendar | null> {
  return target.business && target.calendarKey !== null ? env.calendar(target.calendarKey) : null
}

/** The clocks of some cases, in id order (the order every writer locks them in, so writers never deadlock). */
export async function clocksOfCases(env: ClockEnv, caseIds: readonly string[]): Promise<ClockRow[]> {
  if (caseIds.length === 0) return []
  const rows = await env.ctx.tx.find(slaClockEntity, env.ctx.tenantId, {
    filter: {
      kind: 'member',
      field: env.deps.catalogs.slaClock.fields.get('caseId')!,
      negate: false,
      values: caseIds,
    },
    now: env.ctx.now,
  })
  return rows
}

/** The target a stored clock measures against. */
export function targetOf(row: SlaClock): ClockTarget {
  return {
    targetMinutes: row.targetMinutes,
    business: row.business,
    calendarKey: row.calendarKey,
    warningShare: row.warningShare,
    escalations: row.escalations,
  }
}

/** The measuring state of a stored clock. */
export function stateOf(row: SlaClock): SlaClockState {
  return {
    ...targetOf(row),
    status: row.status,
    startedAt: row.startedAt,
    pauses: row.pauses,
    pausedMinutes: row.pausedMinutes,
    pausedAt: row.pausedAt,
    dueAt: row.dueAt,
    warnAt: row.warnAt,
    warnedAt: row.warnedAt,
    breachedAt: row.breachedAt,
    escalationLevel: row.escalationLevel,
    metAt: row.metAt,
    stoppedAt: row.stoppedAt,
    elapsedMinutes: row.elapsedMinutes,
    nextEventAt: row.nextEventAt,
  }
}

/** A clock step as a change to its row: the new state, and optionally the policy and priority behind it. */
export interface ClockChange {
  readonly step: ClockStep
  readonly policyId?: string
  readonly priority?: Case<unknown>['priority']
}

/**
 * Writes a clock change with compare-and-set on the version that was read, and emits its signals as
 * events. When another writer (a sweep) changed the clock in between, `onConflict` decides: `retry`
 * re-reads the clock and recomputes the change from it (a case command must not fail because a sweep
 * passed), `skip` leaves the clock to the writer that won and returns null (a sweep, so that each event is
 * emitted exactly once).
 */
export async function writeClock(
  env: ClockEnv,
  row: ClockRow,
  change: (row: ClockRow) => Promise<ClockChange>,
  onConflict: 'retry' | 'skip',
): Promise<ClockRow | null> {
  const { ctx } = env
  let current = row
  for (let attempt = 1; ; attempt++) {
    const { step, policyId, priority } = await change(current)
    const next = { ...step.clock, ...(policyId ? { policyId } : {}), ...(priority ? { priority } : {}) }
    const changed = changedFields(current, next)
    if (changed.length === 0) return current
    const changes: Record<string, unknown> = { updatedAt: ctx.now }
    for (const key of changed) changes[key] = next[key as keyof typeof next]
    if (await ctx.tx.updateIfVersion(slaClockEntity, ctx.tenantId, current.id, current.version, changes)) {
      const written = { ...current, ...changes, version: current.version + 1 } as ClockRow
      emitSignals(ctx, written, step.signals)
      return written
    }
    if (onConflict === 'skip') return null
    const fresh = (await ctx.tx.get(slaClockEntity, ctx.tenantId, current.id)) as ClockRow | undefined
    if (!fresh || attempt === 3) {
      throw new ConflictError(`SLA clock ${current.id} kept changing while this command ran; retry it`, {
        details: { entity: 'slaClock', id: current.id },
      })
    }
    current = fresh
  }
}

/** A new clock row for a case, started by the pure clock; its signals (a late start) are emitted on insert. */
export async function startClockRow(
  env: ClockEnv,
  kase: Pick<Case<unknown>, 'id' | 'priority'>,
  metric: SlaMetric,
  cycle: number,
  policy: SlaPolicy,
  start: ClockStart,
): Promise<{ row: ClockRow; signals: readonly ClockSignal[] }> {
  const { ctx, deps } = env
  const step = startClock(start, ctx.now, await calendarOf(env, start.target))
  const row = {
    id: deps.newId(slaClockEntity.idPrefix),
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    caseId: kase.id,
    metric,
    cycle,
    policyId: policy.id,
    priority: kase.priority,
    ...step.clock,
  } as ClockRow
  return { row, signals: step.signals }
}

/** Inserts started clocks in one statement and emits what their starts announced. */
export async function insertClocks(
  env: ClockEnv,
  started: readonly { row: ClockRow; signals: readonly ClockSignal[] }[],
): Promise<void> {
  if (started.length === 0) return
  await env.ctx.tx.insert(
    slaClockEntity,
    env.ctx.tenantId,
    started.map((s) => s.row),
  )
  for (const { row, signals } of started) emitSignals(env.ctx, row, signals)
}

/** Emits what a clock step announced, as `sla.*` events carrying the clock after the step. */
export function emitSignals(ctx: CommandContext, clock: SlaClock, signals: readonly ClockSignal[]): void {
  for (const signal of signals) {
    switch (signal.kind) {
      case 'warning':
        ctx.emit('sla.warning', { caseId: clock.caseId, clock, at: signal.at })
        break
      case 'breached':
        ctx.emit('sla.breached', { caseId: clock.caseId, clock, at: signal.at })
        break
      case 'escalated':
        ctx.emit('sla.escalated', {
          caseId: clock.caseId,
          clock,
          at: signal.at,
          level: signal.level,
          action: signal.action,
        })
        break
      case 'met':
        ctx.emit('sla.met', {
          caseId: clock.caseId,
          clock,
          at: signal.at,
          elapsedMinutes: signal.elapsedMinutes,
        })
        break
    }
  }
}
