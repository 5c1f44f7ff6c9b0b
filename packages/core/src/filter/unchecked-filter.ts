import type { Filter } from './filter-types'
import type { TypedFilter } from './typed-filter'

declare const checkedWhenRun: unique symbol

/**
 * A filter whose field names and values are checked only when it runs (a `ValidationError` then, nothing
 * read): a filter that arrives as JSON from outside, or one built from names known only at run time.
 * Made by {@link uncheckedFilter}.
 */
export type UncheckedFilter = Filter & { readonly [checkedWhenRun]: true }

/** A sort key whose field is checked only when the list runs, like an {@link UncheckedFilter}. */
export interface UncheckedSort {
  readonly field: string
  readonly direction?: 'asc' | 'desc'
  readonly [checkedWhenRun]: true
}

/**
 * Marks a filter from outside (an HTTP body, a stored segment, a saved view) for an API that takes
 * typed filters. Nothing is checked here: `list`, `count`, `matches` and `compileFilter` validate every
 * filter against the record type's fields when they run, whatever its type said.
 *
 * @example
 * ```ts
 * const page = await tenant.contacts.list({ filter: uncheckedFilter(JSON.parse(body).filter) })
 * ```
 */
export function uncheckedFilter(filter: unknown): UncheckedFilter {
  return filter as UncheckedFilter
}

/**
 * Marks sort keys from outside (a query string) for a `list` that takes typed sorts; `list` checks them
 * when it runs (a `ValidationError` names the sortable fields).
 */
export function uncheckedSort(sort: unknown): UncheckedSort | readonly UncheckedSort[] {
  return sort as UncheckedSort | readonly UncheckedSort[]
}

/** What an API over records with `Fields` accepts as a filter: a typed filter, or an unchecked one. */
export type RecordFilter<Fields> = TypedFilter<Fields> | UncheckedFilter

/**
 * A typed or unchecked filter as the plain {@link Filter} the resolver takes. Every typed filter is one; the
 * compiler cannot see it while `Fields` is still a type parameter (inside generic services).
 */
export function plainFilter<Fields>(filter: RecordFilter<Fields>): Filter {
  return filter as Filter
}
