// The 8-digit manual code (RFC 6238, HMAC-SHA-1, 30 s), from the secret the backend sent.
// The slim build shares our copy of @noble/hashes and never reaches for node:crypto.
import { TOTP, Secret } from 'otpauth/slim'
import { STEP_SECONDS } from './code.js'
import { MemberError } from './errors.js'

/** The manual code shown beside the QR, at `unixSeconds`. */
export function manualCode (secretBase32, unixSeconds) {
  if (typeof secretBase32 !== 'string' || secretBase32.length === 0) {
    throw new MemberError('no_wallet', 'this wallet has no manual-code secret yet: refresh it')
  }
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), digits: 8, period: STEP_SECONDS, algorithm: 'SHA1' })
  return totp.generate({ timestamp: Math.floor(unixSeconds) * 1000 })
}
