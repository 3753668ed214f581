// The built bundles run where the mini program runs: no eval, no new Function, no Node built-in,
// and the mini program's guard parses in an engine without BigInt syntax.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { transform } from 'esbuild'
import { join } from 'node:path'
import { OUTPUTS } from '../build.mjs'
import { HERE, VECTORS, readJson } from './helpers.mjs'
import { Utf8Encoder, Utf8Decoder } from '../src/shims/text.js'

const BUNDLES = [OUTPUTS.esm, OUTPUTS.miniprogram, OUTPUTS.web]

// The offending text and where it is, not the whole minified bundle, when a check fails.
function found (source, pattern) {
  const match = pattern.exec(source)
  return match ? `${match.index}: ${source.slice(Math.max(0, match.index - 40), match.index + 60)}` : null
}

test('no bundle calls eval or new Function (the mini program runtime forbids both)', () => {
  for (const path of BUNDLES) {
    const source = readFileSync(path, 'utf8')
    for (const pattern of [/\beval\s*\(/, /new\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/, /WebAssembly/]) {
      assert.equal(found(source, pattern), null, `${path} ${pattern}`)
    }
  }
})

test('no bundle imports a Node built-in (cborg only feature-detects globalThis.Buffer)', () => {
  for (const path of BUNDLES) {
    const source = readFileSync(path, 'utf8')
    for (const pattern of [/["']node:[a-z]/, /require\(["'](fs|path|crypto|os|http|https|child_process|buffer|util)["']\)/, /[^.\w]Buffer\./]) {
      assert.equal(found(source, pattern), null, `${path} ${pattern}`)
    }
  }
})

test('the mini program files are plain CommonJS: no import/export, no dynamic import, no import.meta', () => {
  for (const path of [OUTPUTS.miniprogram, OUTPUTS.guard]) {
    const source = readFileSync(path, 'utf8')
    for (const pattern of [/[^\w$.]import\s*\(/, /import\.meta/, /^\s*(import|export)\s/m]) {
      assert.equal(found(source, pattern), null, `${path} ${pattern}`)
    }
  }
})

test('the check that catches eval would catch it: a bundle with eval fails it', () => {
  assert.match('x=1;eval("2")', /\beval\s*\(/)
  assert.match('var f = new Function("a", "return a")', /new\s+Function\s*\(/)
})

async function bigIntLiterals (path) {
  // esbuild rewrites each BigInt literal as BigInt("...") for an ES2017 engine (which has none):
  // the calls it adds are the literals an engine without BigInt could not even parse.
  const source = readFileSync(path, 'utf8')
  const lowered = (await transform(source, { target: 'es2017', loader: 'js' })).code
  const calls = (text) => (text.match(/BigInt\(/g) || []).length
  return calls(lowered) - calls(source)
}

test('the mini program guard holds no BigInt syntax; the core does (so it must be guarded)', async () => {
  assert.equal(await bigIntLiterals(OUTPUTS.guard), 0)
  assert.ok(await bigIntLiterals(OUTPUTS.miniprogram) > 10)
})

test('the mini program guard refuses an engine without BigInt, and WeChat without getRandomValues', () => {
  const script = `
    delete globalThis.BigInt
    const guard = require(${JSON.stringify(OUTPUTS.guard)})
    console.log(JSON.stringify([guard.load({ getRandomValues () {} }), Object.keys(require.cache).some((k) => k.endsWith('member-core.js'))]))`
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const [result, coreLoaded] = JSON.parse(run.stdout)
  assert.equal(result.ok, false)
  assert.match(result.reason, /no BigInt.*iOS to 14\.0.*base library 2\.15\.0/)
  assert.equal(coreLoaded, false, 'the core was not even loaded')
  const guard = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(OUTPUTS.guard)}).load({})))`], { encoding: 'utf8' })
  assert.match(JSON.parse(guard.stdout).reason, /wx\.getRandomValues.*2\.15\.0/)
})

test('the mini program bundle makes the vector code in an engine without TextEncoder or TextDecoder', () => {
  const script = `
    import { createRequire } from 'node:module'
    import { readFileSync } from 'node:fs'
    import { base64 } from '@scure/base'
    import { standInWx } from ${JSON.stringify(join(HERE, 'standin-wx.mjs'))}
    import { seedToPem } from ${JSON.stringify(join(HERE, '..', 'src', 'core', 'keys.js'))}
    const vectors = JSON.parse(readFileSync(${JSON.stringify(join(VECTORS, 'protocol.json'))}, 'utf8'))
    const hex = (h) => Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16))
    delete globalThis.TextEncoder
    delete globalThis.TextDecoder
    const wx = standInWx()
    wx.setStorageSync('loyalty-wallet', JSON.stringify({
      member: 'M1001', device_key: seedToPem(hex(vectors.keys.device_private)),
      certificate: base64.encode(hex(vectors.certificate)), counter: 0, backend: null,
      documents: [], totp_secret: vectors.manual_codes[0].secret }))
    const loaded = createRequire(import.meta.url)(${JSON.stringify(OUTPUTS.guard)}).load(wx)
    const wallet = await loaded.lib.open(loaded.lib.wechatPlatform(wx))
    console.log(JSON.stringify({ code: await wallet.code({ now: 1800000000 }), status: wallet.status(), encoder: typeof TextEncoder }))`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: join(HERE, '..') })
  assert.equal(run.status, 0, run.stderr)
  const result = JSON.parse(run.stdout)
  assert.equal(result.encoder, 'undefined')
  assert.equal(result.code, readJson(VECTORS, 'protocol.json').cases.find((c) => c.name === 'valid checkout').code)
  assert.equal(result.status.tier, 'gold')
})

test('the UTF-8 shims agree with the engine TextEncoder/TextDecoder', () => {
  const samples = ['', 'M1001', 'tier', '会员码 积分', 'emoji 😀 and ß', 'a\u0000b']
  for (const text of samples) {
    const encoded = new Utf8Encoder().encode(text)
    assert.deepEqual(encoded, new TextEncoder().encode(text), text)
    assert.equal(new Utf8Decoder().decode(encoded), text)
  }
  for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff], [0xe4, 0xbc], [0xf0, 0x9f, 0x98, 0x41], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x41]]) {
    const bytes = Uint8Array.from(bad)
    assert.equal(new Utf8Decoder().decode(bytes), new TextDecoder().decode(bytes), String(bad))
    assert.throws(() => new Utf8Decoder('utf-8', { fatal: true }).decode(bytes), TypeError)
  }
})
