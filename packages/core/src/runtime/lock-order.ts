/**
 * Ids in the one order every command locks rows in: ascending within a table (ids are ASCII, so this is
 * also the database's byte order). A command that writes several rows of a table writes them in this
 * order, so two commands sharing rows queue behind each other instead of each holding a row the other
 * waits for (a deadlock on Postgres). Duplicates are dropped.
 */
export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
