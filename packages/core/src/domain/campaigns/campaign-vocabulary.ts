import { z } from 'zod'
import { TOUCH_KINDS } from './touch-kinds'

/** Where a campaign is in its life: planned until launched, active while it runs, then finished. */
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'aborted'] as const

/** One of {@link CAMPAIGN_STATUSES}. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/**
 * What can be recorded about a member: every attribution touch kind, plus `unsubscribed`, which is not a
 * touch (it earns no credit) but withdraws the member's consent on the campaign's channel.
 */
export const CAMPAIGN_EVENT_KINDS = [...TOUCH_KINDS, 'unsubscribed'] as const

/** One of {@link CAMPAIGN_EVENT_KINDS}. */
export type CampaignEventKind = (typeof CAMPAIGN_EVENT_KINDS)[number]

/** Validates one member status of a campaign. */
export const memberStatusSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** New members start in the default status; exactly one status is the default. */
    isDefault: z.boolean().default(false),
    /** Members in a responded status count as responses. */
    responded: z.boolean().default(false),
  })
  .strict()

/** One member status of a campaign, after validation. */
export type MemberStatus = z.output<typeof memberStatusSchema>

/** The statuses a campaign gets when it names none (Salesforce's defaults: Sent and Responded). */
export const DEFAULT_MEMBER_STATUSES: readonly MemberStatus[] = [
  { name: 'sent', isDefault: true, responded: false },
  { name: 'responded', isDefault: false, responded: true },
]

/**
 * Validates a campaign's member statuses: unique names, exactly one default, at least one responded
 * status (so response rates and the responded touch always have a status to put members in).
 */
export const memberStatusesSchema = z
  .array(memberStatusSchema)
  .min(2)
  .max(20)
  .superRefine((statuses, ctx) => {
    const names = new Set<string>()
    statuses.forEach((status, index) => {
      if (names.has(status.name)) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `Status ${status.name} repeats` })
      }
      names.add(status.name)
    })
    const defaults = statuses.filter((s) => s.isDefault).length
    if (defaults !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Expected exactly one default status, got ${defaults}`,
      })
    }
    if (!statuses.some((s) => s.responded)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Expected at least one responded status' })
    }
    if (statuses.some((s) => s.isDefault && s.responded)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'The default status cannot be a responded one' })
    }
  })
