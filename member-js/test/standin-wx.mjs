// A stand-in for WeChat's `wx` object: the one thing in these tests that is not real (the WeChat
// runtime cannot exist here). Storage is a Map, randomness is Web Crypto, requests go to the real
// backend over HTTP, and wx.login hands out login codes the real backend issued.
import { webcrypto } from 'node:crypto'

/** A `wx` whose login() returns the next of `loginCodes`. */
export function standInWx ({ loginCodes = [], language = 'en', hasRandom = true } = {}) {
  const storage = new Map()
  const calls = []
  const wx = {
    storage,
    calls,
    getSystemInfoSync: () => ({ language, SDKVersion: '2.15.0', platform: 'devtools' }),
    getStorageSync (key) {
      // WeChat returns '' for a missing key.
      return storage.has(key) ? storage.get(key) : ''
    },
    setStorageSync (key, value) {
      // Like WeChat, only what survives a round trip through JSON is kept.
      storage.set(key, JSON.parse(JSON.stringify(value)))
    },
    login ({ success, fail }) {
      calls.push('login')
      const code = loginCodes.shift()
      setTimeout(() => (code ? success({ code, errMsg: 'login:ok' }) : fail({ errMsg: 'login:fail' })), 0)
    },
    request ({ url, method, data, header, success, fail }) {
      calls.push(`request ${url}`)
      fetch(url, { method, headers: header, body: JSON.stringify(data) })
        .then(async (reply) => {
          const text = await reply.text()
          let body = text
          try { body = JSON.parse(text) } catch { /* WeChat hands back the text when it is not JSON */ }
          success({ statusCode: reply.status, data: body, header: Object.fromEntries(reply.headers) })
        })
        .catch((err) => fail({ errMsg: `request:fail ${err.message}` }))
    }
  }
  if (hasRandom) {
    wx.getRandomValues = ({ length, success }) => {
      calls.push('getRandomValues')
      const bytes = webcrypto.getRandomValues(new Uint8Array(length))
      // WeChat hands back an ArrayBuffer, asynchronously.
      setTimeout(() => success({ randomValues: bytes.buffer }), 0)
    }
  }
  return wx
}

/** A Page() instance as WeChat makes one from a definition: data, setData, the handlers. */
export function pageInstance (definition) {
  const page = Object.create(definition)
  page.data = JSON.parse(JSON.stringify(definition.data))
  page.setData = function (patch) {
    // WeChat serialises setData's argument: a BigInt (or a function) cannot cross to the view.
    const serialised = JSON.stringify(patch)
    Object.assign(this.data, JSON.parse(serialised))
  }
  return page
}
