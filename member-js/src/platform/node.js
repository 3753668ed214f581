// Node: the wallet in a JSON file, mode 0600 from its first byte, replaced atomically (the same
// file as wallet/store.py writes); randomness from Web Crypto, HTTP with fetch.
import { open as openFile, rename, stat, readFile, unlink } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'
import { MemberError } from '../core/errors.js'

const TIMEOUT_MS = 15000

/** A platform adapter keeping the wallet in `path`. */
export function nodePlatform (path, { now } = {}) {
  return {
    name: 'node',
    now,
    async randomBytes (n) {
      return globalThis.crypto.getRandomValues(new Uint8Array(n))
    },
    async load () {
      let info
      try {
        info = await stat(path)
      } catch {
        return null
      }
      if (info.mode & 0o077) {
        throw new MemberError('storage', `${path} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run 'chmod 600 ${path}'`)
      }
      try {
        return JSON.parse(await readFile(path, 'utf8'))
      } catch (err) {
        throw new MemberError('storage', `${path} is not a valid wallet (${err.message})`)
      }
    },
    async save (record) {
      await writeSecret(path, JSON.stringify(record, null, 2))
    },
    request: (url, body) => postJson(url, body)
  }
}

/** Replace `path` so a crash leaves the old or the new file, never a torn one; mode 0600. */
export async function writeSecret (path, text) {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const handle = await openFile(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } catch (err) {
    await handle.close()
    await unlink(tmp).catch(() => {})
    throw err
  }
  await handle.close()
  await rename(tmp, path)
  const dir = await openFile(dirname(path), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}

/** POST JSON with fetch; the status and the parsed body (null when not JSON). */
export async function postJson (url, body) {
  const reply = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS)
  })
  let data = null
  try {
    data = await reply.json()
  } catch {
    data = null
  }
  return { status: reply.status, data }
}
