// `loyalty-wallet.mjs serve`: the web phone (member-js/web/) on this computer, with the
// backend's member endpoints forwarded beside it so the page calls its own origin (no CORS).
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', 'web')
const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/phone.js': ['phone.js', 'text/javascript; charset=utf-8'],
  '/texts.js': ['texts.js', 'text/javascript; charset=utf-8'],
  '/runtime.js': ['runtime.js', 'text/javascript; charset=utf-8'],
  '/member.js': ['member.js', 'text/javascript; charset=utf-8'],
  '/phone.css': ['phone.css', 'text/css; charset=utf-8']
}
// Only what the phone calls is forwarded; the console and the terminals' API stay out of reach.
const FORWARDED = new Set(['/v1/members/enrol', '/v1/members/refresh'])
const MAX_BODY = 4096

async function forward (req, res, backend) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY) {
      res.writeHead(413).end()
      return
    }
    chunks.push(chunk)
  }
  try {
    const reply = await fetch(backend + req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
      signal: AbortSignal.timeout(15000)
    })
    const headers = { 'content-type': reply.headers.get('content-type') || 'application/json' }
    const retry = reply.headers.get('retry-after')
    if (retry) headers['retry-after'] = retry
    res.writeHead(reply.status, headers).end(Buffer.from(await reply.arrayBuffer()))
  } catch {
    res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'backend_unreachable' }))
  }
}

/** Serve the web phone on host:port until the process ends; resolves once listening. */
export async function serveWebPhone ({ port, host, backend }) {
  if (!existsSync(join(WEB, 'member.js')) || !existsSync(join(WEB, 'runtime.js'))) {
    const { buildAll } = await import('../build.mjs')
    await buildAll()
  }
  const base = backend.replace(/\/+$/, '')
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    if (req.method === 'POST' && FORWARDED.has(path)) {
      forward(req, res, base)
      return
    }
    const file = FILES[path]
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    readFile(join(WEB, file[0])).then(
      (body) => res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end()
    )
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  process.stdout.write(JSON.stringify({ web_phone: `http://${host}:${server.address().port}/`, backend: base }) + '\n')
  return server
}
