import type { PauseInterval } from './sla-clock'

/** One entry of a case's status history: the status it entered, and when. */
export interface StatusChange<S extends string = string> {
  readonly status: S
  readonly at: string
}

/** The pauses a clock started at `from` would have had by `now`, from the case's status history. */
export interface HistoricPauses {
  /** Closed pauses after `from`. */
  readonly pauses: readonly PauseInterval[]
  /** Start of the pause still open at `now`, or null. */
  readonly pausedAt: string | null
}

/**
 * Replays a status history (oldest first) to find the stretches after `from` spent in a status for which
 * `pausing` is true: what a clock would have excluded had it been running since `from`.
 *
 * @example
 * ```ts
 * pausesFromHistory(
 *   [{ status: 'new', at: '09:00' }, { status: 'pending', at: '10:00' }, { status: 'open', at: '12:00' }],
 *   '09:00', '13:00', (s) => s === 'pending',
 * ) // { pauses: [{ from: '10:00', to: '12:00' }], pausedAt: null } (ISO instants in real use)
 * ```
 */
export function pausesFromHistory<S extends string>(
  history: readonly StatusChange<S>[],
  from: string,
  now: string,
  pausing: (status: S) => boolean,
): HistoricPauses {
  const pauses: PauseInterval[] = []
  let openedAt: string | null = null
  for (const change of history) {
    if (change.at > now) break
    const at = change.at < from ? from : change.at
    if (pausing(change.status)) {
      openedAt ??= at
    } else if (openedAt !== null) {
      if (at > openedAt) pauses.push({ from: openedAt, to: at })
      openedAt = null
    }
  }
  return { pauses, pausedAt: openedAt }
}
