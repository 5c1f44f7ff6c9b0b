import {
  CAMPAIGN_EVENT_KINDS,
  CAMPAIGN_STATUSES,
  type MemberStatus,
} from '../domain/campaigns/campaign-vocabulary'
import { CONTACT_CHANNELS, type ContactBlockReason } from '../domain/consent'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** What a campaign says to its audience. */
export interface CampaignMessage {
  readonly subject: string | null
  readonly body: string
}

/**
 * A marketing campaign: planned, launched to an audience taken from a segment, measured by its touches,
 * costs and the won deals attributed to it. Campaigns nest up to five levels; a hierarchy has one currency.
 */
export const campaignEntity = defineEntity({
  name: 'campaign',
  table: 'campaigns',
  idPrefix: 'cmp',
  versioned: true,
  customFields: false,
  since: 5,
  fields: {
    ...versionedSystemFields,
    name: field.requiredString(),
    /** Free label: webinar, email, trade show, paid search, ... */
    type: field.string(),
    /** The channel the campaign reaches its audience on; consent is checked on it. */
    channel: field.requiredEnum(CONTACT_CHANNELS),
    status: field.requiredEnum(CAMPAIGN_STATUSES),
    startDate: field.date(),
    endDate: field.date(),
    /** Every amount of the campaign (budget, costs, attributed revenue) is in this currency. */
    currency: field.requiredString(),
    budgetedCostMinor: field.integer(),
    expectedRevenueMinor: field.integer(),
    /** The share of the audience expected to respond, 0–1. */
    expectedResponseRate: field.number(),
    parentId: field.string(),
    /** The top campaign of the hierarchy (itself for a root): one currency per root. */
    rootId: field.requiredString(),
    /** 1 for a root, at most 5. */
    level: field.requiredInteger(),
    /** Key of the contact segment the audience is taken from at launch. */
    audienceSegmentKey: field.string(),
    /** What the campaign offers: product or offer names. */
    offers: field.stringList(),
    message: field.json<CampaignMessage | null>({ filterable: false }),
    memberStatuses: field.requiredJson<MemberStatus[]>({ filterable: false }),
    launchedAt: field.timestamp(),
    /** Segment members considered at launch. */
    audienceTotal: field.integer(),
    /** Segment members left out at launch, by reason (no consent, do not contact, ...). */
    audienceExclusions: field.json<Partial<Record<ContactBlockReason, number>> | null>({ filterable: false }),
    finishedAt: field.timestamp(),
  },
  foreignKeys: [{ name: 'campaigns_parent_fk', columns: ['parent_id'], references: 'campaigns' }],
  indexes: [
    { name: 'campaigns_parent', columns: ['parent_id'] },
    { name: 'campaigns_root', columns: ['root_id'] },
  ],
})

/** One contact in a campaign's audience, with the status the campaign gave them. */
export const campaignMemberEntity = defineEntity({
  name: 'campaignMember',
  table: 'campaign_members',
  idPrefix: 'cmm',
  versioned: true,
  customFields: false,
  since: 5,
  fields: {
    ...versionedSystemFields,
    campaignId: field.requiredString(),
    contactId: field.requiredString(),
    /** One of the campaign's member statuses. */
    status: field.requiredString(),
    /** When the member first reached a responded status. */
    respondedAt: field.timestamp(),
  },
  foreignKeys: [
    { name: 'campaign_members_campaign_fk', columns: ['campaign_id'], references: 'campaigns' },
    { name: 'campaign_members_contact_fk', columns: ['contact_id'], references: 'contacts' },
  ],
  indexes: [
    { name: 'campaign_members_pair', columns: ['campaign_id', 'contact_id'], unique: true },
    { name: 'campaign_members_status', columns: ['campaign_id', 'status'] },
    { name: 'campaign_members_contact', columns: ['contact_id'] },
  ],
})

/** Something that happened between a campaign and one of its members: a send, an open, a response, ... */
export const campaignTouchEntity = defineEntity({
  name: 'campaignTouch',
  table: 'campaign_touches',
  idPrefix: 'ctc',
  versioned: false,
  customFields: false,
  since: 5,
  fields: {
    campaignId: field.requiredString(),
    contactId: field.requiredString(),
    kind: field.requiredEnum(CAMPAIGN_EVENT_KINDS),
    /** When it happened (the sender's timestamp, not when it was recorded). */
    at: field.requiredTimestamp(),
    /** This touch created the opportunity (the `wShaped` model's middle touch). */
    opportunityCreated: field.boolean(),
    recordedAt: field.requiredTimestamp(),
  },
  foreignKeys: [
    { name: 'campaign_touches_campaign_fk', columns: ['campaign_id'], references: 'campaigns' },
    { name: 'campaign_touches_contact_fk', columns: ['contact_id'], references: 'contacts' },
  ],
  indexes: [
    { name: 'campaign_touches_campaign', columns: ['campaign_id', 'kind'] },
    { name: 'campaign_touches_contact', columns: ['contact_id', 'at'] },
  ],
})

/** One entry of a campaign's cost ledger; the campaign's actual cost is their sum. */
export const campaignCostEntity = defineEntity({
  name: 'campaignCost',
  table: 'campaign_costs',
  idPrefix: 'cco',
  versioned: false,
  customFields: false,
  since: 5,
  fields: {
    campaignId: field.requiredString(),
    /** The day the cost was incurred (always set). */
    incurredOn: field.date(),
    amountMinor: field.requiredInteger(),
    currency: field.requiredString(),
    /** Free label: media, agency, printing, venue, ... */
    category: field.requiredString(),
    note: field.string(),
    createdAt: field.requiredTimestamp(),
  },
  foreignKeys: [{ name: 'campaign_costs_campaign_fk', columns: ['campaign_id'], references: 'campaigns' }],
  indexes: [{ name: 'campaign_costs_campaign', columns: ['campaign_id', 'incurred_on'] }],
})
