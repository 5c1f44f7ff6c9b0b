import { z } from 'zod'
import { CONSENT_STATUSES, CONTACT_CHANNELS, LEGAL_BASES, WEEKDAYS } from '../domain/consent'
import { LIFECYCLE_STAGES } from '../domain/lifecycle'
import { PARTY_KINDS } from '../domain/party-kind'
import { contactEntity } from '../entities/contact-entity'
import { isTimeZone } from '../kernel/time-zone'
import { timestampInput } from '../kernel/timestamps'
import { countryInput, emailInput, optionalText, phoneInput, tagsInput } from '../runtime/common-input'
import { type CreateInputWithCustom, recordInputs, type UpdateInputWithCustom } from '../runtime/record-input'

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a wall-clock time "HH:mm"')

/** Validates a best contact time: some weekdays, a local time window, an IANA zone. */
export const bestContactTimeInput = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .transform((days) => WEEKDAYS.filter((d) => days.includes(d))),
    from: wallClock,
    to: wallClock,
    timeZone: z.string().refine(isTimeZone, 'Expected an IANA time zone like "Europe/Berlin"'),
  })
  .strict()
  .refine((t) => t.from < t.to, { message: '"from" must be before "to"', path: ['to'] })

/** Consent on one channel as a caller gives it; `capturedAt` defaults to now. */
export const channelConsentInput = z
  .object({
    status: z.enum(CONSENT_STATUSES),
    source: optionalText(200),
    legalBasis: z.enum(LEGAL_BASES).nullish(),
    capturedAt: timestampInput.optional(),
  })
  .strict()

/** Consent per channel as a caller gives it. */
export const consentInput = z.partialRecord(z.enum(CONTACT_CHANNELS), channelConsentInput)

/**
 * How contacts are created and updated: one input rule per contact field. Lifecycle stage and consent are
 * set on create only; later they change through their own commands, which record history and apply rules.
 */
const contactInputs = recordInputs(
  contactEntity,
  {
    firstName: optionalText(200),
    lastName: optionalText(200),
    email: emailInput,
    phone: phoneInput,
    jobTitle: optionalText(200),
    country: countryInput,
    city: optionalText(200),
    kind: z.enum(PARTY_KINDS).default('customer'),
    tags: tagsInput.default([]),
    lifecycleStage: z.enum(LIFECYCLE_STAGES).nullish(),
    source: optionalText(200),
    ownerId: optionalText(200),
    doNotContact: z.boolean().default(false),
    preferredChannel: z.enum(CONTACT_CHANNELS).nullish(),
    bestContactTime: bestContactTimeInput.nullish(),
    consent: consentInput.default({}),
  },
  { createOnly: ['lifecycleStage', 'consent'] },
)

/** The standard fields a caller may set when creating a contact (custom fields are checked apart). */
export const contactCreateInput = contactInputs.create

/**
 * The fields `contacts.update` may change. Lifecycle stage and consent have their own commands, which
 * record history and apply their rules.
 */
export const contactUpdateInput = contactInputs.update

/** What a caller passes to `contacts.create`. `CustomInput` is the input type of the app's schema. */
export type ContactCreateInput<CustomInput = Record<string, unknown>> = CreateInputWithCustom<
  typeof contactCreateInput,
  CustomInput
>

/** What a caller passes to `contacts.update`: any subset; custom fields merge key by key. */
export type ContactUpdateInput<CustomInput = Record<string, unknown>> = UpdateInputWithCustom<
  typeof contactUpdateInput,
  CustomInput
>

/** Consent on one channel as a caller gives it. */
export type ChannelConsentInput = z.input<typeof channelConsentInput>
