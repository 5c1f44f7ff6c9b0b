import { recordApi } from '../runtime/record-api'
import { createRecordService } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import type { SegmentsApi } from '../segments/api'
import type { CampaignsApi, CampaignsCapability } from './api'
import { campaignCosts } from './campaign-costs'
import { campaignLaunch } from './campaign-launch'
import { campaignMembers } from './campaign-members'
import { campaignReports } from './campaign-report'
import { campaignSpec } from './campaign-spec'
import { campaignTouches } from './campaign-touches'

/**
 * Builds the campaigns capability of one tenant. A launch takes its members from a segment's audience,
 * which `segments` (the segments capability) computes.
 */
export function createCampaignsApi(
  deps: ServiceDeps,
  tenantId: string,
  segments: Pick<SegmentsApi, 'audience'>,
): CampaignsCapability {
  const launching = campaignLaunch(deps, tenantId, segments.audience)
  const touching = campaignTouches(deps, tenantId)
  const spending = campaignCosts(deps, tenantId)
  const membership = campaignMembers(deps, tenantId)
  const reporting = campaignReports(deps, tenantId)
  const campaigns: CampaignsApi = {
    ...recordApi(createRecordService(deps, tenantId, campaignSpec(deps))),
    launch: launching.launch,
    finish: launching.finish,
    recordTouches: touching.recordTouches,
    recordCost: spending.recordCost,
    costs: spending.costs,
    members: membership.members,
    touches: membership.touches,
    report: reporting.report,
    compare: reporting.compare,
  }
  return { campaigns }
}
