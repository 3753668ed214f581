// Shared by the tests: the repository's vector files and hex helpers.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

export const HERE = dirname(fileURLToPath(import.meta.url))
export const PACKAGE = join(HERE, '..')
export const REPO = join(PACKAGE, '..')
// The shared vectors live in tests/vectors (copies of /work/shared/vectors, same bytes).
export const VECTORS = join(REPO, 'tests', 'vectors')

export function readJson (...parts) {
  return JSON.parse(readFileSync(join(...parts), 'utf8'))
}

export function fromHex (text) {
  return Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16))
}

export function toHex (bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
