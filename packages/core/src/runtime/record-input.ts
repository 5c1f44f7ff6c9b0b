import { z } from 'zod'
import type { EntityDescription } from '../entities/entity'
import { ConfigError } from '../errors/rapport-error'
import { customPatchInput } from './common-input'
import {
  type ContentField,
  contentFields,
  type InternalField,
  isSystemField,
  type SystemField,
} from './record-fields'

/**
 * A field's rule on update, from its rule on create: the field becomes optional and a create default is
 * dropped (an update leaves a field it does not name as it is).
 */
export type UpdateRule<S extends z.ZodType> =
  S extends z.ZodDefault<infer Inner extends z.ZodType>
    ? z.ZodOptional<Inner>
    : S extends z.ZodOptional
      ? S
      : z.ZodOptional<S>

/** The {@link UpdateRule} of a create rule. */
export function updateRuleOf<S extends z.ZodType>(rule: S): UpdateRule<S>
export function updateRuleOf(rule: z.ZodType): z.ZodType {
  if (rule instanceof z.ZodDefault) return z.optional(rule.unwrap())
  if (rule instanceof z.ZodOptional) return rule
  return z.optional(rule)
}

/** The custom field values on create: checked against the app's schema by the record service. */
const customOnCreate = z.unknown().optional()
/** The custom field values on update: a patch merged into the stored values, then checked. */
const customOnUpdate = customPatchInput.optional()

type Flat<T> = { [K in keyof T]: T[K] } & {}

type CustomShape<E extends EntityDescription, Rule> = E['customFields'] extends true
  ? { custom: Rule }
  : Record<never, never>

/** The create schema's shape: the rules in their order, then `custom` when the entity has custom fields. */
export type CreateShape<E extends EntityDescription, Rules extends z.core.$ZodLooseShape> = Flat<
  Rules & CustomShape<E, typeof customOnCreate>
>

/** The update schema's shape: every rule but the create-only ones as its {@link UpdateRule}, then `custom`. */
export type UpdateShape<
  E extends EntityDescription,
  Rules extends z.core.$ZodLooseShape,
  CreateOnly extends keyof Rules,
> = Flat<
  {
    [K in keyof Rules as K extends CreateOnly ? never : K]: Rules[K] extends z.ZodType
      ? UpdateRule<Rules[K]>
      : never
  } & CustomShape<E, typeof customOnUpdate>
>

/** The create and update schemas of a record type. */
export interface RecordInputs<
  E extends EntityDescription,
  Rules extends z.core.$ZodLooseShape,
  CreateOnly extends keyof Rules,
> {
  /** What `create` accepts: strict, create defaults applied. */
  readonly create: z.ZodObject<CreateShape<E, Rules>, z.core.$strict>
  /** What `update` accepts: strict, every field optional, no defaults. */
  readonly update: z.ZodObject<UpdateShape<E, Rules, CreateOnly>, z.core.$strict>
}

/**
 * The rules a record type's input module gives: one per content field of the entity that the service does
 * not compute (a field added to the entity without a rule is a type error here), none for a system or
 * internal field, and any inputs that are not fields (a deal's `pipeline` key, a purchase's `amount`).
 */
export type InputRules<E extends EntityDescription, Rules, Computed extends ContentField<E>> = Rules & {
  readonly [K in Exclude<ContentField<E>, Computed>]: z.ZodType
} & { readonly [K in keyof Rules & (SystemField | InternalField<E> | 'id' | 'custom')]: never }

/** How the rules turn into the two schemas. */
export interface RecordInputOptions<Computed extends string, CreateOnly extends string> {
  /** Content fields the record type's service computes: callers never give them, so they have no rule. */
  readonly computed?: readonly Computed[]
  /** Rules that apply on create only: fields fixed at creation or changed by their own commands. */
  readonly createOnly?: readonly CreateOnly[]
}

/**
 * Derives a record type's create and update schemas from its entity description and one input rule per
 * field, the way drizzle-zod derives insert and update validators from a table.
 *
 * - create: the rules as given, in their order (a rule's own `.default()` or `.optional()` says whether
 *   a field may be left out), then `custom` when the entity has custom fields; strict;
 * - update: the same rules but the `createOnly` ones, each optional and without its default, then the
 *   custom values patch; strict.
 *
 * The rules' order is the schemas' key order, which decides the order of validation issues.
 * @throws Error when a content field has neither a rule nor a place in `computed`, or a rule names a system
 * or internal field: a programming error, caught when the module loads.
 *
 * @example
 * ```ts
 * const { create, update } = recordInputs(companyEntity, {
 *   name: z.string().trim().min(1).max(300),
 *   kind: z.enum(PARTY_KINDS).default('customer'), // on update: z.enum(PARTY_KINDS).optional()
 *   ...
 * })
 * ```
 */
export function recordInputs<
  E extends EntityDescription,
  Rules extends z.core.$ZodLooseShape,
  const Computed extends ContentField<E> = never,
  const CreateOnly extends keyof Rules & string = never,
>(
  entity: E,
  rules: InputRules<E, Rules, Computed>,
  options: RecordInputOptions<Computed, CreateOnly> = {},
): RecordInputs<E, Rules, CreateOnly> {
  const given: Readonly<Record<string, z.ZodType>> = rules
  checkRules(entity, given, options)
  const createOnly: readonly string[] = options.createOnly ?? []
  const create: Record<string, z.ZodType> = { ...given }
  const update: Record<string, z.ZodType> = {}
  for (const [name, rule] of Object.entries(given)) {
    if (!createOnly.includes(name)) update[name] = updateRuleOf(rule)
  }
  if (entity.customFields) {
    create.custom = customOnCreate
    update.custom = customOnUpdate
  }
  return { create: z.strictObject(create), update: z.strictObject(update) } as RecordInputs<
    E,
    Rules,
    CreateOnly
  >
}

/** Refuses rules that do not match the entity: what the types say, for callers the types cannot see. */
function checkRules(
  entity: EntityDescription,
  rules: Readonly<Record<string, z.ZodType>>,
  options: RecordInputOptions<string, string>,
) {
  const fail = (message: string): never => {
    // A description and its input rules that disagree is a mistake in the code, found when the module loads.
    throw new ConfigError(`Inputs of ${entity.name}: ${message}`)
  }
  const computed: readonly string[] = options.computed ?? []
  for (const name of contentFields(entity)) {
    const ruled = Object.hasOwn(rules, name)
    if (!ruled && !computed.includes(name)) {
      fail(`the field "${name}" has no input rule; give it one, or list it as computed`)
    }
    if (ruled && computed.includes(name)) fail(`the field "${name}" is computed and has an input rule`)
  }
  for (const name of Object.keys(rules)) {
    const def = entity.fields[name]
    if (name === 'id' || name === 'custom' || isSystemField(name) || def?.internal) {
      fail(`"${name}" is kept by Rapport; it cannot have an input rule`)
    }
  }
  for (const name of computed) {
    if (!contentFields(entity).includes(name)) fail(`"${name}" is listed as computed but is no content field`)
  }
  for (const name of options.createOnly ?? []) {
    if (!Object.hasOwn(rules, name)) fail(`"${name}" is listed as create-only but has no rule`)
  }
}

/** What a caller passes to create a record with custom fields: `custom` typed by the app's schema. */
export type CreateInputWithCustom<S extends z.ZodType, CustomInput> = Omit<z.input<S>, 'custom'> & {
  readonly custom?: CustomInput
}

/** What a caller passes to update a record with custom fields: any subset; custom fields merge key by key. */
export type UpdateInputWithCustom<S extends z.ZodType, CustomInput> = Omit<z.input<S>, 'custom'> & {
  readonly custom?: Partial<CustomInput>
}
