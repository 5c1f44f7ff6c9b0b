import {
  campaignCostInput,
  campaignCreateInput,
  campaignReportInput,
  campaignTouchesInput,
  campaignUpdateInput,
} from '../campaigns/campaign-input'
import { caseCreateInput, caseMessageInput, caseUpdateInput } from '../cases/case-input'
import { activityCreateInput, activityUpdateInput } from '../customers/activity-input'
import { companyCreateInput, companyUpdateInput } from '../customers/company-input'
import { channelConsentInput, contactCreateInput, contactUpdateInput } from '../customers/contact-input'
import { purchaseCreateInput, purchaseUpdateInput } from '../customers/purchase-input'
import {
  dealCloseOptions,
  dealContactInput,
  dealCreateInput,
  dealMoveOptions,
  dealUpdateInput,
} from '../pipeline/deal-input'
import { pipelineUpdateOptions } from '../pipeline/pipeline-input'
import { segmentCreateInput, segmentUpdateInput } from '../segments/segment-input'

/**
 * The zod schemas Rapport validates its inputs with, for apps that validate at their own edge too (an
 * HTTP API answering 422 before calling Rapport, a form, an OpenAPI generator). Custom fields are checked
 * by Rapport against your `customFields` schemas; here they are `unknown`.
 *
 * @example
 * ```ts
 * const parsed = inputSchemas.contactCreate.safeParse(await request.json())
 * if (!parsed.success) return json({ issues: parsed.error.issues }, 422)
 * ```
 */
export const inputSchemas = {
  contactCreate: contactCreateInput,
  contactUpdate: contactUpdateInput,
  channelConsent: channelConsentInput,
  companyCreate: companyCreateInput,
  companyUpdate: companyUpdateInput,
  activityCreate: activityCreateInput,
  activityUpdate: activityUpdateInput,
  dealCreate: dealCreateInput,
  dealUpdate: dealUpdateInput,
  dealMove: dealMoveOptions,
  dealClose: dealCloseOptions,
  dealContact: dealContactInput,
  pipelineUpdate: pipelineUpdateOptions,
  purchaseCreate: purchaseCreateInput,
  purchaseUpdate: purchaseUpdateInput,
  segmentCreate: segmentCreateInput,
  segmentUpdate: segmentUpdateInput,
  caseCreate: caseCreateInput,
  caseUpdate: caseUpdateInput,
  caseMessage: caseMessageInput,
  campaignCreate: campaignCreateInput,
  campaignUpdate: campaignUpdateInput,
  campaignTouches: campaignTouchesInput,
  campaignCost: campaignCostInput,
  campaignReport: campaignReportInput,
} as const
