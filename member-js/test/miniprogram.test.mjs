// The mini program folder is importable into WeChat DevTools as it is: every page app.json names
// has its four files, the WXML's event handlers and data exist in the page's definition, and
// the project asks for the lowest base library the library supports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PACKAGE } from './helpers.mjs'
import { LOWEST_BASE_LIBRARY } from '../src/runtime.js'

const ROOT = join(PACKAGE, 'miniprogram')
const require = createRequire(import.meta.url)

test('every page in app.json has its .js, .json, .wxml and .wxss', () => {
  const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8'))
  assert.ok(app.pages.length > 0)
  for (const page of app.pages) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) assert.ok(existsSync(join(ROOT, `${page}.${ext}`)), `${page}.${ext}`)
  }
  assert.ok(existsSync(join(ROOT, app.sitemapLocation)))
  for (const file of ['app.js', join('lib', 'member.js'), join('lib', 'member-core.js')]) assert.ok(existsSync(join(ROOT, file)), file)
})

test('the project asks for the lowest supported base library', () => {
  const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8'))
  assert.equal(project.libVersion, LOWEST_BASE_LIBRARY)
  assert.equal(project.compileType, 'miniprogram')
})

test('the code page WXML binds only handlers and data its definition has', () => {
  const wxml = readFileSync(join(ROOT, 'pages', 'code', 'code.wxml'), 'utf8')
  const { createCodePage } = require(join(ROOT, 'pages', 'code', 'logic.js'))
  const page = createCodePage({ wx: {}, load: () => ({ ok: false }), backend: 'http://127.0.0.1:1' })
  const handlers = [...wxml.matchAll(/bind\w+="(\w+)"/g)].map((m) => m[1])
  assert.ok(handlers.length >= 4)
  for (const name of handlers) assert.equal(typeof page[name], 'function', name)
  // The first name of each path in every {{expression}}, string literals left out.
  const expressions = [...wxml.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1].replace(/'[^']*'/g, ''))
  const roots = new Set(expressions.flatMap((e) => e.match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) || []))
  // wx:for's item names, and literals.
  const local = new Set(['row', 'cell', 'index', 'c', 'true', 'false', 'null'])
  for (const name of roots) {
    if (local.has(name)) continue
    assert.ok(name in page.data, `{{${name}}} is not in the page's data`)
  }
})
