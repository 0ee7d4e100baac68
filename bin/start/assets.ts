import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

async function newestChange(path: string): Promise<number> {
  if (!existsSync(path)) return 0
  const info = await stat(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, await newestChange(join(path, entry)))
  }
  return newest
}

/** True when the Vite bundles are missing or older than the page sources. */
export async function assetsAreStale(appRoot: string) {
  const manifest = join(appRoot, 'public/assets/.vite/manifest.json')
  if (!existsSync(manifest)) return true
  const { mtimeMs: built } = await stat(manifest)
  const sources = await Promise.all(
    ['resources', 'plugins', 'vite.config.ts', 'package-lock.json'].map((path) =>
      newestChange(join(appRoot, path))
    )
  )
  return Math.max(...sources) > built
}
