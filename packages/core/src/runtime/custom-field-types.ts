import type { z } from 'zod'
import type { Activity, Case, Company, Contact, Deal, NoCustomFields } from '../entities/records'

/** A zod object schema of custom fields. */
export type CustomFieldSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>

/** Custom fields an app declares, per record type: the one generic of `Crm<CF>` and `TenantCrm<CF>`. */
export interface CustomFieldSchemas {
  readonly contact?: CustomFieldSchema
  readonly company?: CustomFieldSchema
  readonly activity?: CustomFieldSchema
  readonly deal?: CustomFieldSchema
  readonly case?: CustomFieldSchema
}

/** The record type of an entity's custom fields. */
export type CustomOutput<S> = S extends z.ZodType ? z.output<S> : NoCustomFields
/** The input type of an entity's custom fields. */
export type CustomInput<S> = S extends z.ZodType ? z.input<S> : NoCustomFields

/** A contact with an app's custom fields. */
export type ContactOf<CF extends CustomFieldSchemas> = Contact<CustomOutput<CF['contact']>>
/** A company with an app's custom fields. */
export type CompanyOf<CF extends CustomFieldSchemas> = Company<CustomOutput<CF['company']>>
/** An activity with an app's custom fields. */
export type ActivityOf<CF extends CustomFieldSchemas> = Activity<CustomOutput<CF['activity']>>
/** A deal with an app's custom fields. */
export type DealOf<CF extends CustomFieldSchemas> = Deal<CustomOutput<CF['deal']>>
/** A support case with an app's custom fields. */
export type CaseOf<CF extends CustomFieldSchemas> = Case<CustomOutput<CF['case']>>
