import { z } from 'zod'
import { campaignTotalsSchema } from './campaign-totals'

/** The deepest a campaign hierarchy may go: a root is level 1, so a campaign may have at most 4 ancestors. */
export const MAX_CAMPAIGN_LEVELS = 5

const id = z.string().min(1).max(200)

/** Validates one campaign of a hierarchy: its id, its parent's id and its own totals. */
export const hierarchyCampaignSchema = z.object({
  campaignId: id,
  /** The parent campaign, which must be in the same input; null or absent for a root. */
  parentId: id.nullish(),
  /** The campaign's own totals, without its children's. */
  totals: campaignTotalsSchema,
})

/** One campaign of a hierarchy as the caller passes it to `rollUpCampaignHierarchy`. */
export type HierarchyCampaignInput = z.input<typeof hierarchyCampaignSchema>

/** Where each campaign sits in a validated hierarchy; indexes refer to the input array. */
export interface CampaignTree {
  readonly campaigns: readonly z.output<typeof hierarchyCampaignSchema>[]
  /** Index of each campaign's parent, or null for a root. */
  readonly parentIndex: readonly (number | null)[]
  /** Level of each campaign, 1 for a root. */
  readonly level: readonly number[]
}

/**
 * Validates a whole hierarchy and works out its shape: ids are unique, every parent is in the input, no
 * campaign is its own ancestor, and no campaign is deeper than {@link MAX_CAMPAIGN_LEVELS}. A parent
 * missing from the input is refused rather than treated as a root, so a partial hierarchy cannot be
 * rolled up by mistake: pass a subtree with its top campaign's parentId set to null.
 */
export const campaignHierarchySchema = z.array(hierarchyCampaignSchema).transform((campaigns, ctx) => {
  const indexById = new Map<string, number>()
  campaigns.forEach((campaign, index) => {
    if (indexById.has(campaign.campaignId)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'campaignId'],
        message: `Campaign ${campaign.campaignId} appears more than once`,
      })
    }
    indexById.set(campaign.campaignId, index)
  })
  const parentIndex = campaigns.map((campaign, index) => {
    if (campaign.parentId == null) return null
    const parent = indexById.get(campaign.parentId)
    if (parent !== undefined) return parent
    ctx.addIssue({
      code: 'custom',
      path: [index, 'parentId'],
      message: `Parent ${campaign.parentId} of campaign ${campaign.campaignId} is not in the input`,
    })
    return null
  })
  if (ctx.issues.length > 0) return z.NEVER
  const level = levelsOf(parentIndex)
  for (const [index, campaignLevel] of level.entries()) {
    const campaignId = campaigns[index]!.campaignId
    if (campaignLevel === 'cycle') {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'parentId'],
        message: `Campaign ${campaignId} is in or under a loop of parent links; a hierarchy must not loop`,
      })
    } else if (campaignLevel > MAX_CAMPAIGN_LEVELS) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'parentId'],
        message: `Campaign ${campaignId} is at level ${campaignLevel}, deeper than ${MAX_CAMPAIGN_LEVELS}`,
      })
    }
  }
  if (ctx.issues.length > 0) return z.NEVER
  return { campaigns, parentIndex, level: level as number[] } satisfies CampaignTree
})

/**
 * The level of every node (1 for a root), or `'cycle'` for a node that is on or under a loop. Each node is
 * walked up once: the walk stops at a node whose level is known, so the whole pass is linear.
 */
function levelsOf(parentIndex: readonly (number | null)[]): (number | 'cycle')[] {
  const level: (number | 'cycle' | undefined)[] = parentIndex.map(() => undefined)
  for (let start = 0; start < parentIndex.length; start++) {
    const path: number[] = []
    const onPath = new Set<number>()
    let node: number | null = start
    let known: number | 'cycle' = 0
    while (node !== null) {
      const nodeLevel = level[node]
      if (nodeLevel !== undefined) {
        known = nodeLevel
        break
      }
      if (onPath.has(node)) {
        known = 'cycle'
        break
      }
      path.push(node)
      onPath.add(node)
      node = parentIndex[node] ?? null
    }
    // Assign from the top of the walk down: each node is one level below its parent.
    for (const visited of path.reverse()) {
      known = known === 'cycle' ? 'cycle' : known + 1
      level[visited] = known
    }
  }
  return level as (number | 'cycle')[]
}
