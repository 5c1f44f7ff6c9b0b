import type { Case, SlaClock } from '@rapport/core'
import type { CallBackPriority } from './call-back-policy'

/**
 * Where a call-back stands: `waiting` (not called yet, still in time), `overdue` (not called, past its
 * due time), `met` (called in time) or `late` (called, after the due time).
 */
export type CallBackOutcome = 'waiting' | 'overdue' | 'met' | 'late'

/** A patient's call-back request, with its SLA. */
export interface CallBack {
  readonly caseId: string
  readonly patientId: string | null
  readonly reason: string
  readonly priority: CallBackPriority
  readonly requestedAt: string
  /** When the call is due by the clinic hours; null when no call-back policy applied. */
  readonly dueAt: string | null
  readonly calledBackAt: string | null
  readonly outcome: CallBackOutcome
  /** Business minutes from the request to the call; null while waiting. */
  readonly businessMinutes: number | null
}

/**
 * A call-back case as the front desk sees it, from the case and its first-response clock as stored (the
 * sweep and the case commands keep the clock's status current).
 */
export function callBackOf(kase: Case<unknown>, clock: SlaClock | undefined): CallBack {
  // A call stops the clock (metAt, late ones too); so does solving the request some other way.
  const calledBackAt = kase.firstRespondedAt ?? clock?.metAt ?? null
  const breached = clock?.breachedAt != null
  return {
    caseId: kase.id,
    patientId: kase.contactId,
    reason: kase.subject,
    priority: kase.priority === 'urgent' ? 'urgent' : 'normal',
    requestedAt: kase.createdAt,
    dueAt: clock?.dueAt ?? null,
    calledBackAt,
    outcome: calledBackAt === null ? (breached ? 'overdue' : 'waiting') : breached ? 'late' : 'met',
    businessMinutes: clock?.elapsedMinutes ?? null,
  }
}
