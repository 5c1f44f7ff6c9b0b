import { z } from 'zod'
import { ACTIVITY_TYPES, type ActivityTargetType, type ActivityType } from '../domain/activity-types'
import { activityEntity, activityLinkEntity } from '../entities/activity-entity'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { EntityDescription } from '../entities/entity'
import type { Activity, Page } from '../entities/records'
import { NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { resolveListQuery, toPage } from '../runtime/list-query'
import type { ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'

const TIMELINE_OWNERS: Record<ActivityTargetType, EntityDescription> = {
  contact: contactEntity,
  company: companyEntity,
  deal: dealEntity,
}

const timelineOptions = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    cursor: z.string().nullish(),
    types: z.array(z.enum(ACTIVITY_TYPES)).min(1).optional(),
  })
  .strict()

/** Options of a timeline query. */
export interface TimelineOptions {
  /** @default 50 */
  readonly limit?: number
  readonly cursor?: string | null
  /** Only these activity types. */
  readonly types?: readonly ActivityType[]
}

/** The activities of a contact, company or deal, newest first, a page at a time. */
export type TimelineOf = (
  targetType: ActivityTargetType,
  targetId: string,
  options?: TimelineOptions,
) => Promise<Page<Activity<unknown>>>

/** The timeline of a contact or company: its activities, newest first, a page at a time. */
export function timeline(deps: ServiceDeps, tenantId: string): TimelineOf {
  const catalog = deps.catalogs.activityLink
  const field = (name: string) => catalog.fields.get(name)!

  return async function timelineOf(
    targetType: ActivityTargetType,
    targetId: string,
    options: TimelineOptions = {},
  ): Promise<Page<Activity<unknown>>> {
    const parsed = validate(timelineOptions, options, 'timeline options')
    const owner = TIMELINE_OWNERS[targetType]
    if (!(await deps.adapter.reader.get(owner, tenantId, targetId)))
      throw new NotFoundError(targetType, targetId)
    const items: ResolvedFilter[] = [
      { kind: 'compare', field: field('targetType'), op: 'eq', value: targetType },
      { kind: 'compare', field: field('targetId'), op: 'eq', value: targetId },
    ]
    if (parsed.types)
      items.push({ kind: 'member', field: field('activityType'), negate: false, values: parsed.types })
    const query = resolveListQuery(
      catalog,
      { limit: parsed.limit, cursor: parsed.cursor, sort: [{ field: 'occurredAt', direction: 'desc' }] },
      [],
      { kind: 'and', items },
    )
    const links = await deps.adapter.reader.find(activityLinkEntity, tenantId, {
      ...(query.filter ? { filter: query.filter } : {}),
      sort: query.sort,
      ...(query.after ? { after: query.after } : {}),
      limit: query.limit + 1,
      now: deps.clock.now().toISOString(),
    })
    const page = toPage(links as StoredRow[], query, (link) => link.activityId as string)
    const activities = new Map(
      (await deps.adapter.reader.getMany(activityEntity, tenantId, page.items)).map((a) => [a.id, a]),
    )
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((id) => activities.get(id) as unknown as Activity<unknown>),
    }
  }
}
