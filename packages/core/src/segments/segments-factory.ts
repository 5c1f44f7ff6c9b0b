import type { ServiceDeps } from '../runtime/service-context'
import type { SegmentsApi, SegmentsCapability } from './api'
import { rfmService } from './rfm'
import { segmentAudience } from './segment-audience'
import { segmentsService } from './segments'

/** Builds the segments capability of one tenant: segments with their audiences, and RFM scores. */
export function createSegmentsApi(deps: ServiceDeps, tenantId: string): SegmentsCapability {
  const service = segmentsService(deps, tenantId)
  const segments: SegmentsApi = {
    create: service.create,
    get: service.get,
    list: service.list,
    update: service.update,
    delete: service.delete,
    addMembers: service.addMembers,
    removeMembers: service.removeMembers,
    count: service.count,
    members: service.members,
    stream: service.stream,
    memberIds: service.memberIds,
    matches: service.matches,
    diff: service.diff,
    audience: segmentAudience(deps, tenantId, service),
  }
  return {
    segments,
    rfm: rfmService(deps, tenantId),
  }
}
