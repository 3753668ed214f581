// The shared vectors reproduced byte for byte: tests/vectors/protocol.json (codes, certificate,
// documents, bundles, manual codes, small-order keys), Wycheproof Ed25519, COSE WG EdDSA-01,
// RFC 8032, RFC 6238 and RFC 9285.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decode as base45decode, encode as base45encode } from '@digitalbazaar/base45'
import * as ed from '@noble/ed25519'
import { VECTORS, readJson, fromHex, toHex } from './helpers.mjs'
import { encode, decode } from '../src/core/cbor.js'
import { sign1, sigStructure, decodeSign1 } from '../src/core/cose.js'
import { makeCode, timeStep, PURPOSES } from '../src/core/code.js'
import { kidFor, verify, checkPublicKey, pointWeakness } from '../src/core/keys.js'
import { manualCode } from '../src/core/manual.js'
import { readCertificate } from '../src/core/certificate.js'

const protocol = readJson(VECTORS, 'protocol.json')
const KEYS = protocol.keys
const PURPOSE_NAMES = Object.fromEntries(Object.entries(PURPOSES).map(([k, v]) => [v, k]))

test('every code the device key signed in protocol.json is reproduced byte for byte', () => {
  const devicePublic = fromHex(KEYS.device_public)
  let reproduced = 0
  for (const c of protocol.cases) {
    if (!c.code.startsWith('LP1:')) continue
    let message
    try {
      message = decodeSign1(base45decode(c.code.slice(4)), 4096)
    } catch {
      continue // the malformed cases
    }
    if (!verify(devicePublic, message.signature, sigStructure(message.protectedBytes, message.payload))) continue
    const payload = decode(message.payload, 4096)
    const text = makeCode(payload.get(1), fromHex(KEYS.device_private), {
      step: payload.get(2),
      counter: payload.get(3),
      purpose: PURPOSE_NAMES[payload.get(4)],
      document: payload.get(5) ?? null
    })
    assert.equal(text, c.code, c.name)
    if (c.expected.ok) assert.deepEqual([payload.get(2), payload.get(3)], [c.expected.step, c.expected.counter])
    reproduced++
  }
  // valid checkout (and its skew cases), pickup, check-in, revoked, unknown issuer, expired...
  assert.ok(reproduced >= 10, `only ${reproduced} codes reproduced`)
})

test('the certificate is reproduced byte for byte from its claims and the issuer key', () => {
  const cert = fromHex(protocol.certificate)
  const message = decodeSign1(cert, 1024)
  const claims = decode(message.payload, 1024)
  assert.equal(toHex(encode(claims)), toHex(message.payload))
  const kid = fromHex(KEYS.signing_kid)
  assert.equal(toHex(sign1(encode(claims), fromHex(KEYS.signing_private), { kid })), protocol.certificate)
  assert.equal(toHex(kidFor(ed.getPublicKey(fromHex(KEYS.signing_private)))), KEYS.signing_kid)
  const read = readCertificate(cert)
  assert.equal(read.member, 'M1001')
  assert.equal(toHex(read.devicePublic), KEYS.device_public)
})

test('the pickup order and both trust bundles are reproduced byte for byte (tagged)', () => {
  const rootKid = kidFor(fromHex(KEYS.root_public))
  const signed = [
    [protocol.pickup_order, KEYS.signing_private, fromHex(KEYS.signing_kid)],
    [protocol.bundles.current, KEYS.root_private, rootKid],
    [protocol.bundles.revoked, KEYS.root_private, rootKid]
  ]
  for (const [hex, privateHex, kid] of signed) {
    const message = decodeSign1(fromHex(hex), 4096)
    const payload = decode(message.payload, 4096)
    assert.equal(toHex(encode(payload)), toHex(message.payload))
    assert.equal(toHex(sign1(encode(payload), fromHex(privateHex), { kid, tagged: true })), hex)
  }
})

test('manual codes match protocol.json and RFC 6238 appendix B', () => {
  for (const m of protocol.manual_codes) assert.equal(manualCode(m.secret, m.at), m.code)
  // base32 of "12345678901234567890"
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  const rows = [[59, 1, '94287082'], [1111111109, 0x23523ec, '07081804'], [1234567890, 0x273ef07, '89005924'], [20000000000, 0x27bc86aa, '65353130']]
  for (const [at, step, code] of rows) {
    assert.equal(timeStep(at), step)
    assert.equal(manualCode(secret, at), code)
  }
})

test('the 14 small-order encodings are refused as keys and as signature R', () => {
  assert.equal(protocol.small_order_encodings.length, 14)
  for (const hex of protocol.small_order_encodings) {
    const point = fromHex(hex)
    assert.notEqual(pointWeakness(point), null, hex)
    assert.throws(() => checkPublicKey(point), (err) => err.kind === 'weak_key', hex)
    // R = the point, S = 0: "verifies" under the identity key in cofactorless OpenSSL.
    const signature = new Uint8Array(64)
    signature.set(point)
    assert.equal(verify(point, signature, new Uint8Array([1, 2, 3])), false)
  }
  // A canonical y that is not on the curve (y = 2 has no x) is refused as a key being accepted.
  const offCurve = new Uint8Array(32)
  offCurve[0] = 2
  assert.throws(() => checkPublicKey(offCurve), (err) => err.kind === 'weak_key')
  checkPublicKey(fromHex(KEYS.device_public))
})

test('a signature with S + L is refused though it is the same point arithmetic', () => {
  const seed = fromHex(KEYS.device_private)
  const message = new TextEncoder().encode('counter')
  const signature = ed.sign(message, seed)
  assert.ok(verify(fromHex(KEYS.device_public), signature, message))
  let s = 0n
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i])
  s += 2n ** 252n + 27742317777372353535851937790883648493n
  const malleated = signature.slice()
  for (let i = 32; i < 64; i++) { malleated[i] = Number(s & 0xffn); s >>= 8n }
  assert.equal(verify(fromHex(KEYS.device_public), malleated, message), false)
})

test('Wycheproof Ed25519: all 151 verdicts', () => {
  const data = readJson(VECTORS, 'wycheproof', 'ed25519_test.json')
  let count = 0
  for (const group of data.testGroups) {
    for (const c of group.tests) {
      const accepted = verify(fromHex(group.publicKey.pk), fromHex(c.sig), fromHex(c.msg))
      assert.equal(accepted, c.result === 'valid', `tc${c.tcId} ${c.comment}`)
      count++
    }
  }
  assert.equal(count, 151)
})

test('COSE WG EdDSA-01 is reproduced byte for byte', () => {
  const example = readJson(VECTORS, 'cose', 'eddsa-sig-01.json')
  const key = example.input.sign0.key
  const protectedBytes = encode(new Map([[1, -8], [3, 0]]))
  const payload = new TextEncoder().encode(example.input.plaintext)
  assert.equal(toHex(sigStructure(protectedBytes, payload)).toUpperCase(), example.intermediates.ToBeSign_hex)
  const signature = ed.sign(sigStructure(protectedBytes, payload), fromHex(key.d_hex))
  const body = encode([protectedBytes, new Map([[4, new TextEncoder().encode(key.kid)]]), payload, signature])
  assert.equal('D2' + toHex(body).toUpperCase(), example.output.cbor)
  assert.ok(verify(fromHex(key.x_hex), signature, sigStructure(protectedBytes, payload)))
})

test('RFC 8032 7.1 TEST 1 and RFC 9285 examples', () => {
  const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
  assert.equal(toHex(ed.getPublicKey(seed)), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
  assert.equal(toHex(ed.sign(new Uint8Array(0), seed)),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
    '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b')
  const ascii = (s) => new TextEncoder().encode(s)
  assert.equal(base45encode(ascii('AB')), 'BB8')
  assert.equal(base45encode(ascii('Hello!!')), '%69 VD92EX0')
  assert.equal(base45encode(ascii('base-45')), 'UJCLQE7W581')
  assert.deepEqual(base45decode('QED8WEX0'), ascii('ietf!'))
})

test('the shared vector copies in tests/vectors are the files in /work/shared/vectors', { skip: !process.env.LOYALTY_SHARED_VECTORS && 'LOYALTY_SHARED_VECTORS not set' }, () => {
  const shared = process.env.LOYALTY_SHARED_VECTORS
  assert.deepEqual(readJson(shared, 'wycheproof-ed25519_test.json'), readJson(VECTORS, 'wycheproof', 'ed25519_test.json'))
  assert.deepEqual(readJson(shared, 'cose-eddsa-sig-01.json'), readJson(VECTORS, 'cose', 'eddsa-sig-01.json'))
})
