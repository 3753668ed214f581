// The web phone: signs in with a login code, enrols this browser as the member's phone, and
// shows the rotating code full screen in the tier's colours, with the seconds left and the
// 8-digit manual code on request. The library is the same bundle the mini program uses.
import { TEXTS, language, fill } from './texts.js'
// runtime.js parses without BigInt; member.js (the library, with BigInt literals) is loaded after it.
import { unsupportedReason } from './runtime.js'

const STEP_SECONDS = 30
// The terminal's tier colours (terminal/ui/views/style.py): background, text, pill, pill text, accent.
const TIER_COLOURS = {
  green: ['#e6f4ea', '#10361a', '#2e7d32', '#ffffff', '#2e7d32'],
  silver: ['#eef0f3', '#252b33', '#c3cad3', '#1d252c', '#6b7785'],
  gold: ['#fff4d6', '#3d2e00', '#f2b705', '#2b2000', '#b58500'],
  platinum: ['#e8e6f4', '#1f1838', '#5b4b9a', '#ffffff', '#5b4b9a']
}
const DEFAULT_COLOURS = ['#eef3f8', '#14212e', '#1f6feb', '#ffffff', '#1f6feb']

const lang = language(location.search, navigator.language)
const t = TEXTS[lang]
const $ = (id) => document.getElementById(id)
const now = () => Date.now() / 1000
let lib, platform, wallet, step, timer

function say (id, text) { $(id).textContent = text }

function sentence (err) {
  if (err && err.kind === 'unreachable') return err.reason === 'login_locked' ? t.login_locked : t.unreachable
  if (err && t[err.reason]) return t[err.reason]
  if (err && err.reason === 'login_required') return t.login_invalid
  if (err && err.kind === 'no_wallet') return t.noManual
  return fill(t.failed, { detail: (err && err.message) || String(err) })
}

function applyTier (tier) {
  const [background, text, pill, pillText, accent] = TIER_COLOURS[tier] || DEFAULT_COLOURS
  const style = document.documentElement.style
  style.setProperty('--background', background)
  style.setProperty('--text', text)
  style.setProperty('--pill', pill)
  style.setProperty('--pill-text', pillText)
  style.setProperty('--accent', accent)
}

function drawQr (text) {
  const matrix = lib.qrMatrix(text)
  const quiet = 4
  const scale = 8
  const size = (matrix.length + 2 * quiet) * scale
  const canvas = $('qr')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, size, size)
  context.fillStyle = '#000000'
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (dark) context.fillRect((c + quiet) * scale, (r + quiet) * scale, scale, scale)
  }))
  canvas.dataset.code = text
}

async function showCode () {
  const at = now()
  step = Math.floor(at / STEP_SECONDS)
  const text = await wallet.code({ now: at })
  const status = wallet.status()
  applyTier(status.tier)
  say('member-id', status.member)
  say('tier', status.tier)
  say('balance', fill(t.points, { n: status.balance }))
  drawQr(text)
  tick()
}

function tick () {
  if (Math.floor(now() / STEP_SECONDS) !== step) {
    showCode().catch((err) => say('error', sentence(err)))
    return
  }
  say('seconds', fill(t.seconds, { n: STEP_SECONDS - Math.floor(now() % STEP_SECONDS) }))
  if (!$('manual').hidden) say('manual', wallet.manualCode(now()))
}

async function showCard () {
  $('enrol').hidden = true
  $('card').hidden = false
  say('notice', '')
  await showCode()
  clearInterval(timer)
  timer = setInterval(tick, 1000)
}

function label () {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  document.title = t.title
  say('enrol-title', t.enrolTitle)
  say('member-label', t.member)
  say('login-label', t.login)
  say('enrol-button', t.enrol)
  say('manual-button', t.showManual)
  say('refresh-button', t.refresh)
}

async function start () {
  label()
  const reason = unsupportedReason()
  if (reason !== null) {
    say('notice', reason)
    return
  }
  lib = await import('./member.js')
  platform = lib.browserPlatform()
  try {
    wallet = await lib.open(platform)
  } catch (err) {
    if (err.kind !== 'no_wallet') say('error', sentence(err))
    $('enrol').hidden = false
    return
  }
  await showCard()
}

$('enrol').addEventListener('submit', async (event) => {
  event.preventDefault()
  say('error', '')
  $('enrol-button').disabled = true
  try {
    // The page is served with the backend's /v1/ beside it (same origin: no CORS).
    wallet = await lib.enrol({ backend: location.origin, member: $('member').value.trim(), login: $('login').value.trim(), platform })
    $('login').value = ''
    await showCard()
  } catch (err) {
    say('error', sentence(err))
  } finally {
    $('enrol-button').disabled = false
  }
})

$('manual-button').addEventListener('click', () => {
  const manual = $('manual')
  try {
    if (manual.hidden) say('manual', wallet.manualCode(now()))
    manual.hidden = !manual.hidden
    say('manual-button', manual.hidden ? t.showManual : t.hideManual)
  } catch (err) {
    say('error', sentence(err))
  }
})

$('refresh-button').addEventListener('click', async () => {
  say('error', '')
  try {
    await wallet.refresh()
    await showCode()
  } catch (err) {
    say('error', sentence(err))
  }
})

start().catch((err) => say('error', sentence(err)))
