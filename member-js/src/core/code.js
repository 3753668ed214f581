// The rotating member code: "LP1:" + base45(COSE_Sign1 by the device key), docs/protocol.md
// "The code on screen". Payload keys: 1 certificate, 2 time step, 3 counter, 4 purpose,
// 5 issuer document (pickup, coupon and staff only).
import { encode as base45 } from '@digitalbazaar/base45'
import { encode } from './cbor.js'
import { sign1 } from './cose.js'
import { MemberError } from './errors.js'

export const PREFIX = 'LP1:'
export const STEP_SECONDS = 30
// Purposes travel as small integers to keep a checkout code within QR version 12-M.
export const PURPOSES = Object.freeze({ checkout: 1, pickup: 2, coupon: 3, checkin: 4, staff: 5 })
// The document type a purpose requires; the others carry no document.
export const DOCUMENT_FOR_PURPOSE = Object.freeze({ pickup: 'pickup', coupon: 'coupon', staff: 'staff' })

/** The RFC 6238 time step of `unixSeconds` (30-second steps from the epoch). */
export function timeStep (unixSeconds) {
  if (typeof unixSeconds !== 'number' || !Number.isFinite(unixSeconds) || unixSeconds < 0) {
    throw new MemberError('bad_input', 'the time must be UNIX seconds')
  }
  return Math.floor(unixSeconds / STEP_SECONDS)
}

/** Sign and encode one code; `seed` is the device key's 32-byte seed. */
export function makeCode (certificate, seed, { step, counter, purpose = 'checkout', document = null }) {
  const wire = PURPOSES[purpose]
  if (wire === undefined) throw new MemberError('bad_input', `unknown purpose ${JSON.stringify(purpose)}`)
  if (!Number.isSafeInteger(step) || step < 0 || !Number.isSafeInteger(counter) || counter < 0) {
    throw new MemberError('bad_input', 'step and counter must be non-negative integers')
  }
  if ((DOCUMENT_FOR_PURPOSE[purpose] === undefined) !== (document === null)) {
    throw new MemberError('bad_input', `a ${purpose} code ${document === null ? 'needs' : 'carries no'} document`)
  }
  const payload = new Map([[1, certificate], [2, step], [3, counter], [4, wire]])
  if (document !== null) payload.set(5, document)
  // Untagged: the prefix already says what this is, and every byte counts.
  const message = sign1(encode(payload), seed)
  // base45 reads message.buffer from offset 0, so it gets a copy in a buffer of its own
  // (cborg may hand back a view into a shared Buffer pool in Node).
  return PREFIX + base45(new Uint8Array(message))
}
