import { type SqlBool, sql } from 'kysely'
import type { EntityDescription, StoredRecord } from '../entities/entity'
import { ConfigError } from '../errors/rapport-error'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { compareCodePoints } from '../kernel/text'
import type {
  AggregateQuery,
  AggregateRow,
  FindQuery,
  StorageReader,
  TextSearchHit,
  TextSearchQuery,
} from '../storage/storage-port'
import { groupExpression, measureExpression } from './aggregate-terms'
import { compileFilterToSql } from './filter-to-sql'
import { afterPosition, orderByTerms } from './keyset'
import { decodeRow } from './row-codec'
import type { SqlDialect, SqlExecutor } from './sql-dialect'
import { translateError } from './sql-errors'
import { runText, type StatementTexts } from './statement-texts'
import type { TableNames } from './table-names'
import { textSearchTarget } from './text-search'

/** Reads of the SQL store, on the pool or inside a transaction. */
export class SqlReader implements StorageReader {
  constructor(
    protected readonly texts: StatementTexts,
    protected readonly executor: SqlExecutor,
    protected readonly dialect: SqlDialect,
    protected readonly names: TableNames,
    protected readonly adapter: string,
  ) {}

  protected async run<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw translateError(error, this.dialect, this.adapter, action)
    }
  }

  protected table(entity: EntityDescription): string {
    return this.names.table(entity.table)
  }

  /** The table aliased `o`, the alias subqueries of related-record conditions correlate with. */
  protected aliased(entity: EntityDescription): string {
    return `${this.names.table(entity.table)} as o`
  }

  /** A filter compiled for the main table aliased `o`. */
  protected filterSql(filter: ResolvedFilter, now: string) {
    return compileFilterToSql(filter, this.dialect, now, { names: this.names, qualifier: 'o' })
  }

  protected decode<E extends EntityDescription>(entity: E, raw: Record<string, unknown>): StoredRecord<E> {
    return decodeRow(this.dialect, entity, raw) as unknown as StoredRecord<E>
  }

  get<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    id: string,
  ): Promise<StoredRecord<E> | undefined> {
    return this.run(`reading ${entity.name} ${id}`, async () => {
      const text = this.texts.getById(this.executor, this.table(entity))
      const [row] = (await runText(this.executor, text, [tenantId, id])).rows
      return row ? this.decode(entity, row) : undefined
    })
  }

  getMany<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    ids: readonly string[],
  ): Promise<StoredRecord<E>[]> {
    return this.run(`reading ${entity.name} records`, async () => {
      const out: StoredRecord<E>[] = []
      const chunk = Math.max(1, this.dialect.maxParameters - 10)
      for (let i = 0; i < ids.length; i += chunk) {
        const slice = ids.slice(i, i + chunk)
        const rows = await this.executor
          .selectFrom(this.table(entity))
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', slice)
          .execute()
        for (const row of rows) out.push(this.decode(entity, row))
      }
      return out
    })
  }

  find<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    query: FindQuery,
  ): Promise<StoredRecord<E>[]> {
    return this.run(`listing ${entity.name} records`, async () => {
      const sort = query.sort ?? []
      let builder = this.executor
        .selectFrom(this.aliased(entity))
        .selectAll()
        .where('tenant_id', '=', tenantId)
      if (query.filter) builder = builder.where(this.filterSql(query.filter, query.now))
      if (query.after) builder = builder.where(afterPosition(sort, query.after, this.dialect))
      // An unsorted, unpaged read is put in id order here rather than in SQL: asked to order by id, SQLite
      // walks the whole primary key instead of looking the rows up by the filter's index.
      const unpaged = sort.length === 0 && query.limit === undefined && query.after === undefined
      if (!unpaged) builder = builder.orderBy(orderByTerms(sort, this.dialect))
      // A literal limit: bound as a parameter, SQLite plans for an unknown limit and may pick a worse index.
      if (query.limit !== undefined) {
        builder = builder.limit(Number.isSafeInteger(query.limit) ? sql.lit(query.limit) : query.limit)
      }
      const rows = (await builder.execute()).map((row) => this.decode(entity, row))
      return unpaged ? rows.sort((a, b) => compareCodePoints(a.id, b.id)) : rows
    })
  }

  count(
    entity: EntityDescription,
    tenantId: string,
    filter: ResolvedFilter | undefined,
    now: string,
  ): Promise<number> {
    return this.run(`counting ${entity.name} records`, async () => {
      let builder = this.executor
        .selectFrom(this.aliased(entity))
        .select(sql<number | string | bigint>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
      if (filter) builder = builder.where(this.filterSql(filter, now))
      const row = await builder.executeTakeFirstOrThrow()
      return Number(row.n)
    })
  }

  aggregate(entity: EntityDescription, tenantId: string, query: AggregateQuery): Promise<AggregateRow[]> {
    return this.run(`aggregating ${entity.name} records`, async () => {
      const groups = query.groupBy.map((term) => groupExpression(term, this.dialect))
      const measures = query.measures.map((m) => measureExpression(m, this.dialect))
      const selections = [
        ...groups.map((g, i) => sql`${g} as ${sql.ref(`g${i}`)}`),
        ...measures.map((m, i) => sql`${m} as ${sql.ref(`m${i}`)}`),
        ...(query.ranks ?? []).map((rank, i) => {
          const measure = measures[query.measures.findIndex((m) => m.name === rank.measure)]
          if (!measure) throw new Error(`rank ${rank.name}: no measure named ${rank.measure}`)
          const order = sql.join([measure, ...groups])
          return sql`ntile(${sql.lit(rank.buckets)}) over (order by ${order}) as ${sql.ref(`k${i}`)}`
        }),
      ]
      const filter = query.filter ? this.filterSql(query.filter, query.now) : sql`1 = 1`
      const groupBy =
        groups.length > 0 ? sql` group by ${sql.join(groups)} order by ${sql.join(groups)}` : sql``
      const from = sql`${sql.table(this.table(entity))} as o`
      const result = await sql<
        Record<string, unknown>
      >`select ${sql.join(selections)} from ${from} where ${sql.ref(
        'o.tenant_id',
      )} = ${tenantId} and ${filter}${groupBy}`.execute(this.executor)
      return result.rows.map((row) => ({
        keys: query.groupBy.map((term, i) => {
          const raw = row[`g${i}`]
          if (raw === null || raw === undefined) return null
          return term.bucket
            ? String(raw)
            : (this.dialect.decode(term.field.kind, raw) as string | number | boolean)
        }),
        values: Object.fromEntries([
          ...(query.ranks ?? []).map((rank, i) => [rank.name, Number(row[`k${i}`])]),
          ...query.measures.map((m, i) => {
            const raw = row[`m${i}`]
            if (raw === null || raw === undefined) return [m.name, null]
            if (m.fn === 'count' || m.fn === 'sum') return [m.name, Number(raw)]
            return [m.name, this.dialect.decode(m.field.kind, raw) as number | string]
          }),
        ]),
      }))
    })
  }

  async searchText<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    query: TextSearchQuery,
  ): Promise<TextSearchHit<StoredRecord<E>>[]> {
    const search = this.dialect.textSearch
    const target = textSearchTarget(entity, this.names)
    if (!search || !target) {
      throw new ConfigError(
        `${this.adapter}: ${search ? `${entity.name} records have no text index` : 'this adapter has no full-text search'}`,
        { details: { capability: 'textSearch', entity: entity.name } },
      )
    }
    return this.run(`searching ${entity.name} text`, async () => {
      if (query.terms.length === 0 || query.limit <= 0) return []
      const where = query.filter
        ? compileFilterToSql(query.filter, this.dialect, query.now)
        : sql<SqlBool>`1 = 1`
      const hits = await search.search(this.executor, target, {
        tenantId,
        terms: query.terms,
        where,
        limit: query.limit,
      })
      return hits.map((hit) => ({ record: this.decode(entity, hit.row), rank: hit.rank }))
    })
  }
}
