/*
| `./nexus start` (or `npm start`): everything a fresh machine needs, then serve.
| 1. creates .env from .env.example (fresh APP_KEY and OPERATOR_TOKEN) if missing;
| 2. without DB_HOST, runs the embedded PostgreSQL (real binaries from the npm
|    registry) with its data under storage/postgres;
| 3. builds the Vue pages (browser and SSR bundles) when their sources changed;
| 4. prepares the database in a child process, `node ace db:prepare`: creates the
|    owner and runtime roles and the database, runs migrations as the owner. That
|    child is the only one given the owner's and the admin's credentials;
| 5. on a developer's embedded database (or with `--demo`), seeds a demo workspace
|    and prints its admin's credentials (see bin/start/options.ts);
| 6. serves HTTP as the runtime role only, and stops the embedded database when
|    the server stops.
*/
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { prepareEnvFile } from './start/env_file.js'
import { startEmbeddedPostgres } from './start/embedded_postgres.js'
import { assetsAreStale } from './start/assets.js'
import { planStart, runtimeEnvironment } from './start/options.js'

const appRoot = fileURLToPath(new URL('../', import.meta.url))
const fromSources = import.meta.url.endsWith('.ts')
/** ace.js loads the TypeScript sources itself; the build rewrites it to plain JS. */
const ace = ['ace']

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
const embeddedDatabase = !process.env.DB_HOST
const plan = planStart({ argv: process.argv.slice(2), fromSources, embeddedDatabase })

if (plan.buildAssets && (await assetsAreStale(appRoot))) {
  console.log('» building the browser and server-rendering bundles (vite build --app)')
  await runToEnd(
    ['node_modules/vite/bin/vite.js', 'build', '--app', '--logLevel', 'warn'],
    process.env
  )
}
const embedded = embeddedDatabase ? await startEmbeddedPostgres(appRoot) : null
const env = { ...process.env, ...embedded?.env }
const runtimeEnv = runtimeEnvironment(env)

try {
  if (env.DB_OWNER_USER) await runToEnd([...ace, 'db:prepare'], env)
  else console.log('» DB_OWNER_USER is not set: the database is prepared elsewhere (db:prepare)')
  if (plan.seedDemo) {
    await runToEnd(
      [...ace, 'db:seed', '--files', 'database/seeders/demo_workspace_seeder'],
      runtimeEnv
    )
  }
} catch (error) {
  await embedded?.stop()
  throw error
}

const serverArgs = plan.dev
  ? [...ace, 'serve', '--hmr']
  : fromSources
    ? ['--import=@poppinss/ts-exec', 'bin/server.ts']
    : ['bin/server.js']
// `ace serve` (dev) keeps watching files after a SIGTERM, with the HTTP server it runs as
// its own child; on SIGINT it stops both. The server stays in this process group: `ace
// serve` reads keys from the terminal, which a background group may not.
const server = run(serverArgs, runtimeEnv)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(plan.dev ? 'SIGINT' : signal))
}
server.once('exit', async (code) => {
  await embedded?.stop()
  process.exit(code ?? 0)
})
