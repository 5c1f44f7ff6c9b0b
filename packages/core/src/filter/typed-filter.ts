import type {
  Filter,
  FilterScalar,
  RelatedAggregate,
  SegmentCondition,
  SingleValueOperator,
} from './filter-types'

/**
 * The fields a filter may name on a record type, each with the type of its value: `{ email: string;
 * 'consent.email.status': ConsentStatus; 'custom.tier': 'gold' | 'silver'; tags: string }` (a list field
 * maps to its element type). Derived from the record type, so a custom field declared with zod appears with
 * its zod type. Where the record type does not say (custom fields of an untyped tenant), any name under
 * that prefix is accepted with any scalar value.
 */
export type FilterFieldsOf<R> = {
  readonly [Entry in FieldEntries<R, '', []> as Entry[0]]: Entry[1]
}

/** How deep a record's nested objects are followed (custom fields may nest). */
type MaxDepth = 6

type FieldEntries<
  T,
  Prefix extends string,
  Depth extends readonly unknown[],
> = Depth['length'] extends MaxDepth
  ? never
  : {
      [K in keyof T & string]-?: EntriesOfValue<T[K], `${Prefix}${K}`, Depth>
    }[keyof T & string]

type EntriesOfValue<Value, Path extends string, Depth extends readonly unknown[]> = unknown extends Value
  ? readonly [Path, FilterScalar] | readonly [`${Path}.${string}`, FilterScalar]
  : EntriesOfKnown<NonNullable<Value>, Path, Depth>

type EntriesOfKnown<V, Path extends string, Depth extends readonly unknown[]> = [V] extends [never]
  ? never
  : [V] extends [readonly (infer Element)[]]
    ? readonly [Path, ListElement<Element>]
    : [V] extends [FilterScalar]
      ? readonly [Path, V]
      : [V] extends [object]
        ? FieldEntries<V, `${Path}.`, [...Depth, unknown]>
        : never

type ListElement<E> = [E] extends [FilterScalar] ? E : FilterScalar

/** The conditions one field of value type `V` accepts (what the runtime allows for that kind). */
type ConditionOn<Field extends string, V> = [V] extends [boolean]
  ? BooleanCondition<Field, V>
  : [V] extends [number]
    ? OrderedCondition<Field, V>
    : [V] extends [string]
      ? string extends V
        ? OrderedCondition<Field, V> | TextCondition<Field, V> | RelativeDateCondition<Field>
        : EnumCondition<Field, V>
      : OrderedCondition<Field, V> | TextCondition<Field, V> | RelativeDateCondition<Field>

type PresenceCondition<Field extends string> = { readonly field: Field; readonly op: 'isSet' | 'isNotSet' }

type EnumCondition<Field extends string, V> =
  | { readonly field: Field; readonly op: 'eq' | 'neq'; readonly value: V }
  | { readonly field: Field; readonly op: 'in' | 'notIn'; readonly value: readonly V[] }
  | PresenceCondition<Field>

type BooleanCondition<Field extends string, V> =
  | { readonly field: Field; readonly op: 'eq' | 'neq'; readonly value: V }
  | PresenceCondition<Field>

type OrderedCondition<Field extends string, V> =
  | {
      readonly field: Field
      readonly op: Exclude<SingleValueOperator, 'contains' | 'startsWith'>
      readonly value: V
    }
  | { readonly field: Field; readonly op: 'in' | 'notIn'; readonly value: readonly V[] }
  | { readonly field: Field; readonly op: 'between'; readonly value: readonly [V, V] }
  | PresenceCondition<Field>

type TextCondition<Field extends string, V> = {
  readonly field: Field
  readonly op: 'contains' | 'startsWith'
  readonly value: V
}

type RelativeDateCondition<Field extends string> = {
  readonly field: Field
  readonly op: 'inLastDays' | 'beforeDaysAgo'
  readonly value: number
}

/** One condition on one of the fields in `Fields` (a {@link FilterFieldsOf} map). */
export type TypedFilterCondition<Fields> = {
  [Field in keyof Fields & string]: ConditionOn<Field, Fields[Field]>
}[keyof Fields & string]

/** A condition on related records; the related records' own fields are checked when the filter runs. */
export interface TypedRelatedCondition {
  readonly related: string
  readonly where?: TypedFilter<Record<string, FilterScalar>>
  readonly withinDays?: number
  readonly having?: RelatedAggregate
}

/**
 * A {@link Filter} checked at compile time against a record type's fields: `field` accepts only the record
 * type's fields (its declared `custom.*` names included) and `value` the field's type. The tenant API's
 * `list`, `count`, `matches` and `compileFilter` take this type; a filter that arrives as JSON from outside
 * is still checked at run time.
 *
 * @example
 * ```ts
 * const gold: TypedFilter<FilterFieldsOf<Contact<{ tier: 'gold' | 'silver' }>>> = {
 *   and: [
 *     { field: 'custom.tier', op: 'eq', value: 'gold' },
 *     { field: 'lifecycleStage', op: 'in', value: ['lead', 'customer'] },
 *   ],
 * }
 * ```
 */
export type TypedFilter<Fields> =
  | { readonly and: readonly TypedFilter<Fields>[] }
  | { readonly or: readonly TypedFilter<Fields>[] }
  | { readonly not: TypedFilter<Fields> }
  | TypedFilterCondition<Fields>
  | TypedRelatedCondition
  | SegmentCondition

/** The fields of a record type not known at compile time: any name, any scalar (the plain {@link Filter}). */
export type UntypedFields = Readonly<Record<string, FilterScalar>>

/** The fields a related one-to-one record adds under its relation's name (`rfm.recencyScore`). */
export type PrefixedFields<Prefix extends string, Fields> = {
  readonly [Name in keyof Fields & string as `${Prefix}.${Name}`]: Fields[Name]
}
