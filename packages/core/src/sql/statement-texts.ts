import { CompiledQuery } from 'kysely'
import type { SqlExecutor } from './sql-dialect'

/**
 * SQL texts of the statements every command runs (read one row by id, version-checked update of a set of
 * columns, insert one row), built once per shape with kysely and then reused with new parameters. Building
 * and compiling a query costs more than the database needs to run such a statement.
 */
export class StatementTexts {
  private readonly texts = new Map<string, string>()

  private text(key: string, build: () => string): string {
    let text = this.texts.get(key)
    if (text === undefined) {
      text = build()
      this.texts.set(key, text)
    }
    return text
  }

  /** `select * from t where tenant_id = ? and id = ?`; parameters: tenant, id. */
  getById(executor: SqlExecutor, table: string): string {
    return this.text(
      `get ${table}`,
      () =>
        executor.selectFrom(table).selectAll().where('tenant_id', '=', '').where('id', '=', '').compile().sql,
    )
  }

  /**
   * `update t set c1 = ?, ..., version = ? where tenant_id = ? and id = ? and version = ?`; parameters: the
   * column values in order, the new version, tenant, id, expected version.
   */
  updateById(executor: SqlExecutor, table: string, columns: readonly string[]): string {
    return this.text(`update ${table} ${columns.join(',')}`, () => {
      const set: Record<string, unknown> = {}
      for (const column of columns) set[column] = null
      set.version = 0
      return executor
        .updateTable(table)
        .set(set)
        .where('tenant_id', '=', '')
        .where('id', '=', '')
        .where('version', '=', 0)
        .compile().sql
    })
  }

  /** `insert into t (c1, ...) values (?, ...)`; parameters: the values in column order. */
  insertOne(executor: SqlExecutor, table: string, columns: readonly string[]): string {
    return this.text(`insert ${table}`, () => {
      const values: Record<string, unknown> = {}
      for (const column of columns) values[column] = null
      return executor.insertInto(table).values(values).compile().sql
    })
  }
}

/** Runs a reused SQL text with its parameters through kysely (so logging and the connection are kysely's). */
export function runText(executor: SqlExecutor, text: string, parameters: readonly unknown[]) {
  return executor.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]))
}
