// WeChat mini program: the wallet with wx.setStorageSync (the mini program's own sandboxed
// storage), randomness from wx.getRandomValues (base library 2.15.0, asynchronous), HTTP with
// wx.request, and wx.login's one-time code as the login proof the backend exchanges with
// WeChat's code2session.
import { MemberError } from '../core/errors.js'

const KEY = 'loyalty-wallet'

function promised (call, options) {
  return new Promise((resolve, reject) => {
    call({ ...options, success: resolve, fail: (err) => reject(new Error((err && err.errMsg) || 'wx call failed')) })
  })
}

/** A platform adapter over the `wx` object. */
export function wechatPlatform (wx, { key = KEY, now } = {}) {
  return {
    name: 'wechat',
    now,
    async randomBytes (n) {
      if (typeof wx.getRandomValues !== 'function') {
        throw new Error('wx.getRandomValues is missing: WeChat base library 2.15.0 or later is needed')
      }
      const { randomValues } = await promised(wx.getRandomValues, { length: n })
      return new Uint8Array(randomValues)
    },
    async load () {
      const text = wx.getStorageSync(key)
      if (!text) return null
      try {
        return JSON.parse(text)
      } catch (err) {
        throw new MemberError('storage', `the stored wallet is damaged (${err.message})`)
      }
    },
    async save (record) {
      // The synchronous call: it has written the counter when it returns.
      wx.setStorageSync(key, JSON.stringify(record))
    },
    async request (url, body) {
      const reply = await promised(wx.request, {
        url,
        method: 'POST',
        data: body,
        header: { 'content-type': 'application/json' },
        dataType: 'json',
        timeout: 15000
      })
      return { status: reply.statusCode, data: typeof reply.data === 'object' ? reply.data : null }
    },
    async login () {
      const { code } = await promised(wx.login, { timeout: 10000 })
      return code
    }
  }
}
