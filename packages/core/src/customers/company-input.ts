import { z } from 'zod'
import { PARTY_KINDS } from '../domain/party-kind'
import { companyEntity } from '../entities/company-entity'
import { countryInput, optionalText, phoneInput, tagsInput } from '../runtime/common-input'
import { type CreateInputWithCustom, recordInputs, type UpdateInputWithCustom } from '../runtime/record-input'

const domainInput = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) =>
    value
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '')
      .replace(/^www\./, ''),
  )
  .pipe(
    z.union([
      z.literal(''),
      z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'Expected a domain like "acme.com"'),
    ]),
  )
  .transform((value) => (value === '' ? null : value))
  .nullish()

/** How companies are created and updated: one input rule per company field. */
const companyInputs = recordInputs(companyEntity, {
  name: z.string().trim().min(1, 'A company needs a name').max(300),
  domain: domainInput,
  industry: optionalText(200),
  employeeCount: z.number().int().min(0).max(100_000_000).nullish(),
  phone: phoneInput,
  country: countryInput,
  city: optionalText(200),
  kind: z.enum(PARTY_KINDS).default('customer'),
  tags: tagsInput.default([]),
  ownerId: optionalText(200),
})

/** The standard fields a caller may set when creating a company. */
export const companyCreateInput = companyInputs.create

/** The fields `companies.update` may change. */
export const companyUpdateInput = companyInputs.update

/** What a caller passes to `companies.create`. */
export type CompanyCreateInput<CustomInput = Record<string, unknown>> = CreateInputWithCustom<
  typeof companyCreateInput,
  CustomInput
>

/** What a caller passes to `companies.update`. */
export type CompanyUpdateInput<CustomInput = Record<string, unknown>> = UpdateInputWithCustom<
  typeof companyUpdateInput,
  CustomInput
>
