// Reading the member certificate the backend issued (a CWT in COSE_Sign1): who it is for, the
// device key it certifies, the tier and balance shown on the phone. Terminals verify it; the
// phone only checks that it certifies its own, strong key.
import { decode } from './cbor.js'
import { decodeSign1 } from './cose.js'
import { checkPublicKey } from './keys.js'
import { MemberError } from './errors.js'

const MAX_CERTIFICATE_SIZE = 512

/** The claims of a certificate (signature not checked: the terminal does that). */
export function readCertificate (certificate) {
  const { payload } = decodeSign1(certificate, MAX_CERTIFICATE_SIZE)
  const claims = decode(payload, MAX_CERTIFICATE_SIZE)
  const cnf = claims instanceof Map ? claims.get(8) : null
  const coseKey = cnf instanceof Map ? cnf.get(1) : null
  const devicePublic = coseKey instanceof Map ? coseKey.get(-2) : null
  const ok = claims instanceof Map && typeof claims.get(2) === 'string' &&
    typeof claims.get('tier') === 'string' && Number.isSafeInteger(claims.get('pts')) &&
    Number.isSafeInteger(claims.get(4)) && Number.isSafeInteger(claims.get(6)) &&
    devicePublic instanceof Uint8Array && devicePublic.length === 32
  if (!ok) throw new MemberError('bad_reply', 'the certificate claims are not as docs/protocol.md says')
  checkPublicKey(devicePublic)
  return {
    member: claims.get(2),
    tier: claims.get('tier'),
    balance: claims.get('pts'),
    balanceAsOf: claims.has('pts_at') ? claims.get('pts_at') : claims.get(6),
    issuedAt: claims.get(6),
    expiresAt: claims.get(4),
    devicePublic
  }
}
