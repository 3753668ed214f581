#!/usr/bin/env node
// loyalty-wallet in JavaScript: the Python reference wallet's member commands (enroll, code,
// totp, refresh) over the same wallet file, printing what it prints; and `serve`, the web phone.
// Exit codes as the Python wallet's: 0 done, 2 usage or configuration error, 3 internal error.
import { parseArgs } from 'node:util'
import { readSync } from 'node:fs'
import { resolve } from 'node:path'
import { enrol, open, MemberError } from '../src/index.js'
import { nodePlatform } from '../src/platform/node.js'

const PURPOSES = ['checkout', 'pickup', 'coupon', 'checkin', 'staff']
const MAX_LOGIN_CHARS = 128
const USAGE = `usage: loyalty-wallet.mjs COMMAND
  enroll --backend URL --member ID --login CODE|- --out FILE
  code FILE [--purpose ${PURPOSES.join('|')}] [--document ID] [--at UNIX]
  totp FILE [--at UNIX]
  refresh FILE
  serve --port P --backend URL`

class UsageError extends Error {}

/** Python's json.dumps layout (", " and ": ", ASCII only), so both wallets print the same. */
export function pythonJson (value) {
  if (Array.isArray(value)) return '[' + value.map(pythonJson).join(', ') + ']'
  if (value !== null && typeof value === 'object') {
    return '{' + Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ') + '}'
  }
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

function readLogin (arg) {
  if (arg !== '-') return arg.trim()
  const buffer = new Uint8Array(MAX_LOGIN_CHARS + 2) // bounded: a pipe could send anything
  let length = 0
  for (;;) {
    let n = 0
    try {
      n = readSync(0, buffer, length, buffer.length - length, null)
    } catch (err) {
      if (err.code === 'EAGAIN') continue
      if (err.code === 'EOF') break
      throw err
    }
    if (n === 0) break
    length += n
    if (length === buffer.length) break
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length)).trim()
  if (!text || text.length > MAX_LOGIN_CHARS) {
    throw new UsageError(`stdin must hold one login code of at most ${MAX_LOGIN_CHARS} characters`)
  }
  return text
}

function parse (argv, options) {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  return { values, positionals }
}

function at (values) {
  if (values.at === undefined) return undefined
  const number = Number(values.at)
  if (!Number.isFinite(number)) throw new UsageError('--at must be UNIX seconds')
  return number
}

function walletPath (positionals) {
  if (positionals.length !== 1) throw new UsageError('give one wallet FILE')
  return resolve(positionals[0])
}

const COMMANDS = {
  async enroll (argv) {
    const { values } = parse(argv, { backend: { type: 'string' }, member: { type: 'string' }, login: { type: 'string' }, out: { type: 'string' } })
    if (!values.backend || !values.member || !values.out) throw new UsageError('enroll needs --backend URL --member ID --out FILE')
    if (!values.login) {
      throw new UsageError("--login CODE is required with --backend: the member's login code ('loyalty-backend admin login-code' prints one); '-' reads it from stdin")
    }
    const login = readLogin(values.login)
    const wallet = await enrol({ backend: values.backend, member: values.member, login, platform: nodePlatform(values.out) })
    const { member, tier, balance, root_public: rootPublic, documents } = wallet.enrolment
    return pythonJson({ member, wallet: values.out, tier, balance, root_public: rootPublic, documents })
  },
  async refresh (argv) {
    const { positionals } = parse(argv, {})
    const path = walletPath(positionals)
    const issued = await (await open(nodePlatform(path))).refresh()
    return pythonJson({ member: issued.member, wallet: positionals[0], tier: issued.tier, balance: issued.balance, root_public: issued.root_public, documents: issued.documents })
  },
  async code (argv) {
    const { values, positionals } = parse(argv, { purpose: { type: 'string', default: 'checkout' }, document: { type: 'string' }, at: { type: 'string' } })
    if (!PURPOSES.includes(values.purpose)) throw new UsageError(`--purpose must be one of ${PURPOSES.join(', ')}`)
    const wallet = await open(nodePlatform(walletPath(positionals)))
    return wallet.code({ purpose: values.purpose, document: values.document ?? null, now: at(values) })
  },
  async totp (argv) {
    const { values, positionals } = parse(argv, { at: { type: 'string' } })
    const wallet = await open(nodePlatform(walletPath(positionals)))
    return wallet.manualCode(at(values))
  },
  async serve (argv) {
    const { values } = parse(argv, { port: { type: 'string', default: '8765' }, backend: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } })
    if (!values.backend) throw new UsageError('serve needs --backend URL')
    const { serveWebPhone } = await import('./serve.mjs')
    await serveWebPhone({ port: Number(values.port), host: values.host, backend: values.backend })
    return null
  }
}

async function main (argv) {
  const command = COMMANDS[argv[0]]
  try {
    if (!command) throw new UsageError(USAGE)
    const output = await command(argv.slice(1))
    if (output !== null) process.stdout.write(output + '\n')
    return 0
  } catch (err) {
    if (err instanceof UsageError || err instanceof MemberError || String(err && err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`loyalty-wallet: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`loyalty-wallet: internal error (${err && err.name}: ${err && err.message})\n`)
    return 3
  }
}

process.exitCode = await main(process.argv.slice(2))
