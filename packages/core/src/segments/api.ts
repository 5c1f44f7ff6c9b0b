import type { ContactChannel } from '../domain/consent'
import type { Page, RfmScore, Segment } from '../entities/records'
import type { ListOptions } from '../runtime/list-query'
import type { UpdateOptions } from '../runtime/record-api'
import type { RfmComputeOptions } from './rfm'
import type { Audience, AudienceOptions } from './segment-audience'
import type { SegmentCreateInput, SegmentUpdateInput } from './segment-input'
import type { SegmentDiff, StreamOptions } from './segments'

/** Segments of one tenant. */
export interface SegmentsApi {
  /** Creates a dynamic, snapshot or static segment. @throws ConflictError when the key is taken. */
  create(input: SegmentCreateInput): Promise<Segment>
  /** @throws NotFoundError */
  get(key: string): Promise<Segment>
  /** Every segment, by key. */
  list(): Promise<Segment[]>
  /** Renames a segment, or changes a dynamic segment's filter. */
  update(key: string, patch: SegmentUpdateInput, options: UpdateOptions): Promise<Segment>
  /** Deletes a segment and its member list; refused while another segment refers to it. */
  delete(key: string): Promise<void>
  /** Adds records to a snapshot or static segment. */
  addMembers(key: string, ids: readonly string[]): Promise<{ added: number; removed: number }>
  /** Removes records from a snapshot or static segment. */
  removeMembers(key: string, ids: readonly string[]): Promise<{ added: number; removed: number }>
  /** How many records it holds now (archived records never count). */
  count(key: string): Promise<number>
  /** A page of members; `filter` narrows further. */
  members(key: string, options?: ListOptions): Promise<Page<object>>
  /** Every member, read in batches as you iterate. */
  stream(key: string, options?: StreamOptions): AsyncGenerator<object>
  /** Ids of every current member. */
  memberIds(key: string): Promise<string[]>
  /** Does the record belong to the segment now? (In memory, with the related records it needs.) */
  matches(key: string, recordOrId: string | { readonly id: string }): Promise<boolean>
  /** Who entered and who left compared with an earlier member list or another segment. */
  diff(key: string, previous: readonly string[] | { readonly segment: string }): Promise<SegmentDiff>
  /** Members who may be contacted on a channel, and the others counted by reason. */
  audience(key: string, channel: ContactChannel, options?: AudienceOptions): Promise<Audience>
}

/** RFM scores of one tenant's contacts. */
export interface RfmApi {
  /** Recomputes every contact's RFM figures and quintile scores from paid purchases in one currency. */
  compute(options: RfmComputeOptions): Promise<{ readonly contacts: number; readonly computedAt: string }>
  /** A contact's stored scores, or null. */
  of(contactId: string): Promise<RfmScore | null>
}

/** The segments capability of one tenant, as `createSegmentsApi` builds it. */
export interface SegmentsCapability {
  readonly segments: SegmentsApi
  readonly rfm: RfmApi
}
