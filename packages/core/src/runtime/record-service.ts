import type { z } from 'zod'
import type { EntityDescription } from '../entities/entity'
import type { Page } from '../entities/records'
import {
  InvalidStateError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { compilePredicate, type PredicateContext } from '../filter/compile-predicate'
import type { FieldCatalog } from '../filter/field-catalog'
import type { Filter } from '../filter/filter-types'
import { resolveFilter } from '../filter/resolve-filter'
import { andFilters, type ResolvedFilter } from '../filter/resolved-filter'
import { tenantIdSchema } from '../kernel/tenant-id'
import type { StoredRow } from '../storage/storage-port'
import { expectedVersionInput, optionalVersionInput } from './common-input'
import { type CustomFields, parseCustomFields } from './custom-fields'
import { resolveListQueryWithSegments, type SortInput, toPage } from './list-query'
import { parseRecordId } from './record-id'
import { type NewRowMeta, newRecordRow, patchedFields } from './record-row'
import { type CommandContext, runCommand, type ServiceDeps } from './service-context'
import { changedFields, loadForChange, type VersionedRow, writeChanges } from './versioned-write'

/** How one record type plugs into the generic record service. */
export interface RecordSpec<R, CreateParsed, UpdateParsed> {
  readonly entity: EntityDescription
  readonly catalog: FieldCatalog
  readonly custom: CustomFields
  readonly createSchema: z.ZodType<CreateParsed>
  readonly updateSchema: z.ZodType<UpdateParsed>
  readonly defaultSort: readonly SortInput[]
  readonly archivable: boolean
  /**
   * The fields of a new record that its validated input does not give as they are: computed values and
   * input stored in another form. Every other field comes from {@link newRecordRow}.
   */
  computeFields?(input: CreateParsed, meta: NewRowMeta): Record<string, unknown>
  /**
   * Turns a validated patch into field changes (custom already merged and validated), in the transaction.
   * By default every field the patch gives, then the custom values when given.
   */
  patchChanges?(
    current: StoredRow,
    patch: UpdateParsed,
    custom: Record<string, unknown> | undefined,
    ctx: CommandContext,
  ): Record<string, unknown> | Promise<Record<string, unknown>>
  /** Runs inside the create transaction before the insert: check references, complete the rows. */
  beforeInsert?(
    ctx: CommandContext,
    drafts: readonly { row: StoredRow; input: CreateParsed }[],
  ): Promise<StoredRow[]>
  /** Runs inside the create transaction after the insert: write related rows. */
  afterInsert?(ctx: CommandContext, rows: readonly StoredRow[]): Promise<void>
  /** Runs inside the update transaction after the write: keep related rows in step. */
  afterUpdate?(
    ctx: CommandContext,
    before: StoredRow,
    after: StoredRow,
    changed: readonly string[],
  ): Promise<void>
  /** The public record of a stored row; by default the row itself (the store leaves internal fields out). */
  present?(row: StoredRow): R
  readonly events: {
    created(ctx: CommandContext, record: R): void
    createdMany(ctx: CommandContext, ids: readonly string[]): void
    updated(ctx: CommandContext, record: R, changed: readonly string[]): void
    archived?(ctx: CommandContext, record: R): void
    restored?(ctx: CommandContext, record: R): void
  }
}

/** The commands and queries every record type has. */
export interface RecordService<R, CreateInput, UpdateInput> {
  create(input: CreateInput): Promise<R>
  /**
   * Creates a record inside another command's transaction (lead conversion creates a company and a deal).
   * `path` prefixes validation issue paths, e.g. `['deal']`.
   */
  createIn(ctx: CommandContext, input: unknown, path?: readonly (string | number)[]): Promise<R>
  createMany(inputs: readonly CreateInput[]): Promise<R[]>
  get(id: string): Promise<R>
  tryGet(id: string): Promise<R | null>
  update(id: string, patch: UpdateInput, options: { expectedVersion: number }): Promise<R>
  list(options?: object): Promise<Page<R>>
  count(options?: { filter?: Filter; includeArchived?: boolean }): Promise<number>
  matches(record: R, filter: Filter, context?: PredicateContext): boolean
  compileFilter(filter: Filter): (record: R, context?: PredicateContext) => boolean
  archive(id: string, options?: { expectedVersion?: number }): Promise<R>
  restore(id: string, options?: { expectedVersion?: number }): Promise<R>
}

const NOT_ARCHIVED = (catalog: FieldCatalog): ResolvedFilter => ({
  kind: 'present',
  field: catalog.fields.get('archivedAt')!,
  negate: true,
})

function parseCustom(spec: RecordSpec<unknown, unknown, unknown>, input: unknown, path: (string | number)[]) {
  return parseCustomFields(spec.custom, input, path)
}

/** A validation error whose issue paths start under `path` (for inputs nested in a larger command). */
function prefixIssues(error: unknown, path: readonly (string | number)[]): unknown {
  if (!(error instanceof ValidationError) || path.length === 0) return error
  const issues = error.issues.map(
    (issue) => ({ ...issue, path: [...path, ...issue.path] }) as ValidationIssue,
  )
  return new ValidationError(`${path.join('.')}: ${error.message}`, issues, { cause: error })
}

/** Builds the generic record service of one record type for one tenant. */
export function createRecordService<
  R,
  CreateInput,
  UpdateInput,
  CreateParsed extends object,
  UpdateParsed extends object,
>(
  deps: ServiceDeps,
  tenantIdInput: string,
  spec: RecordSpec<R, CreateParsed, UpdateParsed>,
): RecordService<R, CreateInput, UpdateInput> {
  const tenantId = validate(tenantIdSchema, tenantIdInput, 'tenant id')
  const { entity, catalog } = spec
  const noun = entity.name
  const generic = spec as unknown as RecordSpec<unknown, unknown, unknown>

  const present = spec.present ?? ((row: StoredRow) => row as R)
  const buildRow = (parsed: CreateParsed, custom: Record<string, unknown>, now: string) => {
    const meta = { id: deps.newId(entity.idPrefix), now }
    return newRecordRow(entity, { ...parsed, ...spec.computeFields?.(parsed, meta) }, custom, meta)
  }
  const patchChanges: NonNullable<RecordSpec<R, CreateParsed, UpdateParsed>['patchChanges']> =
    spec.patchChanges ??
    ((_current, patch, custom) => ({ ...patchedFields(patch), ...(custom === undefined ? {} : { custom }) }))

  const prepare = (input: unknown, index?: number) => {
    const parsed = validate(
      spec.createSchema,
      input,
      index === undefined ? `${noun}` : `${noun} at index ${index}`,
    )
    const given = (parsed as { custom?: unknown }).custom
    const custom = parseCustom(generic, given, index === undefined ? ['custom'] : [index, 'custom'])
    return { parsed, custom }
  }

  const insertRows = async (drafts: { row: StoredRow; input: CreateParsed }[], ctx: CommandContext) => {
    const rows = spec.beforeInsert ? await spec.beforeInsert(ctx, drafts) : drafts.map((d) => d.row)
    await ctx.tx.insert(entity, ctx.tenantId, rows)
    await spec.afterInsert?.(ctx, rows)
    return rows
  }

  const setArchived = async (id: string, options: unknown, archived: boolean) => {
    if (!spec.archivable) throw new InvalidStateError(`${noun} records cannot be archived`)
    parseRecordId(id, `${noun} id`)
    const { expectedVersion } = validate(
      optionalVersionInput,
      options ?? {},
      `${archived ? 'archive' : 'restore'} options`,
    )
    return runCommandFor(async (ctx) => {
      const current = await loadForChange(ctx, entity, id, expectedVersion)
      if ((current.archivedAt !== null) === archived) return present(current)
      const next = await writeChanges(ctx, entity, current, { archivedAt: archived ? ctx.now : null })
      const record = present(next)
      if (archived) spec.events.archived?.(ctx, record)
      else spec.events.restored?.(ctx, record)
      return record
    })
  }

  const runCommandFor = <T>(work: (ctx: CommandContext) => Promise<T>) => runCommand(deps, tenantId, work)

  const createPrepared = async (
    ctx: CommandContext,
    parsed: CreateParsed,
    custom: Record<string, unknown>,
  ) => {
    const row = buildRow(parsed, custom, ctx.now)
    const [inserted] = await insertRows([{ row, input: parsed }], ctx)
    const record = present(inserted!)
    spec.events.created(ctx, record)
    return record
  }

  // Lists and counts leave archived records out unless the caller includes them.
  const queryOf = async (options: unknown) => {
    const { reader } = deps.adapter
    const query = await resolveListQueryWithSegments(reader, tenantId, catalog, options, spec.defaultSort)
    const hideArchived = spec.archivable && !query.includeArchived
    return { query, filter: hideArchived ? andFilters(NOT_ARCHIVED(catalog), query.filter) : query.filter }
  }

  const compile = (filter: Filter) => {
    const predicate = compilePredicate(resolveFilter(filter, catalog))
    return predicate.at(deps.clock.now().toISOString()) as (record: R, context?: PredicateContext) => boolean
  }

  return {
    async create(input) {
      const { parsed, custom } = prepare(input)
      return runCommandFor((ctx) => createPrepared(ctx, parsed, custom))
    },

    createIn(ctx, input, path = []) {
      try {
        const { parsed, custom } = prepare(input)
        return createPrepared(ctx, parsed, custom)
      } catch (error) {
        throw prefixIssues(error, path)
      }
    },

    async createMany(inputs) {
      if (!Array.isArray(inputs)) {
        throw new ValidationError(`createMany needs an array of ${noun} inputs`, [
          { code: 'custom', path: [], message: 'Expected an array', input: inputs },
        ])
      }
      const prepared: { parsed: CreateParsed; custom: Record<string, unknown> }[] = []
      const issues: ValidationIssue[] = []
      inputs.forEach((input, index) => {
        try {
          prepared.push(prepare(input, index))
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error
          for (const issue of error.issues) {
            const path = issue.path[0] === index ? issue.path : [index, ...issue.path]
            issues.push({ ...issue, path } as ValidationIssue)
          }
        }
      })
      if (issues.length > 0) {
        const first = issues[0]!
        throw new ValidationError(
          `Invalid ${noun} at index ${String(first.path[0])}: ${first.message} (${issues.length} issue${issues.length > 1 ? 's' : ''} in the batch; nothing was written)`,
          issues,
        )
      }
      if (prepared.length === 0) return []
      return runCommandFor(async (ctx) => {
        const drafts = prepared.map(({ parsed, custom }) => ({
          row: buildRow(parsed, custom, ctx.now),
          input: parsed,
        }))
        const inserted = await insertRows(drafts, ctx)
        spec.events.createdMany(
          ctx,
          inserted.map((r) => r.id),
        )
        return inserted.map((r) => present(r))
      })
    },

    async get(id) {
      const row = await deps.adapter.reader.get(entity, tenantId, parseRecordId(id, `${noun} id`))
      if (!row) throw new NotFoundError(noun, id)
      return present(row as StoredRow)
    },

    async tryGet(id) {
      const row = await deps.adapter.reader.get(entity, tenantId, parseRecordId(id, `${noun} id`))
      return row ? present(row as StoredRow) : null
    },

    async update(id, patch, options) {
      parseRecordId(id, `${noun} id`)
      const { expectedVersion } = validate(
        expectedVersionInput,
        options,
        'update options (expectedVersion is required)',
      )
      const parsedPatch = validate(spec.updateSchema, patch, `${noun} update`)
      return runCommandFor(async (ctx) => {
        const current = await loadForChange(ctx, entity, id, expectedVersion)
        if (spec.archivable && current.archivedAt !== null) {
          throw new InvalidStateError(`${noun} ${id} is archived; restore it before changing it`, {
            details: { id },
          })
        }
        let custom: Record<string, unknown> | undefined
        const customPatch = (parsedPatch as { custom?: Record<string, unknown> }).custom
        if (customPatch !== undefined) {
          const merged = { ...(current.custom as Record<string, unknown>), ...customPatch }
          custom = parseCustom(generic, merged, ['custom'])
        }
        const changes = await patchChanges(current, parsedPatch, custom, ctx)
        const changed = changedFields(current, changes)
        if (changed.length === 0) return present(current)
        const onlyChanged = Object.fromEntries(changed.map((key) => [key, changes[key]]))
        const next = await writeChanges(ctx, entity, current, onlyChanged)
        await spec.afterUpdate?.(ctx, current, next, changed)
        const record = present(next)
        spec.events.updated(ctx, record, changed)
        return record
      })
    },

    async list(options) {
      const { query, filter } = await queryOf(options)
      const rows = await deps.adapter.reader.find(entity, tenantId, {
        ...(filter ? { filter } : {}),
        sort: query.sort,
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit + 1,
        now: deps.clock.now().toISOString(),
      })
      return toPage(rows as StoredRow[], query, present)
    },

    async count(options = {}) {
      const { filter } = await queryOf(options)
      return deps.adapter.reader.count(entity, tenantId, filter, deps.clock.now().toISOString())
    },

    matches(record, filter, context) {
      return compile(filter)(record, context)
    },

    compileFilter: compile,

    archive: (id, options) => setArchived(id, options, true),
    restore: (id, options) => setArchived(id, options, false),
  }
}

/** Re-export for services that build on a record service. */
export type { VersionedRow }
