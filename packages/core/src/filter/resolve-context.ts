import type { FieldCatalog } from './field-catalog'
import type { Collector, Path } from './filter-limits'
import type { ResolvedFilter } from './resolved-filter'

/** How `{ inSegment: key }` finds a segment: its filter (dynamic) or its stored members. */
export type SegmentLookup = (
  key: string,
) =>
  | { readonly kind: 'dynamic'; readonly entity: string; readonly filter: unknown }
  | { readonly kind: 'members'; readonly entity: string; readonly segmentId: string }
  | undefined

/** Resolves one node of a filter tree at `path`, `depth` levels down, against `catalog`. */
export type NodeResolver = (
  node: unknown,
  catalog: FieldCatalog,
  path: Path,
  depth: number,
  ctx: ResolveContext,
) => ResolvedFilter | undefined

/** What resolution carries through the tree. */
export interface ResolveContext {
  readonly issues: Collector
  readonly segments: SegmentLookup | undefined
  /** Keys of dynamic segments being expanded, to refuse cycles. */
  readonly expanding: readonly string[]
  /**
   * Resolves a nested filter (a related condition's `where`, a dynamic segment's filter). Passed in by
   * `resolveFilter`, so the resolvers of nested conditions need not import it back.
   */
  readonly resolveNode: NodeResolver
}
