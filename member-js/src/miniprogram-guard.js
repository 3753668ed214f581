// The mini program's entry (built to miniprogram/lib/member.js): it checks the engine before the
// library (member-core.js, which holds BigInt literals an engine without BigInt cannot even
// parse) is required. Keep it free of BigInt syntax: the build targets ES2017 for it.
import { unsupportedReason, LOWEST_BASE_LIBRARY, NO_BIGINT_MESSAGE } from './runtime.js'

export { LOWEST_BASE_LIBRARY, NO_BIGINT_MESSAGE }

export const NO_RANDOM_MESSAGE =
  'This phone cannot make member codes: WeChat is too old to give secure randomness ' +
  `(wx.getRandomValues). Update WeChat to base library ${LOWEST_BASE_LIBRARY} or later.`

/** { ok: true, lib } with the library, or { ok: false, reason } with the sentence to show. */
export function load (wx) {
  const reason = unsupportedReason()
  if (reason !== null) return { ok: false, reason }
  if (!wx || typeof wx.getRandomValues !== 'function') return { ok: false, reason: NO_RANDOM_MESSAGE }
  // eslint-disable-next-line no-undef
  return { ok: true, lib: require('./member-core.js') }
}
