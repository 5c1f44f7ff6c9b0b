/**
 * `@rapport/core/storage`: the adapter author's contract. An adapter implements {@link StoragePort} over
 * the entity descriptions and rows below, receives filters already resolved against a field catalog, and
 * proves itself with the conformance suite in `@rapport/core/testing`. Apps do not need this entry: they
 * pass an adapter (`@rapport/sqlite`, `@rapport/postgres`) to `createCrm` from `@rapport/core`.
 *
 * @packageDocumentation
 */

// Each section below starts with a comment and a blank line: that keeps biome's import sorting inside the
// section, so the sections stay in this order.

// The storage port: what Rapport's services need from a database

export type {
  AggregateQuery,
  AggregateRow,
  FindQuery,
  GroupTerm,
  IndexRequest,
  MeasureTerm,
  MigrationReport,
  RankTerm,
  SortKey,
  StorageCapabilities,
  StoragePort,
  StorageReader,
  StorageTransaction,
  TextSearchHit,
  TextSearchQuery,
  TimeBucket,
  VersionedUpdate,
} from './storage/storage-port'

// Rows: records as the port moves them, and the events written to the outbox

export type { PublicRecord, StoredRecord } from './entities/entity'
export type { PendingEvent } from './events/event-bus'
export type { OutboxRow, StoredRow } from './storage/storage-port'

// Entity descriptions: one per record type, with fields, indexes, relations and custom fields

export {
  ALL_ENTITIES,
  activityEntity,
  activityLinkEntity,
  businessCalendarEntity,
  type CaseEntity,
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
  caseEntity,
  caseMessageEntity,
  companyEntity,
  contactCompanyLinkEntity,
  contactEntity,
  dealContactEntity,
  dealEntity,
  dealStageChangeEntity,
  lifecycleChangeEntity,
  outboxEntity,
  pipelineEntity,
  purchaseEntity,
  rfmEntity,
  segmentEntity,
  segmentMemberEntity,
  slaClockEntity,
  slaPolicyEntity,
} from './entities'
export { type CustomFieldDescriptor, describeCustomFields } from './entities/custom-field-schema'
export {
  columnsOf,
  defineEntity,
  type EntityDescription,
  type ForeignKeyDef,
  type IndexDef,
  propertyOfColumn,
  type TextSearchDef,
  versionedSystemFields,
} from './entities/entity'
export {
  columnOf,
  FIELD_KINDS,
  type FieldDef,
  type FieldKind,
  type FieldValue,
  type FilterableKind,
  field,
  type JsonPathDef,
  type ListElementKind,
  snakeCase,
} from './entities/field'
export { RELATIONS, type RelationDef, type RelationJoin } from './entities/relations'

// Filters as the port receives them: field catalogs, resolved filters and the in-memory predicate that a
// SQL compiler must agree with

export {
  type CompiledPredicate,
  compilePredicate,
  type FilterableRecord,
  type PredicateContext,
  type RecordPredicate,
} from './filter/compile-predicate'
export {
  buildFieldCatalog,
  type FieldCatalog,
  type FilterField,
  linkCatalogs,
  type RelationRef,
} from './filter/field-catalog'
export { OPERATORS_BY_KIND } from './filter/operators'
export { readFieldValue } from './filter/read-field'
export { relatedCatalog } from './filter/related-catalog'
export { resolveFilter, type SegmentLookup } from './filter/resolve-filter'
export {
  andFilters,
  MATCH_ALL,
  type ResolvedCondition,
  type ResolvedFilter,
  type ResolvedRelated,
  type ResolvedScalar,
  type ResolvedSegment,
} from './filter/resolved-filter'

// Text order: the case folding and code-point order that sorts and text filters follow in every adapter

export { asciiLower, compareCodePoints } from './kernel/text'
