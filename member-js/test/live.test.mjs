// Against the real backend (python -m backend serve on 127.0.0.1): the Node adapter enrols with
// a login code, makes codes and refreshes; the mini program's code page, driven through a
// stand-in wx, enrols with wx.login's code and shows a code, its QR and the manual code.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PACKAGE, REPO } from './helpers.mjs'
import { python, NO_PYTHON, startBackend } from './backend.mjs'
import { standInWx, pageInstance } from './standin-wx.mjs'
import { enrol, open } from '../src/index.js'
import { nodePlatform } from '../src/platform/node.js'

const require = createRequire(import.meta.url)
const skip = python() ? false : NO_PYTHON
let backend

before(async () => { if (!skip) backend = await startBackend() })
after(async () => { if (backend) await backend.stop() })

function tempWallet () {
  return join(mkdtempSync(join(tmpdir(), 'member-js-live-')), 'wallet.json')
}

test('the node adapter enrols with a login code, makes codes, refreshes and gives the manual code', { skip }, async () => {
  const path = tempWallet()
  const wallet = await enrol({ backend: backend.url, member: 'MJS1', login: backend.loginCode('MJS1'), platform: nodePlatform(path) })
  assert.equal(statSync(path).mode & 0o777, 0o600)
  assert.equal(wallet.enrolment.member, 'MJS1')
  const first = await wallet.code()
  const second = await wallet.code({ purpose: 'checkin' })
  assert.match(first, /^LP1:[0-9A-Z $%*+\-./:]+$/)
  assert.notEqual(first, second)
  assert.match(wallet.manualCode(), /^\d{8}$/)
  const refreshed = await (await open(nodePlatform(path))).refresh()
  assert.equal(refreshed.member, 'MJS1')
  assert.equal((await open(nodePlatform(path))).record.counter, 2)
})

test('a wrong login code is refused with the backend reason and nothing is stored', { skip }, async () => {
  const path = tempWallet()
  await assert.rejects(
    enrol({ backend: backend.url, member: 'MJS2', login: 'WRONGWRONG12', platform: nodePlatform(path) }),
    (err) => err.kind === 'refused' && err.reason === 'login_invalid'
  )
  assert.equal(await nodePlatform(path).load(), null)
})

/** Draw 0/1 rows as a PGM image (4-module quiet zone, 6 px a module) and decode it with
 * `loyalty-terminal decode`, the terminal's own decoder chain. */
function decodeWithTerminal (rows) {
  const scale = 6
  const size = (rows.length + 8) * scale
  const pixels = new Uint8Array(size * size).fill(255)
  rows.forEach((row, r) => row.forEach((dark, c) => {
    if (!dark) return
    for (let y = 0; y < scale; y++) pixels.fill(0, ((r + 4) * scale + y) * size + (c + 4) * scale, ((r + 4) * scale + y) * size + (c + 5) * scale)
  }))
  const path = join(mkdtempSync(join(tmpdir(), 'member-js-qr-')), 'screen.pgm')
  writeFileSync(path, Buffer.concat([Buffer.from(`P5\n${size} ${size}\n255\n`), pixels]))
  const out = execFileSync(python(), ['-m', 'terminal', 'decode', path], { cwd: REPO, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()).codes
}

function codePage (wx, now) {
  const { createCodePage } = require(join(PACKAGE, 'miniprogram', 'pages', 'code', 'logic.js'))
  const { load } = require(join(PACKAGE, 'miniprogram', 'lib', 'member.js'))
  return pageInstance(createCodePage({ wx, load, backend: backend.url, now }))
}

test('the mini program page enrols through wx.login and shows a code, its QR and the manual code', { skip }, async () => {
  let clock = Date.now() / 1000
  const wx = standInWx({ loginCodes: [backend.loginCode('MJS3')], language: 'zh_CN' })
  const page = codePage(wx, () => clock)
  await page.onLoad()
  assert.equal(page.data.state, 'enrol')
  assert.equal(page.data.t.enrol, '登录')
  page.onMemberInput({ detail: { value: ' MJS3 ' } })
  await page.onEnrol()
  page.onUnload()
  assert.equal(page.data.message, '')
  assert.equal(page.data.state, 'code')
  assert.equal(page.data.member, 'MJS3')
  assert.match(page.data.codeText, /^LP1:/)
  assert.ok(page.data.qr.length >= 21 && page.data.qr.every((row) => row.length === page.data.qr.length))
  assert.match(page.data.secondsText, /秒后更新会员码/)
  assert.ok(wx.calls.includes('login') && wx.calls.includes('getRandomValues'))
  const stored = JSON.parse(wx.storage.get('loyalty-wallet'))
  assert.equal(stored.counter, 1)
  page.onToggleManual()
  assert.match(page.data.manual, /^\d{8}$/)
  // The rows the page draws, photographed: the terminal's decoder chain reads the code back.
  assert.deepEqual(decodeWithTerminal(page.data.qr), [page.data.codeText])

  // 31 seconds later the next tick shows a new code with the next counter.
  const firstCode = page.data.codeText
  clock += 31
  await page.tick()
  assert.notEqual(page.data.codeText, firstCode)
  assert.equal(JSON.parse(wx.storage.get('loyalty-wallet')).counter, 2)

  // The page opened again (the mini program restarted) continues the stored wallet.
  const again = codePage(wx, () => clock)
  await again.onLoad()
  again.onUnload()
  assert.equal(again.data.state, 'code')
  assert.equal(JSON.parse(wx.storage.get('loyalty-wallet')).counter, 3)
})

test('the mini program page says why when wx.login gives a code the backend refuses', { skip }, async () => {
  const wx = standInWx({ loginCodes: ['NOT-A-CODE-1'], language: 'en' })
  const page = codePage(wx, () => Date.now() / 1000)
  await page.onLoad()
  page.onMemberInput({ detail: { value: 'MJS4' } })
  await page.onEnrol()
  assert.equal(page.data.state, 'enrol')
  assert.equal(page.data.message, 'The sign-in was not accepted. Please sign in again.')
  assert.equal(wx.storage.size, 0)
})

test('the mini program page refuses WeChat without wx.getRandomValues with a sentence', { skip }, async () => {
  const wx = standInWx({ hasRandom: false })
  const page = codePage(wx, () => Date.now() / 1000)
  await page.onLoad()
  assert.equal(page.data.state, 'unsupported')
  assert.match(page.data.message, /base library 2\.15\.0/)
})
