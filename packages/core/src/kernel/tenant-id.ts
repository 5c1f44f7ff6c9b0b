import { z } from 'zod'

/**
 * A tenant id: 1–64 characters of letters, digits, `_`, `-`, `.` or `:`. The app chooses it (an account id,
 * a clinic slug, ...); Rapport only keeps rows of different tenants apart.
 */
export const tenantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'Expected 1-64 characters of letters, digits, "_", "-", "." or ":"')
