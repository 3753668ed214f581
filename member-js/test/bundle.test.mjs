// The built bundles run where the mini program runs: no eval, no new Function, no Node built-in,
// and the mini program's guard parses in an engine without BigInt syntax.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { transform } from 'esbuild'
import { OUTPUTS } from '../build.mjs'

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
