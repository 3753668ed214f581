// CBOR through cborg: deterministic encoding (RFC 8949 section 4.2) for what we sign, and
// strict decoding (bounded, no indefinite lengths, no duplicate keys) for what we read.
import { encode as cborEncode, decode as cborDecode, rfc8949EncodeOptions } from 'cborg'
import { MemberError } from './errors.js'

export const TAG_SIGN1 = 18
// Tag 18 is one byte (major type 6, value 18); prefixing it is all a tagged COSE_Sign1 needs.
export const TAG_SIGN1_BYTE = 0xd2
const MAX_DEPTH = 8

/** A tagged item as decoded. */
export class Tagged {
  constructor (tag, value) {
    this.tag = tag
    this.value = value
  }
}

/** Deterministic CBOR of `value` (Maps for integer keys, Uint8Array for bytes). */
export function encode (value) {
  return cborEncode(value, rfc8949EncodeOptions)
}

/** Decode exactly one strictly encoded CBOR item of at most `maxSize` bytes. */
export function decode (data, maxSize) {
  if (!(data instanceof Uint8Array)) throw new MemberError('bad_input', 'CBOR input must be bytes')
  if (data.length > maxSize) {
    throw new MemberError('bad_input', `${data.length} bytes exceeds the bound of ${maxSize}`)
  }
  const tags = []
  // cborg hands a tag decoder a function that reads the tagged item.
  tags[TAG_SIGN1] = (control) => new Tagged(TAG_SIGN1, control())
  let item
  try {
    item = cborDecode(data, {
      strict: true,
      allowIndefinite: false,
      allowUndefined: false,
      allowBigInt: false,
      rejectDuplicateMapKeys: true,
      useMaps: true,
      tags
    })
  } catch (err) {
    throw new MemberError('bad_input', `not valid CBOR (${err.message})`)
  }
  if (depth(item) > MAX_DEPTH) throw new MemberError('bad_input', 'CBOR nested too deeply')
  return item
}

function depth (item) {
  if (item instanceof Tagged) return 1 + depth(item.value)
  if (Array.isArray(item)) return 1 + Math.max(0, ...item.map(depth))
  if (item instanceof Map) return 1 + Math.max(0, ...[...item.values()].map(depth))
  return 0
}
