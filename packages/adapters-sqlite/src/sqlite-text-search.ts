import type { SqlTextSearch, TextSearchTarget } from '@rapport/core/sql'
import { sql } from 'kysely'

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}

function quoteTable(table: string): string {
  return table.split('.').map(quote).join('.')
}

// Tenant and row keys go into the FTS5 index as single tokens, so a MATCH on them is an index lookup: hex
// keeps any tenant id or row id one alphanumeric token, and the trailing digit keeps the Porter stemmer
// from trimming an ending that looks like English.
const tenantToken = (row: 'new' | 'old') => `'t' || hex(${row}.tenant_id) || '0'`
const documentToken = (row: 'new' | 'old') => `'d' || hex(${row}.tenant_id) || 'x' || hex(${row}.id) || '0'`

function tokenOf(prefix: string, ...parts: string[]): string {
  return `${prefix}${parts.map((part) => Buffer.from(part, 'utf8').toString('hex')).join('x')}0`
}

/**
 * SQLite full-text search with FTS5: a side table per searchable entity holding `tenant_id`, the row id, a
 * tenant token and a row token beside the searched text (English Porter stemming), kept in step by
 * triggers on insert, update of the searched columns, and delete. Rows are linked by id, never by rowid,
 * which VACUUM may renumber. Ranked by bm25 with the first column weighing double.
 */
export function sqliteTextSearch(): SqlTextSearch {
  return {
    async createIndex(db, target: TextSearchTarget) {
      const fts = quote(target.indexName)
      const table = quoteTable(target.table)
      const columns = target.columns.map(quote)
      await sql
        .raw(
          `create virtual table ${fts} using fts5(tenant_id unindexed, id unindexed, tenant_token, doc_token, ${columns.join(', ')}, tokenize = 'porter unicode61 remove_diacritics 2')`,
        )
        .execute(db)
      const insertNew = `insert into ${fts} (tenant_id, id, tenant_token, doc_token, ${columns.join(', ')}) values (new.tenant_id, new.id, ${tenantToken('new')}, ${documentToken('new')}, ${columns.map((c) => `new.${c}`).join(', ')});`
      const deleteOld = `delete from ${fts} where ${fts} match ('doc_token : ' || ${documentToken('old')});`
      await sql
        .raw(
          `create trigger ${quote(`${target.indexName}_insert`)} after insert on ${table} begin ${insertNew} end`,
        )
        .execute(db)
      await sql
        .raw(
          `create trigger ${quote(`${target.indexName}_update`)} after update of ${columns.join(', ')} on ${table} begin ${deleteOld} ${insertNew} end`,
        )
        .execute(db)
      await sql
        .raw(
          `create trigger ${quote(`${target.indexName}_delete`)} after delete on ${table} begin ${deleteOld} end`,
        )
        .execute(db)
    },

    async dropIndex(db, target: TextSearchTarget) {
      for (const suffix of ['_insert', '_update', '_delete']) {
        await sql.raw(`drop trigger if exists ${quote(target.indexName + suffix)}`).execute(db)
      }
      await sql.raw(`drop table if exists ${quote(target.indexName)}`).execute(db)
    },

    async search(executor, target, statement) {
      const fts = sql.table(target.indexName)
      const weights = sql.raw(
        ['0, 0, 0, 0', ...target.columns.map((_, i) => (i === 0 ? '2.0' : '1.0'))].join(', '),
      )
      const terms = statement.terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ')
      const match = `tenant_token : ${tokenOf('t', statement.tenantId)} AND {${target.columns.join(' ')}} : (${terms})`
      // The hits are a subquery with their own column names, so the caller's conditions on the entity's
      // (unqualified) columns cannot clash with the FTS table's.
      const result = await sql<
        Record<string, unknown>
      >`select ${sql.ref('t')}.*, ${sql.ref('h.rapport_rank')} from (select ${sql.ref('id')} as ${sql.ref('hit_id')}, -bm25(${fts}, ${weights}) as ${sql.ref('rapport_rank')} from ${fts} where ${fts} match ${match} and ${sql.ref('tenant_id')} = ${statement.tenantId}) as ${sql.ref('h')} join ${sql.table(target.table)} as ${sql.ref('t')} on ${sql.ref('t.tenant_id')} = ${statement.tenantId} and ${sql.ref('t.id')} = ${sql.ref('h.hit_id')} where ${statement.where} order by ${sql.ref('h.rapport_rank')} desc, ${sql.ref('t.id')} limit ${statement.limit}`.execute(
        executor,
      )
      return result.rows.map((row) => ({ row, rank: Number(row.rapport_rank) }))
    },
  }
}
