// The real loyalty backend (`python -m backend serve`) on 127.0.0.1 for the live tests, run
// from the repository's virtualenv; and login codes from `loyalty-backend admin login-code`.
import { spawn, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO } from './helpers.mjs'

/** The Python that runs the backend, or null (the live tests then skip, saying why). */
export function python () {
  const candidates = [process.env.LOYALTY_PYTHON, join(REPO, '.venv', 'bin', 'python')]
  return candidates.find((p) => p && existsSync(p)) || null
}

export const NO_PYTHON = 'no Python virtualenv with the backend (run ./scripts/setup.sh --dev, or set LOYALTY_PYTHON)'

async function freePort () {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Start a backend on SQLite in a temporary directory; resolves when /v1/time answers. */
export async function startBackend () {
  const dir = mkdtempSync(join(tmpdir(), 'member-js-backend-'))
  const db = `sqlite:///${join(dir, 'backend.sqlite')}`
  const port = await freePort()
  const child = spawn(python(), ['-m', 'backend', 'serve', '--db', db, '--port', String(port), '--issuer', join(dir, 'issuer')], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => { stderr += chunk })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the backend exited: ${stderr.slice(-2000)}`)
    if (Date.now() > deadline) throw new Error('the backend did not start')
    try {
      if ((await fetch(`${url}/v1/time`)).ok) break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    url,
    db,
    dir,
    /** A one-time login code for `member`, as the admin command prints it. */
    loginCode (member) {
      const out = execFileSync(python(), ['-m', 'backend', 'admin', 'login-code', '--db', db, '--member', member], { cwd: REPO, encoding: 'utf8' })
      return out.trim().split('\n').pop().trim()
    },
    async stop () {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }
}
