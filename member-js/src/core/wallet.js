// The member's phone: enrolment, certificate refresh and codes, over a platform adapter that
// supplies randomness, storage and HTTP (src/platform/). The stored record is the same JSON
// as the Python wallet's file (wallet/store.py), so either implementation continues the other.
import { base64, hex } from '@scure/base'
import { MemberError } from './errors.js'
import { publicOf, sign, seedToPem, seedFromPem, pointWeakness } from './keys.js'
import { makeCode, timeStep, DOCUMENT_FOR_PURPOSE } from './code.js'
import { readCertificate } from './certificate.js'
import { manualCode as totp } from './manual.js'
import { qrMatrix } from '../qr.js'

const REFRESH_PREFIX = 'LOYALTY-REFRESH-1'
const MAX_LOGIN_CHARS = 128

function unixNow (platform) {
  return platform.now ? platform.now() : Date.now() / 1000
}

function checkPlatform (platform) {
  for (const name of ['randomBytes', 'load', 'save', 'request']) {
    if (!platform || typeof platform[name] !== 'function') {
      throw new MemberError('bad_input', `the platform adapter has no ${name}()`)
    }
  }
}

/** POST JSON to the backend; a refusal becomes a MemberError carrying the backend's reason. */
async function post (platform, backend, path, body) {
  let reply
  try {
    reply = await platform.request(backend.replace(/\/+$/, '') + path, body)
  } catch (err) {
    throw new MemberError('unreachable', `the backend could not be reached (${err.message || err})`)
  }
  const { status, data } = reply
  const reason = data && typeof data.error === 'string' ? data.error : null
  if (status >= 500 || status === 429) {
    throw new MemberError('unreachable', `backend answered ${status}`, reason)
  }
  if (status >= 200 && status < 300 && data && typeof data === 'object') return data
  if (reason === null) throw new MemberError('bad_reply', `a ${status} reply without an error code`)
  const detail = typeof data.message === 'string' ? data.message : ''
  throw new MemberError('refused', `the backend refused: ${reason} ${detail}`.trim(), reason)
}

function certificateReply (data) {
  const text = (name) => {
    if (typeof data[name] !== 'string') throw new MemberError('bad_reply', `the certificate reply has no ${name}`)
    return data[name]
  }
  try {
    return {
      member: text('member'),
      tier: text('tier'),
      balance: Number(data.balance),
      certificate: base64.decode(text('certificate')),
      rootPublic: text('root_public'),
      documents: (data.documents || []).map((d) => ({ key: String(d.key), raw: hex.decode(String(d.raw)) })),
      totpSecret: typeof data.totp_secret === 'string' ? data.totp_secret : null
    }
  } catch (err) {
    if (err instanceof MemberError) throw err
    throw new MemberError('bad_reply', `the certificate reply is malformed (${err.message})`)
  }
}

/** One member's phone, backed by a platform's storage. */
export class Wallet {
  constructor (platform, record) {
    this.platform = platform
    this.record = record
    this.seed = seedFromPem(record.device_key)
    this.devicePublic = publicOf(this.seed)
    this.certificate = base64.decode(record.certificate)
    // Codes are made one at a time so no two share a counter.
    this.queue = Promise.resolve()
  }

  /** The wallet kept in `platform`'s storage; a no_wallet MemberError when none is there. */
  static async open (platform) {
    checkPlatform(platform)
    const record = await platform.load()
    if (!record) throw new MemberError('no_wallet', 'no wallet here yet: enrol first')
    if (typeof record.member !== 'string' || !Number.isSafeInteger(record.counter) ||
        typeof record.device_key !== 'string' || typeof record.certificate !== 'string') {
      throw new MemberError('storage', 'the stored wallet is damaged')
    }
    return new Wallet(platform, record)
  }

  get member () { return this.record.member }

  /** Tier, balance and validity from the certificate, for the screen. */
  status () {
    const claims = readCertificate(this.certificate)
    return { member: claims.member, tier: claims.tier, balance: claims.balance, expiresAt: claims.expiresAt }
  }

  /** The document ids this wallet holds, as "type:id". */
  documents () {
    return this.record.documents.map((d) => d.key)
  }

  /** A fresh certificate (current tier and balance) and documents, asked for with the device key. */
  async refresh () {
    if (!this.record.backend) throw new MemberError('bad_input', 'this wallet was enrolled offline; it has no backend to ask')
    const time = Math.floor(unixNow(this.platform))
    const publicHex = hex.encode(this.devicePublic)
    const message = new TextEncoder().encode([REFRESH_PREFIX, this.member, publicHex, String(time)].join('\n'))
    const data = await post(this.platform, this.record.backend, '/v1/members/refresh', {
      member: this.member, device_public: publicHex, time, signature: base64.encode(sign(this.seed, message))
    })
    const issued = certificateReply(data)
    checkIssued(issued, this.member, this.devicePublic)
    await this.run(async () => {
      this.record = {
        ...this.record,
        certificate: base64.encode(issued.certificate),
        // The backend sends every open order and unused coupon; what it leaves out was used.
        documents: issued.documents.map((d) => ({ key: d.key, raw: base64.encode(d.raw) })),
        totp_secret: issued.totpSecret || this.record.totp_secret
      }
      this.certificate = issued.certificate
      await this.platform.save(this.record)
    })
    return summary(issued)
  }

  /** The next LP1 code text; its counter is stored before the text is returned. */
  code ({ purpose = 'checkout', document = null, now } = {}) {
    const at = now === undefined ? unixNow(this.platform) : now
    return this.run(async () => {
      const raw = this.documentFor(purpose, document)
      const counter = this.record.counter + 1
      const text = makeCode(this.certificate, this.seed, { step: timeStep(at), counter, purpose, document: raw })
      // Saved before the text leaves: after a crash the phone never shows a used counter again.
      const next = { ...this.record, counter }
      await this.platform.save(next)
      this.record = next
      return text
    })
  }

  /** The 8-digit manual code at `now` (UNIX seconds). */
  manualCode (now) {
    return totp(this.record.totp_secret, now === undefined ? unixNow(this.platform) : now)
  }

  /** The QR matrix of a code text (rows of booleans). */
  qrMatrix (text) {
    return qrMatrix(text)
  }

  documentFor (purpose, documentId) {
    const wanted = DOCUMENT_FOR_PURPOSE[purpose]
    if (wanted === undefined) return null
    for (const { key, raw } of this.record.documents) {
      const [type, ...rest] = key.split(':')
      if (type === wanted && (documentId === null || documentId === rest.join(':'))) return base64.decode(raw)
    }
    throw new MemberError('bad_input', `this wallet holds no ${wanted} document` + (documentId ? ` with id ${documentId}` : ''))
  }

  run (task) {
    const result = this.queue.then(task)
    this.queue = result.catch(() => {})
    return result
  }
}

function checkIssued (issued, member, devicePublic) {
  const claims = readCertificate(issued.certificate)
  const same = claims.devicePublic.every((b, i) => b === devicePublic[i])
  if (claims.member !== member || !same) {
    throw new MemberError('bad_reply', 'the backend certified another member or key')
  }
}

function summary (issued) {
  return {
    member: issued.member,
    tier: issued.tier,
    balance: issued.balance,
    root_public: issued.rootPublic,
    documents: issued.documents.map((d) => d.key)
  }
}

/** Create the device key, enrol it with the backend, and keep the wallet in the platform's storage. */
export async function enrol ({ backend, member, login, platform }) {
  checkPlatform(platform)
  if (typeof backend !== 'string' || !/^https?:\/\//.test(backend)) throw new MemberError('bad_input', 'backend must be an http(s) URL')
  if (typeof member !== 'string' || member.length === 0 || member.length > 64) throw new MemberError('bad_input', 'member must be 1 to 64 characters')
  if (login === undefined && typeof platform.login === 'function') login = await platform.login()
  if (typeof login !== 'string' || login.length === 0 || login.length > MAX_LOGIN_CHARS) {
    throw new MemberError('bad_input', 'a login code is required (wx.login on WeChat, a login code from the backend elsewhere)')
  }
  const seed = await platform.randomBytes(32)
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new MemberError('unsupported', 'the platform gave no randomness')
  const devicePublic = publicOf(seed)
  if (pointWeakness(devicePublic) !== null) throw new MemberError('weak_key', 'the new device key is weak')
  const data = await post(platform, backend, '/v1/members/enrol', { member, device_public: hex.encode(devicePublic), login })
  const issued = certificateReply(data)
  checkIssued(issued, member, devicePublic)
  const record = {
    member: issued.member,
    device_key: seedToPem(seed),
    certificate: base64.encode(issued.certificate),
    counter: 0,
    backend: backend.replace(/\/+$/, ''),
    documents: issued.documents.map((d) => ({ key: d.key, raw: base64.encode(d.raw) })),
    totp_secret: issued.totpSecret
  }
  await platform.save(record)
  const wallet = new Wallet(platform, record)
  wallet.enrolment = summary(issued)
  return wallet
}
