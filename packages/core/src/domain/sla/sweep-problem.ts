/**
 * A clock a sweep could not advance, and skipped: its step failed (a missing calendar, a corrupt row), or
 * advancing it would have left it due (its stored state contradicts its calendar). It is not written and
 * stays due; the next sweep tries it again. The other clocks of its batch, and of later batches, are swept.
 */
export interface SweepProblem {
  readonly tenantId: string
  readonly clockId: string
  readonly caseId: string
  /** `failed`: computing its step threw (`cause`); `stuck`: the step would leave it due at the sweep instant. */
  readonly reason: 'failed' | 'stuck'
  readonly message: string
  /** What was thrown, for `failed`. */
  readonly cause?: unknown
}

/** Told about each clock a sweep skipped as inconsistent (`createCrm({ sla: { onSweepError } })`). */
export type SweepErrorHandler = (problem: SweepProblem) => void
