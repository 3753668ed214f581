// Builds the bundles with esbuild: dist/member.min.js (ES module, minified: the size the bench
// reports), miniprogram/lib/member-core.js (CommonJS, for the mini program's require), its guard
// miniprogram/lib/member.js, and
// web/member.js with web/runtime.js (ES modules, for the web phone). Run by `npm test` and `npm run build`.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const HERE = dirname(fileURLToPath(import.meta.url))
const common = {
  entryPoints: [join(HERE, 'src', 'bundle.js')],
  bundle: true,
  minify: true,
  // No Node built-in may reach a bundle: 'neutral' resolves packages' browser-safe exports,
  // and any node: import fails the build instead of shipping.
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  // BigInt literals need ES2020; the guard (src/runtime.js) reads without them.
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning'
}

export const OUTPUTS = {
  esm: join(HERE, 'dist', 'member.min.js'),
  miniprogram: join(HERE, 'miniprogram', 'lib', 'member-core.js'),
  web: join(HERE, 'web', 'member.js'),
  guard: join(HERE, 'miniprogram', 'lib', 'member.js'),
  webRuntime: join(HERE, 'web', 'runtime.js')
}

/** Build every bundle. */
export async function buildAll () {
  await build({ ...common, format: 'esm', outfile: OUTPUTS.esm })
  // WeChat's engine does not promise TextEncoder/TextDecoder: the bundle brings its own.
  await build({ ...common, format: 'cjs', inject: [join(HERE, 'src', 'shims', 'text.js')], outfile: OUTPUTS.miniprogram })
  await build({ ...common, format: 'esm', outfile: OUTPUTS.web })
  // The guard must parse where BigInt does not exist: ES2017 makes esbuild refuse any literal.
  await build({
    ...common,
    entryPoints: [join(HERE, 'src', 'miniprogram-guard.js')],
    format: 'cjs',
    target: 'es2017',
    external: ['./member-core.js'],
    outfile: OUTPUTS.guard
  })
  await build({ ...common, entryPoints: [join(HERE, 'src', 'runtime.js')], format: 'esm', target: 'es2017', outfile: OUTPUTS.webRuntime })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll()
