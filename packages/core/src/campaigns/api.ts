import type { Campaign, CampaignCost, CampaignMember, CampaignTouch } from '../entities/records'
import type { FilterFieldsOf } from '../filter/typed-filter'
import type { ListOptions } from '../runtime/list-query'
import type { RecordApi, VersionOption } from '../runtime/record-api'
import type {
  CampaignCostInput,
  CampaignCreateInput,
  CampaignReportInput,
  CampaignTouchRecordInput,
  CampaignUpdateInput,
} from './campaign-input'
import type { CampaignLaunch, LaunchOptions } from './campaign-launch'
import type { CampaignMembersOptions } from './campaign-members'
import type { CampaignComparison, CampaignReport } from './campaign-report'
import type { TouchesRecorded } from './campaign-touches'

/**
 * Campaigns of one tenant, following the campaign process: plan (create, update: audience segment, offers,
 * budget, message) → launch (members from the audience, minus everyone who may not be contacted on the
 * channel) → record touches and costs → measure (report, compare).
 *
 * @example
 * ```ts
 * const spring = await t.campaigns.create({
 *   name: 'Spring tune-up', channel: 'email', currency: 'EUR', budgetedCostMinor: 50_000,
 *   audienceSegmentKey: 'customers',
 * })
 * const launch = await t.campaigns.launch(spring.id)
 * await t.campaigns.recordTouches(spring.id, [{ contactId: lena.id, kind: 'responded', at: new Date() }])
 * await t.campaigns.recordCost(spring.id, { date: '2026-04-01', amount: { amountMinor: 42_000, currency: 'EUR' }, category: 'media' })
 * const { rows } = await t.campaigns.report({ model: 'linear' })
 * ```
 */
export interface CampaignsApi
  extends RecordApi<
    Campaign,
    CampaignCreateInput,
    CampaignUpdateInput,
    ListOptions<FilterFieldsOf<Campaign>>
  > {
  /**
   * Launches a planned campaign to its audience segment (snapshot now): members are created for everyone
   * who may be contacted on the campaign's channel; the others are counted by reason.
   * @throws InvalidStateError (not planned, no audience, a company segment), NotFoundError (segment gone),
   *   ConflictError (changed since read)
   */
  launch(campaignId: string, options?: LaunchOptions): Promise<CampaignLaunch>
  /** Completes an active campaign or aborts a planned or active one. */
  finish(campaignId: string, status: 'completed' | 'aborted', options?: VersionOption): Promise<Campaign>
  /**
   * Records touches of members (sent, delivered, opened, clicked, responded, converted, unsubscribed) in
   * one transaction. `responded`/`converted` move a member into a responded status; `unsubscribed`
   * withdraws consent on the campaign's channel.
   * @throws NotFoundError (a contact that is not a member: nothing written), InvalidStateError (not launched)
   */
  recordTouches(campaignId: string, touches: readonly CampaignTouchRecordInput[]): Promise<TouchesRecorded>
  /** Adds a cost ledger entry, in the campaign's currency. @throws ValidationError (other currency) */
  recordCost(campaignId: string, cost: CampaignCostInput): Promise<CampaignCost>
  /** The cost ledger, oldest entry first. */
  costs(campaignId: string): Promise<CampaignCost[]>
  /** The members, by contact id; `status` narrows to one member status. */
  members(campaignId: string, options?: CampaignMembersOptions): Promise<CampaignMember[]>
  /** Every touch, oldest first. */
  touches(campaignId: string): Promise<CampaignTouch[]>
  /** Metrics per campaign, own and rolled up the hierarchy, under one attribution model. */
  report(options?: CampaignReportInput): Promise<CampaignReport>
  /** Campaigns side by side under the same model, with the leader of each metric. */
  compare(
    campaignIds: readonly string[],
    options?: Omit<CampaignReportInput, 'campaignIds'>,
  ): Promise<CampaignComparison>
}

/** The campaigns capability of one tenant, as `createCampaignsApi` builds it. */
export interface CampaignsCapability {
  readonly campaigns: CampaignsApi
}
