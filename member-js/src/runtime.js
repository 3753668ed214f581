// Feature detection, loaded before anything that needs BigInt. Written without BigInt syntax
// (no `0n` literals) so an engine without BigInt can parse it and say why it cannot go on.
//
// Ed25519 (noble) computes with BigInt. WeChat runs mini programs in the system JavaScriptCore
// on iOS (BigInt from iOS 14) and in V8 on Android (BigInt since V8 6.7); wx.getRandomValues
// needs base library 2.15.0. So: iOS 14 and base library 2.15.0 are the lowest supported.
export const LOWEST_IOS = '14.0'
export const LOWEST_BASE_LIBRARY = '2.15.0'
export const NO_BIGINT_MESSAGE =
  'This phone cannot make member codes: its JavaScript engine has no BigInt, which the code ' +
  `signature (Ed25519) needs. Update iOS to ${LOWEST_IOS} or later and WeChat to base library ` +
  `${LOWEST_BASE_LIBRARY} or later.`

/** null when this engine can run the library, else the sentence to show the member. */
export function unsupportedReason () {
  if (typeof BigInt !== 'function') return NO_BIGINT_MESSAGE
  try {
    // The operations noble uses: construction, arithmetic, shifts and typed conversion.
    const big = BigInt('0x' + 'ff'.repeat(32))
    if ((big >> BigInt(248)) !== BigInt(255) || typeof (big % BigInt(7)) !== 'bigint') return NO_BIGINT_MESSAGE
  } catch {
    return NO_BIGINT_MESSAGE
  }
  return null
}
