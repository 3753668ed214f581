// Browsers: the wallet in localStorage (one JSON item; the page is the phone), randomness from
// crypto.getRandomValues, HTTP with fetch. A page served from the backend's origin (or through
// `loyalty-wallet-js serve`, which forwards /v1/) needs no CORS.
import { MemberError } from '../core/errors.js'

const KEY = 'loyalty-wallet'

/** A platform adapter over `storage` (localStorage by default). */
export function browserPlatform ({ storage = globalThis.localStorage, key = KEY, now } = {}) {
  return {
    name: 'browser',
    now,
    async randomBytes (n) {
      return globalThis.crypto.getRandomValues(new Uint8Array(n))
    },
    async load () {
      const text = storage.getItem(key)
      if (text === null) return null
      try {
        return JSON.parse(text)
      } catch (err) {
        throw new MemberError('storage', `the stored wallet is damaged (${err.message})`)
      }
    },
    async save (record) {
      // setItem is synchronous: the counter is stored when it returns.
      storage.setItem(key, JSON.stringify(record))
    },
    async request (url, body) {
      const reply = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
      let data = null
      try {
        data = await reply.json()
      } catch {
        data = null
      }
      return { status: reply.status, data }
    }
  }
}
