// COSE_Sign1 (RFC 9052) with EdDSA (alg -8): signing, and the structural decoding the tests and
// the wallet need to read a certificate. A received protected header is never re-encoded.
import { encode, decode, Tagged, TAG_SIGN1, TAG_SIGN1_BYTE } from './cbor.js'
import { sign } from './keys.js'
import { MemberError } from './errors.js'

export const HEADER_ALG = 1
export const HEADER_KID = 4
export const ALG_EDDSA = -8

/** RFC 9052 section 4.4 Sig_structure for COSE_Sign1. */
export function sigStructure (protectedBytes, payload, externalAad = new Uint8Array(0)) {
  return encode(['Signature1', protectedBytes, externalAad, payload])
}

/** Sign `payload` with the seed; alg -8 always goes in the protected header. */
export function sign1 (payload, seed, { kid = null, tagged = false } = {}) {
  const header = new Map([[HEADER_ALG, ALG_EDDSA]])
  if (kid !== null) header.set(HEADER_KID, kid)
  const protectedBytes = encode(header)
  const signature = sign(seed, sigStructure(protectedBytes, payload))
  const message = encode([protectedBytes, new Map(), payload, signature])
  if (!tagged) return message
  const out = new Uint8Array(message.length + 1)
  out[0] = TAG_SIGN1_BYTE
  out.set(message, 1)
  return out
}

/** Parse a COSE_Sign1 (tagged or not); checks the structure and alg, verifies nothing. */
export function decodeSign1 (data, maxSize) {
  let item = decode(data, maxSize)
  if (item instanceof Tagged) {
    if (item.tag !== TAG_SIGN1) throw new MemberError('bad_input', `CBOR tag ${item.tag} is not COSE_Sign1`)
    item = item.value
  }
  if (!Array.isArray(item) || item.length !== 4) {
    throw new MemberError('bad_input', 'COSE_Sign1 must be an array of 4 items')
  }
  const [protectedBytes, unprotected, payload, signature] = item
  if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array) ||
      !(signature instanceof Uint8Array) || signature.length !== 64 || !(unprotected instanceof Map)) {
    throw new MemberError('bad_input', 'not a COSE_Sign1 structure')
  }
  const header = decode(protectedBytes, 64)
  if (!(header instanceof Map) || header.get(HEADER_ALG) !== ALG_EDDSA) {
    throw new MemberError('bad_input', 'the protected header does not say EdDSA')
  }
  return { protectedBytes, header, unprotected, payload, signature }
}
