import type { z } from 'zod'
import type { ActivityTargetType } from '../domain/activity-types'
import { activityEntity, activityLinkEntity } from '../entities/activity-entity'
import { companyEntity } from '../entities/company-entity'
import { contactCompanyLinkEntity } from '../entities/contact-company-link-entity'
import { contactEntity } from '../entities/contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { Activity } from '../entities/records'
import { ValidationError } from '../errors/rapport-error'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { patchedFields } from '../runtime/record-row'
import type { RecordSpec } from '../runtime/record-service'
import { requireReferences } from '../runtime/require-existing'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { activityCreateInput, activityUpdateInput } from './activity-input'

/** The fields that link an activity to records, and the records they name; an activity keeps one link. */
const LINKS = { contactIds: contactEntity, companyIds: companyEntity, dealIds: dealEntity } as const
const LINK_FIELDS = Object.keys(LINKS) as (keyof typeof LINKS)[]

type ActivityCreateParsed = z.output<typeof activityCreateInput>
type ActivityUpdateParsed = z.output<typeof activityUpdateInput>

/** Each contact's primary company, for contacts that have one. */
async function primaryCompanies(deps: ServiceDeps, ctx: CommandContext, contactIds: readonly string[]) {
  const out = new Map<string, string>()
  if (contactIds.length === 0) return out
  const catalog = deps.catalogs.contactCompanyLink
  const filter: ResolvedFilter = {
    kind: 'and',
    items: [
      {
        kind: 'member',
        field: catalog.fields.get('contactId')!,
        negate: false,
        values: [...new Set(contactIds)],
      },
      { kind: 'compare', field: catalog.fields.get('isPrimary')!, op: 'eq', value: true },
    ],
  }
  const links = await ctx.tx.find(contactCompanyLinkEntity, ctx.tenantId, { filter, now: ctx.now })
  for (const link of links) out.set(link.contactId, link.companyId)
  return out
}

/** The timeline index rows of an activity: one per linked contact and company. */
export function activityLinkRows(deps: ServiceDeps, activity: StoredRow): StoredRow[] {
  const links: StoredRow[] = []
  const add = (targetType: ActivityTargetType, targetId: string) =>
    links.push({
      id: deps.newId(activityLinkEntity.idPrefix),
      activityId: activity.id,
      targetType,
      targetId,
      occurredAt: activity.occurredAt,
      activityType: activity.type,
    })
  for (const id of activity.contactIds as string[]) add('contact', id)
  for (const id of activity.companyIds as string[]) add('company', id)
  for (const id of activity.dealIds as string[]) add('deal', id)
  return links
}

function occurredAtFor(
  type: string,
  occurredAt: string | undefined,
  dueAt: string | null | undefined,
  now: string,
) {
  return occurredAt ?? (type === 'task' ? (dueAt ?? now) : now)
}

/** How activities plug into the generic record service; `Custom` types the app's activity custom fields. */
export function activitySpec<Custom = unknown>(
  deps: ServiceDeps,
): RecordSpec<Activity<Custom>, ActivityCreateParsed, ActivityUpdateParsed> {
  return {
    entity: activityEntity,
    catalog: deps.catalogs.activity,
    custom: deps.custom.activity,
    createSchema: activityCreateInput,
    updateSchema: activityUpdateInput,
    defaultSort: [{ field: 'occurredAt', direction: 'desc' }],
    archivable: false,

    // Only a task can be done; it is done when created so, and sits on the timeline at its due time.
    computeFields(input, { now }) {
      const done = input.type === 'task' ? (input.done ?? false) : false
      return {
        occurredAt: occurredAtFor(input.type, input.occurredAt, input.dueAt, now),
        done,
        completedAt: done ? now : null,
      }
    },

    async beforeInsert(ctx, drafts) {
      await requireReferences(
        ctx,
        drafts.map((d) => d.row),
        LINKS,
      )
      const wantPrimaries = drafts
        .filter((d) => d.input.linkPrimaryCompanies)
        .flatMap((d) => d.row.contactIds as string[])
      const primaries = await primaryCompanies(deps, ctx, wantPrimaries)
      return drafts.map(({ row, input }) => {
        if (!input.linkPrimaryCompanies) return row
        const companyIds = new Set(row.companyIds as string[])
        for (const contactId of row.contactIds as string[]) {
          const company = primaries.get(contactId)
          if (company) companyIds.add(company)
        }
        return { ...row, companyIds: [...companyIds] }
      })
    },

    async afterInsert(ctx, rows) {
      await ctx.tx.insert(
        activityLinkEntity,
        ctx.tenantId,
        rows.flatMap((row) => activityLinkRows(deps, row)),
      )
    },

    patchChanges(current, patch, custom) {
      const changes = patchedFields(patch)
      const isTask = current.type === 'task'
      if (!isTask && (changes.dueAt != null || changes.reminderAt != null)) {
        throw new ValidationError('Only tasks have dueAt and reminderAt', [
          {
            code: 'custom',
            path: ['dueAt'],
            message: 'Only tasks have dueAt and reminderAt',
            input: changes.dueAt,
          },
        ])
      }
      // A task sits on the timeline at its due time unless it was given an explicit time.
      if (isTask && 'dueAt' in changes && !('occurredAt' in patch && patch.occurredAt !== undefined)) {
        changes.occurredAt = (changes.dueAt as string | null) ?? current.occurredAt
      }
      const links = LINK_FIELDS.reduce((n, key) => n + ((changes[key] ?? current[key]) as string[]).length, 0)
      if (links === 0) {
        throw new ValidationError('An activity must stay linked to at least one contact, company or deal', [
          { code: 'custom', path: ['contactIds'], message: 'No links left', input: changes.contactIds },
        ])
      }
      if (custom !== undefined) changes.custom = custom
      return changes
    },

    async afterUpdate(ctx, _before, after, changed) {
      const changedLinks = LINK_FIELDS.filter((key) => changed.includes(key))
      await requireReferences(ctx, [after], Object.fromEntries(changedLinks.map((key) => [key, LINKS[key]])))
      if (changedLinks.length === 0 && !changed.includes('occurredAt')) return
      const catalog = deps.catalogs.activityLink
      await ctx.tx.deleteWhere(activityLinkEntity, ctx.tenantId, {
        kind: 'compare',
        field: catalog.fields.get('activityId')!,
        op: 'eq',
        value: after.id,
      })
      await ctx.tx.insert(activityLinkEntity, ctx.tenantId, activityLinkRows(deps, after))
    },

    events: {
      created: (ctx, activity) => ctx.emit('activity.created', { activity }),
      createdMany: (ctx, ids) => ctx.emit('activity.createdMany', { activityIds: ids, count: ids.length }),
      updated: (ctx, activity, changed) => ctx.emit('activity.updated', { activity, changedFields: changed }),
    },
  }
}
