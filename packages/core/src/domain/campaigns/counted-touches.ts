import type { CampaignTouch } from './attribution-input'

/** A touch that counts toward a deal's attribution, in the form the weight functions read. */
export interface CountedTouch {
  readonly campaignId: string
  /** Milliseconds since the epoch. */
  readonly atMs: number
  readonly opportunityCreated: boolean
}

/**
 * The touches that count for a deal closed at `closedAtMs`, in the one order every model reads them.
 *
 * A touch at exactly the close counts: the touch that closes a deal (a `converted` event logged with the
 * win) is often stamped with the same instant, and it is the last touch rather than a later one.
 *
 * Order: by time; equal times by campaign id (code-unit order, not locale order, so it never depends on
 * the runtime's locale); then touches flagged `opportunityCreated` first; then input order. Only touches
 * equal in every field a weight reads are left to input order, so shuffling the input never changes an
 * attribution.
 */
export function countedTouches(touches: readonly CampaignTouch[], closedAtMs: number): CountedTouch[] {
  return touches
    .map((touch, index) => ({
      campaignId: touch.campaignId,
      atMs: Date.parse(touch.at),
      opportunityCreated: touch.opportunityCreated === true,
      index,
    }))
    .filter((touch) => touch.atMs <= closedAtMs)
    .sort(
      (a, b) =>
        a.atMs - b.atMs ||
        compareCodeUnits(a.campaignId, b.campaignId) ||
        Number(b.opportunityCreated) - Number(a.opportunityCreated) ||
        a.index - b.index,
    )
    .map(({ campaignId, atMs, opportunityCreated }) => ({ campaignId, atMs, opportunityCreated }))
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}
