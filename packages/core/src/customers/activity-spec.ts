import type { z } from 'zod'
import type { ActivityTargetType } from '../domain/activity-types'
import { activityEntity, activityLinkEntity } from '../entities/activity-entity'
import { companyEntity } from '../entities/company-entity'
import { contactCompanyLinkEntity } from '../entities/contact-company-link-entity'
import { contactEntity } from '../entities/contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { EntityDescription } from '../entities/entity'
import type { Activity } from '../entities/records'
import { NotFoundError, ValidationError } from '../errors/rapport-error'
import type { ResolvedFilter } from '../filter/resolved-filter'
import type { RecordSpec } from '../runtime/record-service'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { activityCreateInput, activityUpdateInput } from './activity-input'

/** The fields that link an activity to records; an activity keeps at least one link. */
const LINK_FIELDS = ['contactIds', 'companyIds', 'dealIds'] as const

type ActivityCreateParsed = z.output<typeof activityCreateInput>
type ActivityUpdateParsed = z.output<typeof activityUpdateInput>

/** Fails with NotFoundError naming the first id that does not exist in the tenant. */
async function requireExisting(ctx: CommandContext, entity: EntityDescription, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return
  const found = new Set((await ctx.tx.getMany(entity, ctx.tenantId, unique)).map((r) => r.id))
  const missing = unique.find((id) => !found.has(id))
  if (missing !== undefined) throw new NotFoundError(entity.name, missing)
}

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

/** How activities plug into the generic record service. */
export function activitySpec(
  deps: ServiceDeps,
): RecordSpec<Activity<unknown>, ActivityCreateParsed, ActivityUpdateParsed> {
  return {
    entity: activityEntity,
    catalog: deps.catalogs.activity,
    custom: deps.custom.activity,
    createSchema: activityCreateInput,
    updateSchema: activityUpdateInput,
    defaultSort: [{ field: 'occurredAt', direction: 'desc' }],
    archivable: false,

    buildRow(input, custom, { id, now }) {
      const isTask = input.type === 'task'
      const done = isTask ? (input.done ?? false) : false
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        type: input.type,
        subject: input.subject ?? null,
        body: input.body ?? null,
        occurredAt: occurredAtFor(input.type, input.occurredAt, input.dueAt, now),
        dueAt: input.dueAt ?? null,
        done,
        completedAt: done ? now : null,
        reminderAt: input.reminderAt ?? null,
        durationMinutes: input.durationMinutes ?? null,
        direction: input.direction ?? null,
        outcome: input.outcome ?? null,
        ownerId: input.ownerId ?? null,
        contactIds: input.contactIds,
        companyIds: input.companyIds,
        dealIds: input.dealIds,
        custom,
      }
    },

    async beforeInsert(ctx, drafts) {
      const ids = (key: string) => drafts.flatMap((d) => d.row[key] as string[])
      await requireExisting(ctx, contactEntity, ids('contactIds'))
      await requireExisting(ctx, companyEntity, ids('companyIds'))
      await requireExisting(ctx, dealEntity, ids('dealIds'))
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
      const changes: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'custom' || value === undefined) continue
        changes[key] = value
      }
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
      for (const [key, entity] of [
        ['contactIds', contactEntity],
        ['companyIds', companyEntity],
        ['dealIds', dealEntity],
      ] as const) {
        if (changed.includes(key)) await requireExisting(ctx, entity, after[key] as string[])
      }
      if (!changed.some((f) => f === 'occurredAt' || (LINK_FIELDS as readonly string[]).includes(f))) return
      const catalog = deps.catalogs.activityLink
      await ctx.tx.deleteWhere(activityLinkEntity, ctx.tenantId, {
        kind: 'compare',
        field: catalog.fields.get('activityId')!,
        op: 'eq',
        value: after.id,
      })
      await ctx.tx.insert(activityLinkEntity, ctx.tenantId, activityLinkRows(deps, after))
    },

    present: (row: StoredRow) => row as unknown as Activity<unknown>,

    events: {
      created: (ctx, activity) => ctx.emit('activity.created', { activity }),
      createdMany: (ctx, ids) => ctx.emit('activity.createdMany', { activityIds: ids, count: ids.length }),
      updated: (ctx, activity, changed) => ctx.emit('activity.updated', { activity, changedFields: changed }),
    },
  }
}
