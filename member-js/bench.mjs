// node member-js/bench.mjs: the median time to make one code (sign + encode, and through the
// wallet with the counter written to a 0600 file with fsync) and the size of the minified
// bundle the mini program loads. Prints one JSON line.
import { buildAll, OUTPUTS } from './build.mjs'
import { gzipSync } from 'node:zlib'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { base64 } from '@scure/base'
import { makeCode, timeStep } from './src/core/code.js'
import { seedToPem } from './src/core/keys.js'
import { open } from './src/index.js'
import { nodePlatform } from './src/platform/node.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROUNDS = Number(process.argv[2] || 500)
const vectors = JSON.parse(readFileSync(join(HERE, '..', 'tests', 'vectors', 'protocol.json'), 'utf8'))
const fromHex = (hex) => Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16))
const seed = fromHex(vectors.keys.device_private)
const certificate = fromHex(vectors.certificate)

function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function timed (rounds, once) {
  for (let i = 0; i < 20; i++) await once(i) // warm-up: the JIT and noble's precomputed tables
  const times = []
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint()
    await once(i)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return median(times)
}

const step = timeStep(1800000000)
const signMs = await timed(ROUNDS, (i) => makeCode(certificate, seed, { step, counter: i + 1 }))

const path = join(mkdtempSync(join(tmpdir(), 'member-js-bench-')), 'wallet.json')
await nodePlatform(path).save({
  member: 'M1001', device_key: seedToPem(seed), certificate: base64.encode(certificate),
  counter: 0, backend: null, documents: [], totp_secret: null
})
const wallet = await open(nodePlatform(path))
const walletMs = await timed(Math.min(ROUNDS, 200), () => wallet.code({ now: 1800000000 }))

// The mini program's library as it ships (miniprogram/lib/member-core.js), freshly built.
await buildAll()
const bytes = readFileSync(OUTPUTS.miniprogram)

console.log(JSON.stringify({
  rounds: ROUNDS,
  code_median_ms: Number(signMs.toFixed(3)),
  wallet_code_with_fsync_median_ms: Number(walletMs.toFixed(3)),
  bundle_minified_kb: Number((bytes.length / 1024).toFixed(1)),
  bundle_gzip_kb: Number((gzipSync(bytes).length / 1024).toFixed(1)),
  node: process.version
}))
