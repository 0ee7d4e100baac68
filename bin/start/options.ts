/*
| What one start does, decided from how it was invoked. Kept apart from
| bin/start.ts so a unit test can state which invocations seed the demo
| workspace and which variables the web server never sees.
*/

export interface StartInvocation {
  /** The command-line arguments after the script (`--dev`, `--demo`). */
  argv: string[]
  /** True when started from the TypeScript sources (`./nexus start`), false for build/ output. */
  fromSources: boolean
  /** True when this start runs the embedded PostgreSQL (no DB_HOST configured). */
  embeddedDatabase: boolean
}

export interface StartPlan {
  /** The Vite dev server with hot reload instead of the built bundles. */
  dev: boolean
  /** Create the demo workspace (and print its admin's password) when it is missing. */
  seedDemo: boolean
  /** Rebuild the Vite bundles when their sources changed. */
  buildAssets: boolean
}

/**
 * The demo workspace, with an admin whose password is printed, is for a developer's
 * own machine: `./nexus start` or `./nexus dev` on the embedded database. A server
 * pointed at a real database, the production image and `node bin/start.js` never
 * get one unless `--demo` asks for it.
 */
export function planStart({ argv, fromSources, embeddedDatabase }: StartInvocation): StartPlan {
  const dev = argv.includes('--dev')
  const seedDemo = argv.includes('--demo') || (fromSources && embeddedDatabase)
  return { dev, seedDemo, buildAssets: fromSources && !dev }
}

/**
 * Credentials only the preparation step (roles, database, migrations) needs.
 * The web server and the seeder run without them: a compromised request handler
 * then holds nothing that bypasses row-level security or changes the schema.
 */
export const PRIVILEGED_VARIABLES = [
  'DB_OWNER_USER',
  'DB_OWNER_PASSWORD',
  'DB_ADMIN_USER',
  'DB_ADMIN_PASSWORD',
] as const

/**
 * The environment of the web server: this one minus the privileged variables.
 * ENV_PATH points AdonisJS at a folder without .env files, so the server does not
 * read the owner's password back from .env (start.ts already loaded .env into
 * this environment).
 */
export function runtimeEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const runtime: NodeJS.ProcessEnv = { ...env, ENV_PATH: RUNTIME_ENV_PATH }
  for (const name of PRIVILEGED_VARIABLES) delete runtime[name]
  return runtime
}

/** A folder of the app (in the sources and in build/) that holds no .env file. */
export const RUNTIME_ENV_PATH = 'bin/start'
