import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const secret = () => randomBytes(32).toString('base64url')

/**
 * Loads .env into process.env, first creating it from .env.example with a fresh
 * APP_KEY and OPERATOR_TOKEN. Variables already set in the environment win.
 */
export async function prepareEnvFile(appRoot: string) {
  const envPath = join(appRoot, '.env')
  if (!existsSync(envPath)) {
    const example = await readFile(join(appRoot, '.env.example'), 'utf8')
    const filled = example
      .replace(/^APP_KEY=.*$/m, `APP_KEY=${secret()}`)
      .replace(/^OPERATOR_TOKEN=.*$/m, `OPERATOR_TOKEN=${secret()}`)
    await writeFile(envPath, filled, { mode: 0o600 })
    console.log('» created .env with a fresh APP_KEY and OPERATOR_TOKEN')
  }
  const fromEnvironment = { ...process.env }
  process.loadEnvFile(envPath)
  Object.assign(process.env, fromEnvironment)
  // Unset values in .env mean "not configured".
  for (const [key, value] of Object.entries(process.env)) {
    if (value === '') delete process.env[key]
  }
}
