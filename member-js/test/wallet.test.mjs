// The wallet over real files: the counter never goes backwards across a crash, the file is the
// Python wallet's (0600, PKCS#8 PEM), weak keys are refused, and an engine without BigInt is
// refused with a sentence instead of a crash.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, readFileSync, chmodSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode as base45decode } from '@digitalbazaar/base45'
import { base64 } from '@scure/base'
import { VECTORS, PACKAGE, readJson, fromHex } from './helpers.mjs'
import { open, enrol, NO_BIGINT_MESSAGE } from '../src/index.js'
import { nodePlatform } from '../src/platform/node.js'
import { seedToPem } from '../src/core/keys.js'
import { decodeSign1, sign1 } from '../src/core/cose.js'
import { encode, decode } from '../src/core/cbor.js'

const protocol = readJson(VECTORS, 'protocol.json')
const AT = 1800000000

function vectorRecord (certificate = fromHex(protocol.certificate)) {
  return {
    member: 'M1001',
    device_key: seedToPem(fromHex(protocol.keys.device_private)),
    certificate: base64.encode(certificate),
    counter: 0,
    backend: null,
    documents: [{ key: 'pickup:O-2001', raw: base64.encode(fromHex(protocol.pickup_order)) }],
    totp_secret: protocol.manual_codes[0].secret
  }
}

async function walletFile (record = vectorRecord()) {
  const path = join(mkdtempSync(join(tmpdir(), 'member-js-')), 'wallet.json')
  await nodePlatform(path).save(record)
  return path
}

function counterOf (text) {
  const message = decodeSign1(base45decode(text.slice(4)), 4096)
  return decode(message.payload, 4096).get(3)
}

test('the wallet file is mode 0600, the PEM is what Python writes, and a code is the vector code', async () => {
  const path = await walletFile()
  assert.equal(statSync(path).mode & 0o777, 0o600)
  const wallet = await open(nodePlatform(path))
  const text = await wallet.code({ now: AT })
  // protocol.json's "valid checkout" is counter 1 at AT from this certificate and device key.
  assert.equal(text, protocol.cases.find((c) => c.name === 'valid checkout').code)
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).counter, 1)
  assert.match(JSON.parse(readFileSync(path, 'utf8')).device_key, /^-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI/)
  assert.equal(wallet.manualCode(protocol.manual_codes[0].at), protocol.manual_codes[0].code)
  const pickup = await wallet.code({ purpose: 'pickup', now: AT })
  assert.equal(counterOf(pickup), 2)
  await assert.rejects(wallet.code({ purpose: 'coupon', now: AT }), (err) => err.kind === 'bad_input')
})

test('a wallet file others can read is refused, as the Python wallet refuses it', async () => {
  const path = await walletFile()
  chmodSync(path, 0o644)
  await assert.rejects(open(nodePlatform(path)), (err) => err.kind === 'storage' && /chmod 600/.test(err.message))
})

test('the counter never goes backwards across crashes (the process killed while writing)', async () => {
  const path = await walletFile()
  let highestShown = 0
  for (let round = 0; round < 6; round++) {
    const child = spawn(process.execPath, [join(PACKAGE, 'test', 'fixtures', 'codes-until-killed.mjs'), path])
    const wanted = 5 + round * 7
    const shown = await new Promise((resolve) => {
      let buffer = ''
      let lines = []
      child.stdout.on('data', (chunk) => {
        buffer += chunk
        const parts = buffer.split('\n')
        buffer = parts.pop()
        lines = lines.concat(parts.map(Number))
        if (lines.length >= wanted) {
          child.kill('SIGKILL') // while it is in the middle of the next code's write
          resolve(lines)
        }
      })
    })
    await new Promise((resolve) => child.once('exit', resolve))
    const stored = JSON.parse(readFileSync(path, 'utf8')).counter
    const last = shown[shown.length - 1]
    assert.ok(stored >= last, `round ${round}: stored ${stored} < shown ${last}`)
    assert.ok(last > highestShown, `round ${round}: counter ${last} shown again`)
    highestShown = stored
  }
  const next = await (await open(nodePlatform(path))).code({ now: AT })
  assert.ok(counterOf(next) > highestShown)
})

test('a failed write returns no code and does not advance the counter', async () => {
  const path = await walletFile()
  const platform = nodePlatform(path)
  const wallet = await open(platform)
  const full = { ...platform, save: async () => { throw new Error('ENOSPC: no space left on device') } }
  wallet.platform = full
  await assert.rejects(wallet.code({ now: AT }), /ENOSPC/)
  assert.equal(wallet.record.counter, 0)
  wallet.platform = platform
  assert.equal(counterOf(await wallet.code({ now: AT })), 1)
})

test('codes asked for at once get distinct, increasing counters', async () => {
  const wallet = await open(nodePlatform(await walletFile()))
  const texts = await Promise.all(Array.from({ length: 8 }, () => wallet.code({ now: AT })))
  assert.deepEqual(texts.map(counterOf), [1, 2, 3, 4, 5, 6, 7, 8])
})

function certificateFor (devicePublic) {
  const message = decodeSign1(fromHex(protocol.certificate), 1024)
  const claims = decode(message.payload, 1024)
  claims.set(8, new Map([[1, new Map([[1, 1], [-1, 6], [-2, devicePublic]])]]))
  return sign1(encode(claims), fromHex(protocol.keys.signing_private), { kid: fromHex(protocol.keys.signing_kid) })
}

test('a certificate that certifies a small-order device key is refused', async () => {
  const identity = fromHex(protocol.small_order_encodings.find((h) => h.startsWith('01')) || '01' + '00'.repeat(31))
  const wallet = await open(nodePlatform(await walletFile(vectorRecord(certificateFor(identity)))))
  assert.throws(() => wallet.status(), (err) => err.kind === 'weak_key')
})

test('enrolment refuses a rogue backend that certifies a weak key instead of ours', async () => {
  const weak = fromHex('01' + '00'.repeat(31))
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({
        member: 'M1001', tier: 'gold', balance: 0, root_public: protocol.keys.root_public,
        certificate: base64.encode(certificateFor(weak)), documents: []
      }))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const path = join(mkdtempSync(join(tmpdir(), 'member-js-')), 'wallet.json')
  try {
    await assert.rejects(
      enrol({ backend: `http://127.0.0.1:${server.address().port}`, member: 'M1001', login: 'x', platform: nodePlatform(path) }),
      (err) => err.kind === 'weak_key'
    )
  } finally {
    server.close()
  }
  assert.equal(await nodePlatform(path).load(), null, 'nothing stored')
})

test('with BigInt absent the library loads and refuses with the sentence naming iOS and base library', () => {
  const script = `
    delete globalThis.BigInt
    const lib = await import(${JSON.stringify(join(PACKAGE, 'src', 'index.js'))})
    const matrix = lib.qrMatrix('LP1:ABC')
    try {
      await lib.enrol({ backend: 'http://127.0.0.1:9', member: 'M1', login: 'x', platform: {} })
      console.log(JSON.stringify({ ok: true }))
    } catch (err) {
      console.log(JSON.stringify({ name: err.name, kind: err.kind, message: err.message, qr: matrix.length }))
    }`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const result = JSON.parse(run.stdout)
  assert.deepEqual(result, { name: 'MemberError', kind: 'unsupported', message: NO_BIGINT_MESSAGE, qr: 21 })
  assert.match(NO_BIGINT_MESSAGE, /iOS to 14\.0.*base library 2\.15\.0/)
})

test('a damaged stored wallet is a storage error with a sentence, in the browser and WeChat adapters', async () => {
  const { browserPlatform } = await import('../src/platform/browser.js')
  const { wechatPlatform } = await import('../src/platform/wechat.js')
  const { standInWx } = await import('./standin-wx.mjs')
  // localStorage does not exist in Node: a Storage-shaped object over a Map stands in for it.
  const items = new Map([['loyalty-wallet', '{"member": "M1", "coun']])
  const storage = { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, v) }
  await assert.rejects(open(browserPlatform({ storage })), (err) => err.kind === 'storage')
  const wx = standInWx()
  wx.setStorageSync('loyalty-wallet', '{"member": "M1", "coun')
  await assert.rejects(open(wechatPlatform(wx)), (err) => err.kind === 'storage')
})
