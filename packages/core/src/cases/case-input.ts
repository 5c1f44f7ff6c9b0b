import { z } from 'zod'
import {
  CASE_AUTHOR_KINDS,
  CASE_CHANNELS,
  CASE_MESSAGE_VISIBILITIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
} from '../domain/cases/case-vocabulary'
import { caseEntity } from '../entities/case-entity'
import { optionalText } from '../runtime/common-input'
import { type CreateInputWithCustom, recordInputs, type UpdateInputWithCustom } from '../runtime/record-input'

const recordId = z.string().min(1).max(100)
const satisfaction = z.number().int('Expected a whole rating').min(1).max(5)

/**
 * How cases are opened and updated: one input rule per case field a caller gives. After opening, the status
 * changes through `setStatus`, `solve`, `reopen` and `close`; the SLA fields are the service's.
 */
const caseInputs = recordInputs(
  caseEntity,
  {
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
  },
  {
    computed: [
      'slaPolicyId',
      'firstRespondedAt',
      'awaitingReplySince',
      'solvedAt',
      'closedAt',
      'statusHistory',
    ],
    createOnly: ['status'],
  },
)

/** What a caller may set when opening a case. */
export const caseCreateInput = caseInputs.create

/** The fields `cases.update` may change. Status changes go through `setStatus`, `solve`, `reopen`, `close`. */
export const caseUpdateInput = caseInputs.update

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
export type CaseCreateInput<CustomInput = Record<string, unknown>> = CreateInputWithCustom<
  typeof caseCreateInput,
  CustomInput
>

/** What a caller passes to `cases.update`. */
export type CaseUpdateInput<CustomInput = Record<string, unknown>> = UpdateInputWithCustom<
  typeof caseUpdateInput,
  CustomInput
>

/** Options of `cases.setStatus`, `solve`, `reopen` and `close`. */
export type CaseStatusOptions = z.input<typeof caseStatusOptions>

/** What a caller passes to `cases.addMessage`. */
export type CaseMessageInput = z.input<typeof caseMessageInput>
