import { z } from 'zod'
import {
  CASE_AUTHOR_KINDS,
  CASE_CHANNELS,
  CASE_MESSAGE_VISIBILITIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
} from '../domain/cases/case-vocabulary'
import { customPatchInput, optionalText } from '../runtime/common-input'

const recordId = z.string().min(1).max(100)
const satisfaction = z.number().int('Expected a whole rating').min(1).max(5)

/** What a caller may set when opening a case. */
export const caseCreateInput = z
  .object({
    subject: z.string().trim().min(1, 'A case needs a subject').max(500),
    description: optionalText(100_000),
    contactId: recordId.nullish(),
    companyId: recordId.nullish(),
    channel: z.enum(CASE_CHANNELS).nullish(),
    priority: z.enum(CASE_PRIORITIES).default('normal'),
    category: optionalText(100),
    product: optionalText(200),
    /** A case starts as `new` unless the caller opens it already worked on (or waiting). */
    status: z.enum(['new', 'open', 'pending', 'onHold']).default('new'),
    satisfaction: satisfaction.nullish(),
    assigneeId: optionalText(200),
    custom: z.unknown().optional(),
  })
  .strict()

/** The fields `cases.update` may change. Status changes go through `setStatus`, `solve`, `reopen`, `close`. */
export const caseUpdateInput = z
  .object({
    subject: z.string().trim().min(1, 'A case needs a subject').max(500).optional(),
    description: optionalText(100_000),
    contactId: recordId.nullish(),
    companyId: recordId.nullish(),
    channel: z.enum(CASE_CHANNELS).nullish(),
    priority: z.enum(CASE_PRIORITIES).optional(),
    category: optionalText(100),
    product: optionalText(200),
    satisfaction: satisfaction.nullish(),
    assigneeId: optionalText(200),
    custom: customPatchInput.optional(),
  })
  .strict()

/** Options of a status change. */
export const caseStatusOptions = z.object({ expectedVersion: z.number().int().min(1).optional() }).strict()

/** The status a case is moved to. */
export const caseStatusInput = z.enum(CASE_STATUSES)

/** A message added to a case. */
export const caseMessageInput = z
  .object({
    /** @default 'public' */
    visibility: z.enum(CASE_MESSAGE_VISIBILITIES).default('public'),
    authorKind: z.enum(CASE_AUTHOR_KINDS),
    authorId: optionalText(200),
    body: z.string().trim().min(1, 'A message needs a body').max(100_000),
  })
  .strict()
  .refine((m) => m.authorKind === 'agent' || m.visibility === 'public', {
    message: 'Customers write public messages; private notes are for agents',
    path: ['visibility'],
  })

/** What a caller passes to `cases.create`. */
export type CaseCreateInput<CustomInput = Record<string, unknown>> = Omit<
  z.input<typeof caseCreateInput>,
  'custom'
> & { readonly custom?: CustomInput }

/** What a caller passes to `cases.update`. */
export type CaseUpdateInput<CustomInput = Record<string, unknown>> = Omit<
  z.input<typeof caseUpdateInput>,
  'custom'
> & { readonly custom?: Partial<CustomInput> }

/** Options of `cases.setStatus`, `solve`, `reopen` and `close`. */
export type CaseStatusOptions = z.input<typeof caseStatusOptions>

/** What a caller passes to `cases.addMessage`. */
export type CaseMessageInput = z.input<typeof caseMessageInput>
