/*
| Prepares a PostgreSQL database for ContextNexus: the owner role (owns the
| schema, runs migrations), the runtime role (owns nothing, no BYPASSRLS), the
| database, and the default privileges that let the runtime role use what the
| owner creates. Idempotent. Uses plain `pg` because roles and databases sit
| outside any application connection.
*/
import pg from 'pg'

export interface ProvisionOptions {
  host: string
  port: number
  database: string
  owner: { user: string; password?: string }
  runtime: { user: string; password?: string }
  /** A superuser or CREATEROLE+CREATEDB role; without it roles and database must exist. */
  admin?: { user: string; password?: string }
  /** Drop and recreate the database (test runs). */
  recreate?: boolean
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`

async function withClient<T>(
  options: ProvisionOptions,
  login: { user: string; password?: string },
  database: string,
  work: (client: pg.Client) => Promise<T>
): Promise<T> {
  const client = new pg.Client({
    host: options.host,
    port: options.port,
    user: login.user,
    password: login.password,
    database,
  })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function ensureRole(client: pg.Client, login: { user: string; password?: string }) {
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [login.user])
  const password = login.password ? ` password ${quoteLiteral(login.password)}` : ''
  const verb = exists.rowCount ? 'alter' : 'create'
  await client.query(
    `${verb} role ${quoteIdent(login.user)} login nosuperuser nobypassrls nocreatedb nocreaterole${password}`
  )
}

export async function provisionDatabase(options: ProvisionOptions) {
  const { owner, runtime } = options
  if (owner.user === runtime.user) {
    throw new Error('DB_USER (runtime role) and DB_OWNER_USER must be different roles')
  }

  if (options.admin) {
    await withClient(options, options.admin, 'postgres', async (client) => {
      await ensureRole(client, owner)
      await ensureRole(client, runtime)
      if (options.recreate) {
        await client.query(`drop database if exists ${quoteIdent(options.database)} with (force)`)
      }
      const found = await client.query('select 1 from pg_database where datname = $1', [
        options.database,
      ])
      if (!found.rowCount) {
        await client.query(
          `create database ${quoteIdent(options.database)} owner ${quoteIdent(owner.user)}`
        )
      }
    })
    // pgvector is not a trusted extension: only a superuser can install it, so it is done here.
    await withClient(options, options.admin, options.database, async (client) => {
      const { rowCount } = await client.query(
        `select 1 from pg_available_extensions where name = 'vector'`
      )
      if (rowCount) await client.query('create extension if not exists vector')
    })
  }

  await withClient(options, owner, options.database, async (client) => {
    const app = quoteIdent(runtime.user)
    const self = quoteIdent(owner.user)
    await client.query(`
      grant usage on schema public to ${app};
      alter default privileges for role ${self} in schema public
        grant select, insert, update, delete on tables to ${app};
      alter default privileges for role ${self} in schema public
        grant usage, select on sequences to ${app};
      alter default privileges for role ${self} in schema public
        grant execute on functions to ${app};
    `)
  })

  await assertRuntimeRoleIsConfined(options)
}

/** Refuses a runtime role that could see through row-level security. */
export async function assertRuntimeRoleIsConfined(options: ProvisionOptions) {
  await withClient(options, options.runtime, options.database, async (client) => {
    const { rows } = await client.query(
      `select rolsuper, rolbypassrls,
              exists (select 1 from pg_tables where tableowner = current_user) as owns_tables
         from pg_roles where rolname = current_user`
    )
    const role = rows[0]
    if (role.rolsuper || role.rolbypassrls || role.owns_tables) {
      throw new Error(
        `The runtime role "${options.runtime.user}" is a superuser, has BYPASSRLS or owns tables: ` +
          'row-level security would not isolate tenants. Use a plain login role for DB_USER.'
      )
    }
  })
}
