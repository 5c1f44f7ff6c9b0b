import { activityEntity, activityLinkEntity } from './activity-entity'
import { campaignTouchEntity } from './campaign-entity'
import { contactCompanyLinkEntity } from './contact-company-link-entity'
import { contactEntity } from './contact-entity'
import { dealContactEntity } from './deal-contact-entity'
import { dealEntity } from './deal-entity'
import type { EntityDescription } from './entity'
import { purchaseEntity } from './purchase-entity'
import { rfmEntity } from './rfm-entity'

/** How a related row belongs to its owner. */
export type RelationJoin =
  /** The related table has a column holding the owner's id. */
  | { readonly kind: 'foreignKey'; readonly column: string }
  /** A link table joins owner and related rows (optionally only links of one type). */
  | {
      readonly kind: 'link'
      readonly link: EntityDescription
      readonly ownerColumn: string
      readonly targetColumn: string
      readonly typeColumn?: string
      readonly typeValue?: string
    }

/**
 * A relation filters can follow: `{ related: 'purchases', where, withinDays, having }`. One description
 * feeds the SQL compiler (EXISTS and correlated aggregates) and the in-memory predicate (which receives
 * the related records by relation name).
 */
export interface RelationDef {
  /** Entity of the related records. */
  readonly target: EntityDescription
  readonly join: RelationJoin
  /** The timestamp field `withinDays` measures on the related records. */
  readonly timeField: string
  /** `one`: at most one related row, whose fields filters read directly (`rfm.recencyScore`). */
  readonly cardinality?: 'many' | 'one'
}

/** Relations by owner entity name and relation name. */
export const RELATIONS: Readonly<Record<string, Readonly<Record<string, RelationDef>>>> = {
  contact: {
    purchases: {
      target: purchaseEntity,
      join: { kind: 'foreignKey', column: 'contact_id' },
      timeField: 'occurredAt',
    },
    deals: {
      target: dealEntity,
      join: { kind: 'link', link: dealContactEntity, ownerColumn: 'contact_id', targetColumn: 'deal_id' },
      timeField: 'createdAt',
    },
    activities: {
      target: activityEntity,
      join: {
        kind: 'link',
        link: activityLinkEntity,
        ownerColumn: 'target_id',
        targetColumn: 'activity_id',
        typeColumn: 'target_type',
        typeValue: 'contact',
      },
      timeField: 'occurredAt',
    },
    rfm: {
      target: rfmEntity,
      join: { kind: 'foreignKey', column: 'contact_id' },
      timeField: 'computedAt',
      cardinality: 'one',
    },
    /** Sends, opens, clicks, responses, ... of the campaigns the contact is a member of. */
    campaignTouches: {
      target: campaignTouchEntity,
      join: { kind: 'foreignKey', column: 'contact_id' },
      timeField: 'at',
    },
  },
  company: {
    purchases: {
      target: purchaseEntity,
      join: { kind: 'foreignKey', column: 'company_id' },
      timeField: 'occurredAt',
    },
    deals: { target: dealEntity, join: { kind: 'foreignKey', column: 'company_id' }, timeField: 'createdAt' },
    activities: {
      target: activityEntity,
      join: {
        kind: 'link',
        link: activityLinkEntity,
        ownerColumn: 'target_id',
        targetColumn: 'activity_id',
        typeColumn: 'target_type',
        typeValue: 'company',
      },
      timeField: 'occurredAt',
    },
    contacts: {
      target: contactEntity,
      join: {
        kind: 'link',
        link: contactCompanyLinkEntity,
        ownerColumn: 'company_id',
        targetColumn: 'contact_id',
      },
      timeField: 'createdAt',
    },
  },
  deal: {
    activities: {
      target: activityEntity,
      join: {
        kind: 'link',
        link: activityLinkEntity,
        ownerColumn: 'target_id',
        targetColumn: 'activity_id',
        typeColumn: 'target_type',
        typeValue: 'deal',
      },
      timeField: 'occurredAt',
    },
    contacts: {
      target: contactEntity,
      join: { kind: 'link', link: dealContactEntity, ownerColumn: 'deal_id', targetColumn: 'contact_id' },
      timeField: 'createdAt',
    },
  },
}
