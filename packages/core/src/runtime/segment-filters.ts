import type { Segment } from '../entities/records'
import { segmentEntity } from '../entities/segment-entity'
import { NotFoundError } from '../errors/rapport-error'
import type { FieldCatalog } from '../filter/field-catalog'
import { assertFilterShape, resolveFilter, type SegmentLookup } from '../filter/resolve-filter'
import { andFilters, type ResolvedFilter } from '../filter/resolved-filter'
import type { StorageReader } from '../storage/storage-port'
import type { ServiceDeps } from './service-context'

/** The id of a tenant's segment with this key. */
export function segmentIdOf(key: string): string {
  return `${segmentEntity.idPrefix}_${key}`
}

/** Segment keys a raw filter refers to (in `inSegment`, at any depth, inside related conditions too). */
export function segmentKeysIn(filter: unknown): string[] {
  const keys = new Set<string>()
  const walk = (node: unknown, depth: number) => {
    if (depth > 64 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1)
      return
    }
    const record = node as Record<string, unknown>
    if (typeof record.inSegment === 'string') keys.add(record.inSegment)
    for (const value of Object.values(record)) walk(value, depth + 1)
  }
  walk(filter, 0)
  return [...keys]
}

/** The catalog of a segment's record type. */
export function catalogOfSegment(deps: ServiceDeps, entity: string): FieldCatalog {
  return entity === 'company' ? deps.catalogs.company : deps.catalogs.contact
}

/**
 * Resolves a filter that may refer to segments: loads every referenced segment (and, for dynamic ones,
 * the segments their filters refer to) and resolves with a lookup over them. Unknown keys and cycles are
 * validation errors.
 */
export async function resolveWithSegments(
  reader: StorageReader,
  tenantId: string,
  catalog: FieldCatalog,
  filter: unknown,
  /** A segment being changed: its new definition replaces the stored one, so a cycle through it shows. */
  changing?: Segment,
): Promise<ResolvedFilter> {
  // Size, depth and text first: a filter too large to run must not cost a segment read either.
  assertFilterShape(filter, catalog)
  const loaded = new Map<string, Segment | null>(changing ? [[changing.key, changing]] : [])
  let pending = segmentKeysIn(filter)
  // One read per level of segments referring to segments, however many each level names.
  for (let depth = 0; pending.length > 0 && depth < 16; depth++) {
    const keys = [...new Set(pending)].filter((key) => !loaded.has(key))
    if (keys.length === 0) break
    const rows = (await reader.getMany(
      segmentEntity,
      tenantId,
      keys.map(segmentIdOf),
    )) as unknown as Segment[]
    const byId = new Map(rows.map((row) => [row.id, row]))
    const next: string[] = []
    for (const key of keys) {
      const row = byId.get(segmentIdOf(key))
      loaded.set(key, row ?? null)
      if (row?.type === 'dynamic') next.push(...segmentKeysIn(row.filter))
    }
    pending = next
  }
  const lookup: SegmentLookup = (key) => {
    const segment = loaded.get(key)
    if (!segment) return undefined
    return segment.type === 'dynamic'
      ? { kind: 'dynamic', entity: segment.entity, filter: segment.filter }
      : { kind: 'members', entity: segment.entity, segmentId: segment.id }
  }
  return resolveFilter(filter, catalog, lookup)
}

/** The filter that selects a segment's current members (archived records left out). */
export async function membersFilter(
  reader: StorageReader,
  tenantId: string,
  catalog: FieldCatalog,
  segment: Segment,
) {
  const notArchived: ResolvedFilter = {
    kind: 'present',
    field: catalog.fields.get('archivedAt')!,
    negate: true,
  }
  const selection =
    segment.type === 'dynamic'
      ? await resolveWithSegments(reader, tenantId, catalog, segment.filter)
      : ({ kind: 'inSegment', segmentId: segment.id, key: segment.key } as const)
  return andFilters(notArchived, selection)
}

/** Loads a segment by key or fails with NotFoundError. */
export async function requireSegment(reader: StorageReader, tenantId: string, key: string): Promise<Segment> {
  const row = await reader.get(segmentEntity, tenantId, segmentIdOf(key))
  if (!row) throw new NotFoundError('segment', key)
  return row as unknown as Segment
}
