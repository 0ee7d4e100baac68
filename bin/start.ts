/*
| `./nexus start` (or `npm start`): everything a fresh machine needs, then serve.
| 1. creates .env from .env.example (fresh APP_KEY and OPERATOR_TOKEN) if missing;
| 2. without DB_HOST, runs the embedded PostgreSQL (real binaries from the npm
|    registry) with its data under storage/postgres;
| 3. builds the Vue pages (browser and SSR bundles) when their sources changed;
| 4. creates the owner and runtime roles and the database, runs migrations as the
|    owner, seeds a demo workspace and prints its admin's credentials;
| 5. serves HTTP, and stops the embedded database when the server stops.
*/
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { prepareEnvFile } from './start/env_file.js'
import { startEmbeddedPostgres } from './start/embedded_postgres.js'
import { assetsAreStale } from './start/assets.js'
import { provisionDatabase } from '../database/provision.js'

const appRoot = fileURLToPath(new URL('../', import.meta.url))
const runsTypeScript = import.meta.url.endsWith('.ts')
/** `--dev`: the dev server with hot module replacement instead of the built bundles. */
const devMode = process.argv.includes('--dev')

function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, args, { cwd: appRoot, env, stdio: 'inherit' })
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    run(args, env).once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code}`))
    )
  })
}

await prepareEnvFile(appRoot)
if (runsTypeScript && !devMode && (await assetsAreStale(appRoot))) {
  console.log('» building the browser and server-rendering bundles (vite build --app)')
  await runToEnd(
    ['node_modules/vite/bin/vite.js', 'build', '--app', '--logLevel', 'warn'],
    process.env
  )
}
const embedded = process.env.DB_HOST ? null : await startEmbeddedPostgres(appRoot)
const env = { ...process.env, ...embedded?.env }

await provisionDatabase({
  host: env.DB_HOST!,
  port: Number(env.DB_PORT ?? 5432),
  database: env.DB_DATABASE ?? 'contextnexus',
  owner: { user: env.DB_OWNER_USER!, password: env.DB_OWNER_PASSWORD },
  runtime: { user: env.DB_USER!, password: env.DB_PASSWORD },
  admin: env.DB_ADMIN_USER
    ? { user: env.DB_ADMIN_USER, password: env.DB_ADMIN_PASSWORD }
    : undefined,
})
await runToEnd(['ace', 'migration:run', '--force', '--connection=owner'], env)
await runToEnd(['ace', 'db:seed', '--files', 'database/seeders/demo_workspace_seeder'], env)

const serverArgs = devMode
  ? ['ace', 'serve', '--hmr']
  : runsTypeScript
    ? ['--import=@poppinss/ts-exec', 'bin/server.ts']
    : ['bin/server.js']
const server = run(serverArgs, env)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal))
}
server.once('exit', async (code) => {
  await embedded?.stop()
  process.exit(code ?? 0)
})
