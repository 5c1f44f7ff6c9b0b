import type { CaseStatus } from './case-vocabulary'

/**
 * The status moves a case may make. Working statuses move freely among themselves and to `solved`;
 * `solved` goes back to `open` (a reopen) or on to `closed`; `closed` is final. Nothing returns to `new`.
 */
export const CASE_STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['open', 'pending', 'onHold', 'solved'],
  open: ['pending', 'onHold', 'solved'],
  pending: ['open', 'onHold', 'solved'],
  onHold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
}

/** The outcome of asking whether a case may move from one status to another. */
export type CaseStatusMove =
  | {
      readonly ok: true
      /** True when nothing changes (the case is already in that status). */
      readonly unchanged: boolean
      /** True for `solved → open`: the resolution clock runs again. */
      readonly reopen: boolean
    }
  | { readonly ok: false; readonly message: string }

/**
 * Decides a status move by {@link CASE_STATUS_TRANSITIONS}. Moving to the current status is allowed and
 * changes nothing.
 *
 * @example
 * ```ts
 * caseStatusMove('solved', 'open') // { ok: true, unchanged: false, reopen: true }
 * caseStatusMove('closed', 'open') // { ok: false, message: 'A closed case is final; ...' }
 * ```
 */
export function caseStatusMove(from: CaseStatus, to: CaseStatus): CaseStatusMove {
  if (from === to) return { ok: true, unchanged: true, reopen: false }
  if (CASE_STATUS_TRANSITIONS[from].includes(to)) {
    return { ok: true, unchanged: false, reopen: from === 'solved' && to === 'open' }
  }
  if (from === 'closed') {
    return { ok: false, message: 'A closed case is final; open a new case for a follow-up' }
  }
  const allowed = CASE_STATUS_TRANSITIONS[from]
  return { ok: false, message: `A ${from} case can move to ${allowed.join(', ')}, not to ${to}` }
}
