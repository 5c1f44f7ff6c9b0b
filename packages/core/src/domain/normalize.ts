/** The form of an email address used to find records that share it: trimmed and lower-cased. */
export function normalizeEmail(email: string | null): string | null {
  if (email === null) return null
  const trimmed = email.trim().toLowerCase()
  return trimmed === '' ? null : trimmed
}

/**
 * The form of a phone number used to find records that share it: digits only, with a leading `+` kept.
 * `+49 (30) 1234-567` → `+49301234567`. Numbers without a country code stay national; Rapport does not guess
 * the country.
 */
export function normalizePhone(phone: string | null): string | null {
  if (phone === null) return null
  const trimmed = phone.trim()
  const digits = trimmed.replace(/\D/g, '')
  if (digits === '') return null
  return trimmed.startsWith('+') || trimmed.startsWith('00')
    ? `+${trimmed.startsWith('00') ? digits.slice(2) : digits}`
    : digits
}
