import type { EntityDescription, StoredRecord } from '../entities/entity'
import { outboxEntity } from '../entities/outbox-entity'
import { ConfigError } from '../errors/rapport-error'
import type { ResolvedFilter } from '../filter/resolved-filter'
import type {
  AggregateQuery,
  AggregateRow,
  FindQuery,
  OutboxRow,
  StorageTransaction,
  StoredRow,
  TextSearchHit,
  TextSearchQuery,
  VersionedUpdate,
} from '../storage/storage-port'
import { columnSpecs, encodeChanges, encodeRowValues } from './row-codec'
import type { RowInsert } from './sql-dialect'
import { SqlReader } from './sql-reader'
import { runText } from './statement-texts'

/**
 * Reads and writes inside one transaction. Single-row inserts are held back and written together just
 * before the next statement that could observe them (a read, an update, a delete, a bulk insert) or before
 * commit: on a database where each statement is a round trip, a command's history row and outbox row then
 * travel as one statement. Errors from held-back inserts surface within the same transaction, which then
 * rolls back as a whole.
 */
export class SqlTransaction extends SqlReader implements StorageTransaction {
  private pending: RowInsert[] = []

  /** Writes the held-back inserts. Called before every other statement and before commit. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    const names = [...new Set(batch.map((b) => b.entity))].join(', ')
    await this.run(`inserting ${names} records`, async () => {
      if (batch.length > 1 && this.dialect.insertRowsTogether) {
        await this.dialect.insertRowsTogether(this.executor, batch)
        return
      }
      for (const item of batch) {
        await runText(
          this.executor,
          this.texts.insertOne(this.executor, item.table, item.columns),
          item.values,
        )
      }
    })
  }

  override async get<E extends EntityDescription>(entity: E, tenantId: string, id: string) {
    await this.flush()
    return super.get(entity, tenantId, id)
  }

  override async getMany<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    ids: readonly string[],
  ): Promise<StoredRecord<E>[]> {
    await this.flush()
    return super.getMany(entity, tenantId, ids)
  }

  override async find<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    query: FindQuery,
  ): Promise<StoredRecord<E>[]> {
    await this.flush()
    return super.find(entity, tenantId, query)
  }

  override async count(
    entity: EntityDescription,
    tenantId: string,
    filter: ResolvedFilter | undefined,
    now: string,
  ): Promise<number> {
    await this.flush()
    return super.count(entity, tenantId, filter, now)
  }

  override async aggregate(
    entity: EntityDescription,
    tenantId: string,
    query: AggregateQuery,
  ): Promise<AggregateRow[]> {
    await this.flush()
    return super.aggregate(entity, tenantId, query)
  }

  override async searchText<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    query: TextSearchQuery,
  ): Promise<TextSearchHit<StoredRecord<E>>[]> {
    await this.flush()
    return super.searchText(entity, tenantId, query)
  }

  async insert(entity: EntityDescription, tenantId: string, rows: readonly StoredRow[]): Promise<void> {
    if (rows.length === 0) return
    const specs = columnSpecs(entity)
    const columns = ['tenant_id', ...specs.map((s) => s.column)]
    if (rows.length === 1) {
      this.pending.push({
        entity: entity.name,
        table: this.table(entity),
        columns,
        values: encodeRowValues(this.dialect, entity, tenantId, rows[0]!),
      })
      return
    }
    await this.flush()
    await this.run(`inserting ${entity.name} records`, async () => {
      const dialect = this.dialect
      if (dialect.bulkInsert) {
        await dialect.bulkInsert(this.executor, {
          table: this.table(entity),
          columns,
          kinds: ['string', ...specs.map((s) => s.kind)],
          count: rows.length,
          // One array for the whole batch: the dialect consumes each row before asking for the next.
          rows: (function* encodeLazily() {
            const buffer: unknown[] = new Array(columns.length)
            for (const row of rows) yield encodeRowValues(dialect, entity, tenantId, row, buffer)
          })(),
        })
        return
      }
      const encoded = rows.map((row) => encodeRowValues(dialect, entity, tenantId, row))
      const perStatement = Math.max(1, Math.floor(this.dialect.maxParameters / columns.length))
      for (let i = 0; i < encoded.length; i += perStatement) {
        const values = encoded.slice(i, i + perStatement).map((row) => {
          const object: Record<string, unknown> = {}
          columns.forEach((column, c) => {
            object[column] = row[c]
          })
          return object
        })
        await this.executor.insertInto(this.table(entity)).values(values).execute()
      }
    })
  }

  async updateIfVersion(
    entity: EntityDescription,
    tenantId: string,
    id: string,
    expectedVersion: number,
    changes: Readonly<Record<string, unknown>>,
  ): Promise<boolean> {
    if (!entity.versioned) throw new ConfigError(`${entity.name} records are not versioned`)
    await this.flush()
    return this.run(`updating ${entity.name} ${id}`, async () => {
      const set = encodeChanges(this.dialect, entity, changes)
      const columns = Object.keys(set).filter((c) => c !== 'version')
      const text = this.texts.updateById(this.executor, this.table(entity), columns)
      const parameters = [...columns.map((c) => set[c]), expectedVersion + 1, tenantId, id, expectedVersion]
      const result = await runText(this.executor, text, parameters)
      return Number(result.numAffectedRows ?? 0) === 1
    })
  }

  async updateManyIfVersion(
    entity: EntityDescription,
    tenantId: string,
    updates: readonly VersionedUpdate[],
  ): Promise<ReadonlySet<string>> {
    if (!entity.versioned) throw new ConfigError(`${entity.name} records are not versioned`)
    const written = new Set<string>()
    const bulk = this.dialect.updateManyIfVersion
    if (!bulk) {
      for (const update of [...updates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
        if (await this.updateIfVersion(entity, tenantId, update.id, update.expectedVersion, update.changes)) {
          written.add(update.id)
        }
      }
      return written
    }
    await this.flush()
    // One statement per set of columns; a caller that writes the same columns for every row gets one.
    const groups = new Map<
      string,
      { columns: string[]; rows: { id: string; expectedVersion: number; values: unknown[] }[] }
    >()
    for (const update of updates) {
      const set = encodeChanges(this.dialect, entity, update.changes)
      delete set.version
      const columns = Object.keys(set)
      const key = columns.join(',')
      let group = groups.get(key)
      if (!group) {
        group = { columns, rows: [] }
        groups.set(key, group)
      }
      group.rows.push({
        id: update.id,
        expectedVersion: update.expectedVersion,
        values: columns.map((c) => set[c]),
      })
    }
    const kindOf = new Map(columnSpecs(entity).map((spec) => [spec.column, spec.kind]))
    await this.run(`updating ${entity.name} records`, async () => {
      for (const { columns, rows } of groups.values()) {
        const ids = await bulk(this.executor, {
          table: this.table(entity),
          tenantId,
          columns,
          kinds: columns.map((c) => kindOf.get(c)!),
          rows,
        })
        for (const id of ids) written.add(id)
      }
    })
    return written
  }

  async deleteWhere(entity: EntityDescription, tenantId: string, filter: ResolvedFilter): Promise<number> {
    await this.flush()
    return this.run(`deleting ${entity.name} records`, async () => {
      // Relative-time operators never appear in delete filters; the instant only satisfies the compiler.
      const result = await this.executor
        .deleteFrom(this.aliased(entity))
        .where('tenant_id', '=', tenantId)
        .where(this.filterSql(filter, new Date(0).toISOString()))
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    })
  }

  appendEvents(tenantId: string, events: readonly OutboxRow[]): Promise<void> {
    return this.insert(outboxEntity, tenantId, events)
  }
}
