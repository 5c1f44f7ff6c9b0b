import { z } from 'zod'
import { campaignEntity } from '../entities/campaign-entity'
import type { StoredRecord } from '../entities/entity'
import { NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { StorageReader } from '../storage/storage-port'

/** Validates a campaign id as callers pass it. */
export const campaignIdInput = z.string().min(1).max(100)

/**
 * Validates a campaign id and reads the campaign, inside a transaction or outside one.
 * @throws ValidationError (malformed id), NotFoundError (no such campaign in the tenant)
 */
export async function requireCampaign(
  reader: StorageReader,
  tenantId: string,
  id: unknown,
): Promise<StoredRecord<typeof campaignEntity>> {
  const cid = validate(campaignIdInput, id, 'campaign id')
  const campaign = await reader.get(campaignEntity, tenantId, cid)
  if (!campaign) throw new NotFoundError('campaign', cid)
  return campaign
}
