// Ed25519 keys as raw bytes, key ids, PKCS#8 PEM (the Python wallet's file format), and the
// weak-key checks of docs/protocol.md "Weak keys": a key or signature R that is of small order
// or not canonically encoded lets anyone sign, so it is refused wherever one is accepted.
// @noble/ed25519 (one audited file, a fifth of @noble/curves' size in the bundle) with
// @noble/hashes' SHA-512: synchronous signing needs the hash set once.
import * as ed from '@noble/ed25519'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { base64 } from '@scure/base'
import { MemberError } from './errors.js'

ed.hashes.sha512 = sha512

export const PUBLIC_KEY_SIZE = 32
export const SIGNATURE_SIZE = 64
const FIELD_P = 2n ** 255n - 19n
const GROUP_L = 2n ** 252n + 27742317777372353535851937790883648493n
const Y_MASK = (1n << 255n) - 1n
// The y coordinates of the 8 points of order 1, 2, 4 and 8 (crypto/keys.py SMALL_ORDER_Y).
const SMALL_ORDER_Y = new Set([
  0n,
  1n,
  FIELD_P - 1n,
  0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n,
  0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n
])
// PKCS#8 for Ed25519 (RFC 8410): this DER prefix, then the 32-byte seed.
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
])

function littleEndian (bytes) {
  let value = 0n
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i])
  return value
}

/** Why this 32-byte point encoding must not be used (a sentence), or null. */
export function pointWeakness (encoded) {
  if (!(encoded instanceof Uint8Array) || encoded.length !== PUBLIC_KEY_SIZE) {
    return `a point is ${PUBLIC_KEY_SIZE} bytes`
  }
  const y = littleEndian(encoded) & Y_MASK
  if (y >= FIELD_P) return 'the point is not canonically encoded (y is not below 2^255 - 19)'
  if (SMALL_ORDER_Y.has(y)) return 'the point has small order: anyone can sign for it'
  return null
}

/** Throw a weak_key MemberError unless `publicKey` is a canonical on-curve point of large order. */
export function checkPublicKey (publicKey) {
  let problem = pointWeakness(publicKey)
  if (problem === null) {
    try {
      ed.Point.fromBytes(publicKey, false)
    } catch {
      problem = 'the key is not a point on the Ed25519 curve'
    }
  }
  if (problem !== null) throw new MemberError('weak_key', problem)
}

/** Throw a weak_key MemberError when R is a weak point or S is not below the group order. */
export function checkSignature (signature) {
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_SIZE) {
    throw new MemberError('weak_key', `a signature is ${SIGNATURE_SIZE} bytes`)
  }
  const problem = pointWeakness(signature.subarray(0, 32))
  if (problem !== null) throw new MemberError('weak_key', `signature R: ${problem}`)
  if (littleEndian(signature.subarray(32)) >= GROUP_L) {
    throw new MemberError('weak_key', 'signature S is not canonical (S >= L): a malleated signature')
  }
}

/** True when `signature` is a valid RFC 8032 signature of `message` by a strong key. */
export function verify (publicKey, signature, message) {
  if (pointWeakness(publicKey) !== null) return false
  try {
    checkSignature(signature)
    return ed.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

/** The 32-byte public key of a 32-byte seed; a weak one (never from a real seed) is refused. */
export function publicOf (seed) {
  const publicKey = ed.getPublicKey(seed)
  checkPublicKey(publicKey)
  return publicKey
}

/** Sign `message` with the 32-byte seed. */
export function sign (seed, message) {
  return ed.sign(message, seed)
}

/** Key id: the first 4 bytes of SHA-256 of the raw public key. */
export function kidFor (publicKey) {
  return sha256(publicKey).subarray(0, 4)
}

/** The seed as unencrypted PKCS#8 PEM, byte for byte what Python's cryptography writes. */
export function seedToPem (seed) {
  const der = new Uint8Array(PKCS8_PREFIX.length + 32)
  der.set(PKCS8_PREFIX)
  der.set(seed, PKCS8_PREFIX.length)
  return `-----BEGIN PRIVATE KEY-----\n${base64.encode(der)}\n-----END PRIVATE KEY-----\n`
}

/** The seed from an unencrypted PKCS#8 PEM Ed25519 key; anything else is refused. */
export function seedFromPem (pem) {
  const match = /^-----BEGIN PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PRIVATE KEY-----\s*$/.exec(pem)
  if (!match) throw new MemberError('storage', 'the device key is not a PKCS#8 PEM key')
  const der = base64.decode(match[1].replace(/\s+/g, ''))
  const prefixOk = der.length === 48 && PKCS8_PREFIX.every((b, i) => der[i] === b)
  if (!prefixOk) throw new MemberError('storage', 'the device key is not an Ed25519 key')
  return der.slice(16)
}
