// The member-code library: enrol a phone, make its LP1 codes, its manual code and QR matrices.
// The Ed25519 core is loaded only after the runtime check, so an engine without BigInt gets a
// MemberError('unsupported') with a sentence instead of a crash at load time.
import { MemberError } from './core/errors.js'
import { unsupportedReason, LOWEST_BASE_LIBRARY, LOWEST_IOS, NO_BIGINT_MESSAGE } from './runtime.js'

export { MemberError, unsupportedReason, LOWEST_BASE_LIBRARY, LOWEST_IOS, NO_BIGINT_MESSAGE }
export { qrMatrix } from './qr.js'

async function core () {
  const reason = unsupportedReason()
  if (reason !== null) throw new MemberError('unsupported', reason)
  return import('./core/wallet.js')
}

/** Create the device key, enrol it with `backend` for `member` with `login`, keep it in `platform`. */
export async function enrol (options) {
  return (await core()).enrol(options)
}

/** The wallet already enrolled in `platform`'s storage. */
export async function open (platform) {
  return (await core()).Wallet.open(platform)
}
