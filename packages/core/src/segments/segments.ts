import { z } from 'zod'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import type { EntityDescription } from '../entities/entity'
import type { Page, Segment } from '../entities/records'
import { segmentEntity, segmentMemberEntity } from '../entities/segment-entity'
import { ConflictError, InvalidStateError, NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { compilePredicate } from '../filter/compile-predicate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { chunks, findAll } from '../runtime/find-all'
import { type ListOptions, resolveListQueryWithSegments, toPage } from '../runtime/list-query'
import {
  catalogOfSegment,
  membersFilter,
  requireSegment,
  resolveWithSegments,
  segmentIdOf,
  segmentKeysIn,
} from '../runtime/segment-filters'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'
import type { StorageReader, StoredRow } from '../storage/storage-port'
import { loadRelatedRecords } from './related-records'
import {
  memberIdsInput,
  type SegmentCreateInput,
  type SegmentUpdateInput,
  segmentCreateInput,
  segmentKeyInput,
  segmentUpdateInput,
} from './segment-input'

/** Who entered and who left a segment, compared with an earlier member list. */
export interface SegmentDiff {
  readonly entered: readonly string[]
  readonly left: readonly string[]
}

/** Options of `segments.stream`. */
export interface StreamOptions {
  /** Records read per query. @default 500 */
  readonly batchSize?: number
}

const streamOptions = z.object({ batchSize: z.number().int().min(1).max(10_000).optional() }).strict()

function entityOf(segment: Segment): EntityDescription {
  return segment.entity === 'company' ? companyEntity : contactEntity
}

/** Segments of one tenant. */
export function segmentsService(deps: ServiceDeps, tenantId: string) {
  const now = () => deps.clock.now().toISOString()
  const memberField = (name: string) => deps.catalogs.segmentMember.fields.get(name)!

  function memberRows(ctx: CommandContext, segmentId: string, ids: readonly string[]): StoredRow[] {
    return ids.map((recordId) => ({
      id: deps.newId(segmentMemberEntity.idPrefix),
      segmentId,
      recordId,
      addedAt: ctx.now,
    }))
  }

  async function existingMembers(reader: StorageReader, segmentId: string, ids: readonly string[]) {
    const present = new Set<string>()
    for (const slice of chunks(ids)) {
      const rows = await reader.find(segmentMemberEntity, tenantId, {
        filter: {
          kind: 'and',
          items: [
            { kind: 'compare', field: memberField('segmentId'), op: 'eq', value: segmentId },
            { kind: 'member', field: memberField('recordId'), negate: false, values: slice },
          ],
        },
        now: now(),
      })
      for (const row of rows) present.add(row.recordId)
    }
    return present
  }

  async function requireRecords(ctx: CommandContext, entity: EntityDescription, ids: readonly string[]) {
    for (const slice of chunks([...new Set(ids)])) {
      const found = new Set((await ctx.tx.getMany(entity, tenantId, slice)).map((r) => r.id))
      const missing = slice.find((id) => !found.has(id))
      if (missing !== undefined) throw new NotFoundError(entity.name, missing)
    }
  }

  async function selection(reader: StorageReader, key: string) {
    const segment = await requireSegment(reader, tenantId, validate(segmentKeyInput, key, 'segment key'))
    const catalog = catalogOfSegment(deps, segment.entity)
    return {
      segment,
      catalog,
      entity: entityOf(segment),
      filter: await membersFilter(reader, tenantId, catalog, segment),
    }
  }

  async function allMemberIds(key: string): Promise<string[]> {
    const { entity, filter } = await selection(deps.adapter.reader, key)
    const rows = await findAll(deps.adapter.reader, entity, tenantId, filter, now())
    return rows.map((r) => r.id)
  }

  async function changeMembers(key: string, ids: readonly string[], adding: boolean) {
    const list = validate(memberIdsInput, ids, 'member ids')
    return runCommand(deps, tenantId, async (ctx) => {
      const segment = await requireSegment(ctx.tx, tenantId, validate(segmentKeyInput, key, 'segment key'))
      if (segment.type === 'dynamic') {
        throw new InvalidStateError(`segment ${key} is dynamic: its filter decides its members`)
      }
      const present = await existingMembers(ctx.tx, segment.id, list)
      if (adding) {
        await requireRecords(ctx, entityOf(segment), list)
        const added = [...new Set(list)].filter((id) => !present.has(id))
        await ctx.tx.insert(segmentMemberEntity, tenantId, memberRows(ctx, segment.id, added))
        if (added.length > 0)
          ctx.emit('segment.membersChanged', { segmentId: segment.id, added, removed: [] })
        return { added: added.length, removed: 0 }
      }
      const removed = [...present]
      for (const slice of chunks(removed)) {
        await ctx.tx.deleteWhere(segmentMemberEntity, tenantId, {
          kind: 'and',
          items: [
            { kind: 'compare', field: memberField('segmentId'), op: 'eq', value: segment.id },
            { kind: 'member', field: memberField('recordId'), negate: false, values: slice },
          ],
        })
      }
      if (removed.length > 0)
        ctx.emit('segment.membersChanged', { segmentId: segment.id, added: [], removed })
      return { added: 0, removed: removed.length }
    })
  }

  return {
    /**
     * Creates a segment. A dynamic segment keeps its filter; a snapshot segment takes the members its
     * filter selects now (archived records left out), then changes only by hand; a static segment starts
     * with `memberIds` (or empty).
     */
    async create(input: SegmentCreateInput): Promise<Segment> {
      const parsed = validate(segmentCreateInput, input, 'segment')
      const catalog = catalogOfSegment(deps, parsed.entity)
      return runCommand(deps, tenantId, async (ctx) => {
        const resolved =
          parsed.filter === undefined
            ? undefined
            : await resolveWithSegments(ctx.tx, tenantId, catalog, parsed.filter)
        if (await ctx.tx.get(segmentEntity, tenantId, segmentIdOf(parsed.key))) {
          throw new ConflictError(`A segment with key "${parsed.key}" exists`, {
            details: { reason: 'keyTaken', key: parsed.key },
          })
        }
        const row = {
          id: segmentIdOf(parsed.key),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          key: parsed.key,
          name: parsed.name,
          entity: parsed.entity,
          type: parsed.type,
          filter: parsed.filter ?? null,
          references: parsed.filter === undefined ? [] : segmentKeysIn(parsed.filter),
        }
        await ctx.tx.insert(segmentEntity, tenantId, [row])
        let memberCount: number | null = null
        if (parsed.type === 'snapshot' && resolved) {
          const notArchived: ResolvedFilter = {
            kind: 'present',
            field: catalog.fields.get('archivedAt')!,
            negate: true,
          }
          const members = await findAll(
            ctx.tx,
            catalog.entity,
            tenantId,
            { kind: 'and', items: [notArchived, resolved] },
            ctx.now,
          )
          await ctx.tx.insert(
            segmentMemberEntity,
            tenantId,
            memberRows(
              ctx,
              row.id,
              members.map((m) => m.id),
            ),
          )
          memberCount = members.length
        } else if (parsed.type === 'static') {
          const ids = [...new Set(parsed.memberIds ?? [])]
          await requireRecords(ctx, catalog.entity, ids)
          await ctx.tx.insert(segmentMemberEntity, tenantId, memberRows(ctx, row.id, ids))
          memberCount = ids.length
        }
        const segment = row as unknown as Segment
        ctx.emit('segment.created', { segment, memberCount })
        return segment
      })
    },

    /** @throws NotFoundError */
    get: (key: string) =>
      requireSegment(deps.adapter.reader, tenantId, validate(segmentKeyInput, key, 'segment key')),

    /** Every segment of the tenant, by key. */
    async list(): Promise<Segment[]> {
      const rows = await findAll(
        deps.adapter.reader,
        segmentEntity,
        tenantId,
        undefined,
        now(),
        deps.catalogs.segment.fields.get('key'),
      )
      return rows as unknown as Segment[]
    },

    /** Renames a segment, or changes a dynamic segment's filter. */
    async update(
      key: string,
      patch: SegmentUpdateInput,
      options: { expectedVersion: number },
    ): Promise<Segment> {
      const parsed = validate(segmentUpdateInput, patch, 'segment update')
      const { expectedVersion } = validate(
        z.object({ expectedVersion: z.number().int().min(1) }),
        options,
        'update options',
      )
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(
          ctx,
          segmentEntity,
          segmentIdOf(validate(segmentKeyInput, key, 'segment key')),
          expectedVersion,
        )
        const changes: Record<string, unknown> = {}
        if (parsed.name !== undefined) changes.name = parsed.name
        if (parsed.filter !== undefined) {
          if (current.type !== 'dynamic') {
            throw new InvalidStateError(
              `segment ${key} is ${String(current.type)}: only a dynamic segment's filter can change`,
            )
          }
          const changed = { ...(current as unknown as Segment), filter: parsed.filter }
          // Resolving from this segment's own key with its new filter finds any cycle through it, itself included.
          const catalog = catalogOfSegment(deps, changed.entity)
          await resolveWithSegments(ctx.tx, tenantId, catalog, { inSegment: changed.key }, changed)
          changes.filter = parsed.filter
          changes.references = segmentKeysIn(parsed.filter)
        }
        const segment = (await writeChanges(ctx, segmentEntity, current, changes)) as unknown as Segment
        ctx.emit('segment.updated', { segment })
        return segment
      })
    },

    /** Deletes a segment and its member list. @throws ConflictError while another segment refers to it. */
    async delete(key: string): Promise<void> {
      await runCommand(deps, tenantId, async (ctx) => {
        const segment = await requireSegment(ctx.tx, tenantId, validate(segmentKeyInput, key, 'segment key'))
        const referrers = await ctx.tx.find(segmentEntity, tenantId, {
          filter: {
            kind: 'listHas',
            field: deps.catalogs.segment.fields.get('references')!,
            negate: false,
            values: [key],
          },
          now: ctx.now,
        })
        if (referrers.length > 0) {
          throw new ConflictError(`segment ${key} is used by ${referrers.map((r) => r.key).join(', ')}`, {
            details: { reason: 'segmentInUse', usedBy: referrers.map((r) => r.key) },
          })
        }
        await ctx.tx.deleteWhere(segmentMemberEntity, tenantId, {
          kind: 'compare',
          field: memberField('segmentId'),
          op: 'eq',
          value: segment.id,
        })
        await ctx.tx.deleteWhere(segmentEntity, tenantId, {
          kind: 'compare',
          field: deps.catalogs.segment.fields.get('id')!,
          op: 'eq',
          value: segment.id,
        })
        ctx.emit('segment.deleted', { segment })
      })
    },

    /** Adds records to a snapshot or static segment (already-present ones are skipped). */
    addMembers: (key: string, ids: readonly string[]) => changeMembers(key, ids, true),

    /** Removes records from a snapshot or static segment. */
    removeMembers: (key: string, ids: readonly string[]) => changeMembers(key, ids, false),

    /** How many records the segment holds now. */
    async count(key: string): Promise<number> {
      const { entity, filter } = await selection(deps.adapter.reader, key)
      return deps.adapter.reader.count(entity, tenantId, filter, now())
    },

    /** A page of the segment's members, with the usual list options (filter narrows further). */
    async members(key: string, options: ListOptions = {}): Promise<Page<object>> {
      const { entity, catalog, filter } = await selection(deps.adapter.reader, key)
      const query = await resolveListQueryWithSegments(
        deps.adapter.reader,
        tenantId,
        catalog,
        options,
        [{ field: 'createdAt', direction: 'desc' }],
        filter,
      )
      const rows = await deps.adapter.reader.find(entity, tenantId, {
        ...(query.filter ? { filter: query.filter } : {}),
        sort: query.sort,
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit + 1,
        now: now(),
      })
      return toPage(rows as StoredRow[], query, (row) => row as object)
    },

    /**
     * Every member, read in keyset batches as you iterate: memory stays at one batch however large the
     * segment. Membership is evaluated per batch, so records changing meanwhile may join or leave.
     */
    async *stream(key: string, options: StreamOptions = {}): AsyncGenerator<object> {
      const { batchSize = 500 } = validate(streamOptions, options, 'stream options')
      const { entity, filter } = await selection(deps.adapter.reader, key)
      let after: string | undefined
      for (;;) {
        const rows = await deps.adapter.reader.find(entity, tenantId, {
          filter,
          ...(after ? { after: [after] } : {}),
          limit: batchSize,
          now: now(),
        })
        for (const row of rows) yield row
        if (rows.length < batchSize) return
        after = rows[rows.length - 1]!.id
      }
    },

    /**
     * Does a record belong to the segment now? Evaluated in memory with the segment's compiled filter; the
     * related records and memberships the filter reads are loaded for this record.
     */
    async matches(key: string, recordOrId: string | { readonly id: string }): Promise<boolean> {
      const reader = deps.adapter.reader
      const { entity, catalog, filter } = await selection(reader, key)
      const id = typeof recordOrId === 'string' ? recordOrId : recordOrId.id
      const record = typeof recordOrId === 'string' ? await reader.get(entity, tenantId, id) : recordOrId
      if (!record) throw new NotFoundError(entity.name, id)
      const predicate = compilePredicate(filter)
      const at = now()
      const related = await loadRelatedRecords(reader, tenantId, catalog, predicate.relations, id, at)
      const ids = [id, ...Object.values(related).flatMap((list) => list.map((r) => (r as { id: string }).id))]
      const memberships = new Set<string>()
      if (predicate.usesSegments) {
        for (const slice of chunks(ids)) {
          const rows = await reader.find(segmentMemberEntity, tenantId, {
            filter: { kind: 'member', field: memberField('recordId'), negate: false, values: slice },
            now: at,
          })
          for (const row of rows) memberships.add(`${row.segmentId}\u0000${row.recordId}`)
        }
      }
      return predicate.at(at)(record, {
        related,
        isMember: (segmentId, recordId) => memberships.has(`${segmentId}\u0000${recordId}`),
      })
    },

    /** Who entered and who left since an earlier list of member ids (or another segment's members). */
    async diff(
      key: string,
      previous: readonly string[] | { readonly segment: string },
    ): Promise<SegmentDiff> {
      const before = new Set(
        Array.isArray(previous)
          ? validate(memberIdsInput, previous, 'previous members')
          : await allMemberIds((previous as { segment: string }).segment),
      )
      const now = new Set(await allMemberIds(key))
      return {
        entered: [...now].filter((id) => !before.has(id)).sort(),
        left: [...before].filter((id) => !now.has(id)).sort(),
      }
    },

    /** Ids of every current member (for diffs and exports). */
    memberIds: allMemberIds,
  }
}
