// The library's errors: one class, with a `kind` that tells the caller what to do.
//   unsupported  the runtime cannot run the library (no BigInt, no randomness)
//   no_wallet    nothing enrolled in this platform's storage yet
//   refused      the backend said no (`reason` holds its error code, e.g. login_invalid)
//   unreachable  the backend could not be reached or answered 5xx / 429
//   bad_reply    the backend's reply is not what the protocol says
//   bad_input    a caller's argument is wrong (purpose, document, member id)
//   weak_key     a key or signature anyone could have made (docs/protocol.md "Weak keys")
//   storage      the wallet could not be read or written

export class MemberError extends Error {
  /** An error with a kind (see above) and, for `refused`, the backend's reason code. */
  constructor (kind, message, reason = null) {
    super(message)
    this.name = 'MemberError'
    this.kind = kind
    this.reason = reason
  }
}
