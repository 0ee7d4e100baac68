/*
| A tenant holding one resource of every kind the API addresses by id, built
| through the API itself, and fingerprints of every tenant table so a test can
| prove that nothing of a tenant changed.
*/
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { withTenant } from '#tenancy/with_tenant'
import { makeEventWorker } from '#events/make_worker'

export interface TenantWorld {
  label: string
  /** A string in every name of this tenant's rows: finding it in a response is a leak. */
  marker: string
  tenantId: string
  slug: string
  adminId: string
  adminEmail: string
  token: string
  programId: string
  projectId: string
  /** A member (not admin) of the project. */
  memberId: string
  /** An access token of the admin, other than `token`. */
  accessTokenId: string
  itemId: string
  tagId: string
  /** A finished retrieval-evaluation job (written directly: running one takes seconds). */
  evaluationJobId: string
  /** An LLM connection, one of its models, a thread and its answered question (written directly: no vendor). */
  connectionId: string
  modelId: string
  threadId: string
  messageId: string
}

async function ok(response: any, status: number, what: string) {
  if (response.status() !== status) {
    throw new Error(`${what}: ${response.status()} ${JSON.stringify(response.body())}`)
  }
  return response.body()
}

/** Builds a tenant with a program, project, member, access token, content item (2 versions), tag. */
export async function makeTenantWorld(client: any, label: string): Promise<TenantWorld> {
  const marker = `${label}-secret-${randomUUID().slice(0, 8)}`
  const { tenant, admin, token } = await makeTenant(label)
  const auth = (request: any) => request.bearerToken(token)

  const program = await ok(
    await auth(client.post('/api/v1/programs')).json({ name: `${marker} program` }),
    201,
    'program'
  )
  const project = await ok(
    await auth(client.post('/api/v1/projects')).json({
      programId: program.data.id,
      name: `${marker} project`,
    }),
    201,
    'project'
  )
  const { user: member } = await makeUser(tenant.id, 'member', `${label} Member`)
  await ok(
    await auth(client.post(`/api/v1/projects/${project.data.id}/members`)).json({
      userId: member.id,
      role: 'editor',
    }),
    201,
    'membership'
  )
  const accessToken = await ok(
    await auth(client.post('/api/v1/me/tokens')).json({ name: `${marker} token` }),
    201,
    'access token'
  )
  const item = await ok(
    await auth(client.post('/api/v1/content/items')).json({
      projectId: project.data.id,
      title: `${marker} item`,
      type: 'markdown',
      body: `# ${marker}\n\nThe first version.`,
    }),
    201,
    'content item'
  )
  await ok(
    await auth(client.patch(`/api/v1/content/items/${item.data.id}`)).json({
      body: `# ${marker}\n\nThe second version.`,
    }),
    200,
    'second version'
  )
  const tag = await ok(
    await auth(client.post(`/api/v1/content/projects/${project.data.id}/tags`)).json({
      name: `${marker.slice(0, 40)} tag`,
    }),
    201,
    'tag'
  )
  await ok(
    await auth(client.post(`/api/v1/content/items/${item.data.id}/tags`)).json({
      tagId: tag.data.id,
    }),
    204,
    'tagging'
  )
  const [evaluationJob] = await withTenant(tenant.id, (trx) =>
    trx
      .table('evaluation_jobs')
      .insert({
        tenant_id: tenant.id,
        dataset: `${marker.slice(0, 40)} set`,
        labelled_set: JSON.stringify({ documents: [], queries: [], judgements: [] }),
        document_count: 0,
        query_count: 0,
        status: 'done',
        progress: 100,
        created_by: admin.id,
      })
      .returning('id')
  )
  const conversation = await withTenant(tenant.id, (trx) =>
    writeConversation(trx, tenant.id, project.data.id, admin.id, item.data.id, marker)
  )
  return {
    ...conversation,
    label,
    marker,
    tenantId: tenant.id,
    slug: tenant.slug,
    adminId: admin.id,
    adminEmail: admin.email,
    token,
    programId: program.data.id,
    projectId: project.data.id,
    memberId: member.id,
    accessTokenId: String(accessToken.id),
    itemId: item.data.id,
    tagId: tag.data.id,
    evaluationJobId: evaluationJob.id,
  }
}

/** A model connection and a thread with one finished exchange, as the threads plugin stores them. */
async function writeConversation(
  trx: any,
  tenantId: string,
  projectId: string,
  adminId: string,
  itemId: string,
  marker: string
) {
  const [connection] = await trx
    .table('llm_connections')
    .insert({
      tenant_id: tenantId,
      name: `${marker} connection`,
      provider: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
    })
    .returning('id')
  const [model] = await trx
    .table('llm_models')
    .insert({
      tenant_id: tenantId,
      connection_id: connection.id,
      model: `${marker}-model`,
      display_name: `${marker} model`,
      enabled: true,
    })
    .returning('id')
  const [thread] = await trx
    .table('threads')
    .insert({
      tenant_id: tenantId,
      project_id: projectId,
      name: `${marker} thread`,
      model_id: model.id,
      created_by: adminId,
    })
    .returning('id')
  await trx
    .table('thread_content')
    .insert({ tenant_id: tenantId, thread_id: thread.id, content_item_id: itemId })
  const [question] = await trx
    .table('messages')
    .insert({
      tenant_id: tenantId,
      thread_id: thread.id,
      role: 'user',
      content: `${marker} question`,
      user_id: adminId,
    })
    .returning('id')
  const [answer] = await trx
    .table('messages')
    .insert({
      tenant_id: tenantId,
      thread_id: thread.id,
      role: 'assistant',
      content: `${marker} answer`,
      model_id: model.id,
      model_name: `${marker}-model`,
      context_snapshot: JSON.stringify({ parts: [{ origin: 'user', text: `${marker} question` }] }),
    })
    .returning('id')
  await trx.table('message_relationships').insert({
    tenant_id: tenantId,
    parent_message_id: question.id,
    child_message_id: answer.id,
  })
  return {
    connectionId: connection.id,
    modelId: model.id,
    threadId: thread.id,
    messageId: answer.id,
  }
}

/** Every id of the world: none may appear in another tenant's answers. */
export function idsOf(world: TenantWorld) {
  return [
    world.tenantId,
    world.adminId,
    world.programId,
    world.projectId,
    world.memberId,
    world.itemId,
    world.tagId,
    world.evaluationJobId,
    world.connectionId,
    world.modelId,
    world.threadId,
    world.messageId,
  ]
}

/** A browser-like session signed in as the world's admin (for Inertia pages). */
export async function signIn(world: TenantWorld) {
  const browser = new BrowserSession()
  await browser.page('/login')
  const login = await browser.request('POST', '/api/v1/auth/login', {
    workspace: world.slug,
    email: world.adminEmail,
    password: PASSWORD,
  })
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`)
  return browser
}

/** Delivers every pending domain event, so no background work changes rows under a test. */
export async function settleEvents() {
  const worker = await makeEventWorker()
  await worker.runUntilIdle()
}

/** Every table with a tenant_id column (the tables row-level security guards). */
export async function tenantTables(): Promise<string[]> {
  const { rows } = await db.connection('owner').rawQuery(`
    select c.relname
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
     where c.relkind = 'r'
       and exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
     order by c.relname
  `)
  return rows.map((row: { relname: string }) => row.relname)
}

/**
 * Row count and a digest of every row of every tenant table (and the tenant's
 * own row), as the tenant sees them, in one query: any insert, update or delete
 * in that tenant changes it. `last_used_at` is left out: using a token is not a change.
 */
export async function fingerprint(tenantId: string) {
  const tables = ['tenants', ...(await tenantTables())]
  const parts = tables.map(
    (table) =>
      `'${table}', (select count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' order by (to_jsonb(t) - 'last_used_at')::text)), '') from ${table} t)`
  )
  return withTenant(tenantId, async (trx) => {
    const { rows } = await trx.rawQuery(`select json_build_object(${parts.join(', ')}) as prints`)
    return rows[0].prints as Record<string, string>
  })
}

/** Total rows of a fingerprint (to check it covers something). */
export function rowsIn(prints: Record<string, string>) {
  return Object.values(prints).reduce((sum, print) => sum + Number(print.split(':')[0]), 0)
}
