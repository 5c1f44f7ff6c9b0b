import { type CaseStatus, isUnfinishedStatus } from '../domain/cases/case-vocabulary'
import { pausesFromHistory } from '../domain/sla/pause-history'
import { advanceClock, type ClockEvent, type ClockStep, isStopped } from '../domain/sla/sla-clock'
import type { SlaMetric } from '../domain/sla/sla-metrics'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import type { Case, Company, Contact, SlaPolicy } from '../entities/records'
import { slaPolicyEntity } from '../entities/sla-policy-entity'
import type { ServiceDeps } from '../runtime/service-context'
import {
  type ClockEnv,
  type ClockRow,
  calendarOf,
  insertClocks,
  startClockRow,
  stateOf,
  writeClock,
} from './sla/sla-clock-store'
import { activePolicies, clockTargetOf, firstMatchingPolicy } from './sla/sla-policies'

/** A case as stored, with its version. */
export type CaseRow = Case<unknown> & { readonly version: number }

/** Does this status stop the resolution and next-response clocks? */
export function isPausing(deps: ServiceDeps, status: CaseStatus): boolean {
  return deps.sla.pausingStatuses.has(status)
}

/**
 * Chooses the policy of each case: the first active policy whose condition matches the case with its contact
 * and company. Loads the policies, contacts and companies once for all the cases.
 */
export async function choosePolicies(
  env: ClockEnv,
  cases: readonly Case<unknown>[],
): Promise<Map<string, SlaPolicy | null>> {
  const { deps, ctx } = env
  const chosen = new Map<string, SlaPolicy | null>()
  const policies = await activePolicies(deps, ctx.tx, ctx.tenantId, ctx.now)
  if (policies.length === 0) {
    for (const kase of cases) chosen.set(kase.id, null)
    return chosen
  }
  const ids = (key: 'contactId' | 'companyId') => [
    ...new Set(cases.flatMap((c) => (c[key] === null ? [] : [c[key]]))),
  ]
  const contacts = new Map(
    (await ctx.tx.getMany(contactEntity, ctx.tenantId, ids('contactId'))).map((c) => [c.id, c]),
  )
  const companies = new Map(
    (await ctx.tx.getMany(companyEntity, ctx.tenantId, ids('companyId'))).map((c) => [c.id, c]),
  )
  for (const kase of cases) {
    const record = {
      ...kase,
      contact: (kase.contactId === null
        ? null
        : (contacts.get(kase.contactId) ?? null)) as Contact<unknown> | null,
      company: (kase.companyId === null
        ? null
        : (companies.get(kase.companyId) ?? null)) as Company<unknown> | null,
    }
    chosen.set(kase.id, firstMatchingPolicy(deps, ctx.tenantId, policies, record, ctx.now))
  }
  return chosen
}

/** The policy a case is under, by the id it stored; null when none. */
export async function policyOfCase(env: ClockEnv, kase: Case<unknown>): Promise<SlaPolicy | null> {
  if (kase.slaPolicyId === null) return null
  const row = await env.ctx.tx.get(slaPolicyEntity, env.ctx.tenantId, kase.slaPolicyId)
  return row ?? null
}

/** Applies events in order to a clock as one change. */
function stepping(env: ClockEnv, events: readonly ClockEvent[]) {
  return async (row: ClockRow) => {
    const calendar = await calendarOf(env, row)
    let state = stateOf(row)
    const signals: ClockStep['signals'][number][] = []
    for (const event of events) {
      const step = advanceClock(state, event, env.ctx.now, calendar)
      state = step.clock
      signals.push(...step.signals)
    }
    return { step: { clock: state, signals } }
  }
}

async function apply(env: ClockEnv, clock: ClockRow, events: readonly ClockEvent[]): Promise<ClockRow> {
  return (await writeClock(env, clock, stepping(env, events), 'retry'))!
}

/** Clocks of a new case: first response and resolution from its creation, when its policy sets targets. */
export async function startClocksOfNewCases(
  env: ClockEnv,
  cases: readonly { kase: Case<unknown>; policy: SlaPolicy | null }[],
): Promise<void> {
  const started: Awaited<ReturnType<typeof startClockRow>>[] = []
  for (const { kase, policy } of cases) {
    if (policy === null) continue
    for (const metric of ['firstResponse', 'resolution'] as const) {
      const target = clockTargetOf(policy, kase.priority, metric)
      if (!target) continue
      const pausedAt = metric === 'resolution' && isPausing(env.deps, kase.status) ? kase.createdAt : null
      started.push(
        await startClockRow(env, kase, metric, 1, policy, { startedAt: kase.createdAt, target, pausedAt }),
      )
    }
  }
  await insertClocks(env, started)
}

/**
 * Re-applies a case's policy (after a change of the case, or a reopen): every running clock takes the
 * target the policy now sets for the case's priority, measured from its original start, or is cancelled
 * when there is none; clocks the policy asks for but the case lacks start from the original start too,
 * with the paused time the case's status history shows.
 */
export async function syncClocks(
  env: ClockEnv,
  kase: Case<unknown>,
  policy: SlaPolicy | null,
  clocks: readonly ClockRow[],
): Promise<ClockRow[]> {
  const { ctx, deps } = env
  const history = (from: string, metric: SlaMetric) =>
    metric === 'firstResponse'
      ? { pauses: [], pausedAt: null }
      : pausesFromHistory(
          kase.statusHistory,
          from,
          ctx.now,
          (s) =>
            // A solved spell before a reopen does not count towards resolution either.
            isPausing(deps, s) || (metric === 'resolution' && s === 'solved'),
        )
  // Has the thing this clock waits for still not happened?
  const waiting = (clock: ClockRow) =>
    isUnfinishedStatus(kase.status) &&
    (clock.metric === 'resolution' ||
      (clock.metric === 'firstResponse' && kase.firstRespondedAt === null) ||
      (clock.metric === 'nextResponse' && kase.awaitingReplySince === clock.startedAt))
  const current: ClockRow[] = []
  for (const clock of clocks) {
    const target = policy ? clockTargetOf(policy, kase.priority, clock.metric) : null
    const cancelled = isStopped(clock) && clock.metAt === null
    // Finished measurements stay as they are; a cancelled clock comes back when a target does, if what
    // it waits for still has not happened.
    if ((isStopped(clock) && !cancelled) || (cancelled && (!target || !waiting(clock)))) {
      current.push(clock)
      continue
    }
    const written = await writeClock(
      env,
      clock,
      async (row) => {
        const calendar = await calendarOf(env, row)
        if (!target || !policy)
          return { step: advanceClock(stateOf(row), { kind: 'cancel' }, ctx.now, calendar) }
        const event = {
          kind: 'retarget',
          target,
          calendar: await calendarOf(env, target),
          pauses: history(row.startedAt, row.metric),
        } as const
        return {
          step: advanceClock(stateOf(row), event, ctx.now, calendar),
          policyId: policy.id,
          priority: kase.priority,
        }
      },
      'retry',
    )
    current.push(written!)
  }
  if (policy === null || !isUnfinishedStatus(kase.status)) return current

  const has = (metric: SlaMetric) => current.some((c) => c.metric === metric)
  const running = (metric: SlaMetric) => current.some((c) => c.metric === metric && !isStopped(c))
  const started: Awaited<ReturnType<typeof startClockRow>>[] = []
  const target = (metric: SlaMetric) => clockTargetOf(policy, kase.priority, metric)

  const firstResponse = target('firstResponse')
  if (firstResponse && !has('firstResponse') && kase.firstRespondedAt === null) {
    started.push(
      await startClockRow(env, kase, 'firstResponse', 1, policy, {
        startedAt: kase.createdAt,
        target: firstResponse,
      }),
    )
  }
  const resolution = target('resolution')
  if (resolution && !has('resolution')) {
    const paused = history(kase.createdAt, 'resolution')
    started.push(
      await startClockRow(env, kase, 'resolution', 1, policy, {
        startedAt: kase.createdAt,
        target: resolution,
        ...paused,
      }),
    )
  }
  const nextResponse = target('nextResponse')
  if (
    nextResponse &&
    !running('nextResponse') &&
    kase.firstRespondedAt !== null &&
    kase.awaitingReplySince !== null
  ) {
    const paused = history(kase.awaitingReplySince, 'nextResponse')
    started.push(
      await startClockRow(env, kase, 'nextResponse', nextCycle(current), policy, {
        startedAt: kase.awaitingReplySince,
        target: nextResponse,
        ...paused,
      }),
    )
  }
  await insertClocks(env, started)
  return [...current, ...started.map((s) => s.row)]
}

/**
 * Keeps clocks in step with a status change: solving answers the case, so it stops every running clock
 * (met if in time, a breached one stays breached); a reopen runs the resolution clock again without
 * counting the solved spell; otherwise resolution and next-response clocks pause in a pausing status and
 * resume outside one.
 */
export async function followStatus(
  env: ClockEnv,
  before: Case<unknown>,
  after: Case<unknown>,
  clocks: readonly ClockRow[],
): Promise<ClockRow[]> {
  const to = after.status
  const pausing = isPausing(env.deps, to)
  const out: ClockRow[] = []
  for (const clock of clocks) {
    const events: ClockEvent[] = []
    if (to === 'solved') {
      if (!isStopped(clock)) events.push({ kind: 'stop' })
    } else if (clock.metric !== 'firstResponse') {
      const reopening = before.status === 'solved' && clock.metric === 'resolution'
      if (reopening) events.push({ kind: 'reactivate' })
      if (reopening || !isStopped(clock)) events.push({ kind: pausing ? 'pause' : 'resume' })
    }
    out.push(events.length === 0 ? clock : await apply(env, clock, events))
  }
  return out
}

/**
 * Keeps clocks in step with a new message: a public agent reply stops the first-response clock and the
 * running next-response clock; a customer message that waits for an answer after the first reply starts a
 * next-response cycle from the oldest unanswered customer message.
 */
export async function followMessage(
  env: ClockEnv,
  kase: Case<unknown>,
  message: { readonly authorKind: 'customer' | 'agent'; readonly visibility: 'public' | 'private' },
  clocks: readonly ClockRow[],
): Promise<ClockRow[]> {
  if (message.authorKind === 'agent') {
    if (message.visibility === 'private') return [...clocks]
    const out: ClockRow[] = []
    for (const clock of clocks) {
      const answers = clock.metric === 'firstResponse' || clock.metric === 'nextResponse'
      out.push(answers && !isStopped(clock) ? await apply(env, clock, [{ kind: 'stop' }]) : clock)
    }
    return out
  }
  if (
    kase.firstRespondedAt === null ||
    kase.awaitingReplySince === null ||
    !isUnfinishedStatus(kase.status) ||
    clocks.some((c) => c.metric === 'nextResponse' && !isStopped(c))
  ) {
    return [...clocks]
  }
  const policy = await policyOfCase(env, kase)
  const target = policy ? clockTargetOf(policy, kase.priority, 'nextResponse') : null
  if (!policy || !target) return [...clocks]
  const paused = pausesFromHistory(kase.statusHistory, kase.awaitingReplySince, env.ctx.now, (s) =>
    isPausing(env.deps, s),
  )
  const started = await startClockRow(env, kase, 'nextResponse', nextCycle(clocks), policy, {
    startedAt: kase.awaitingReplySince,
    target,
    ...paused,
  })
  await insertClocks(env, [started])
  return [...clocks, started.row]
}

function nextCycle(clocks: readonly ClockRow[]): number {
  return 1 + Math.max(0, ...clocks.filter((c) => c.metric === 'nextResponse').map((c) => c.cycle))
}
