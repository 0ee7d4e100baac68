import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import app from '@adonisjs/core/services/app'
import { createTenant } from '#services/tenant_onboarding'
import { recordChange } from '#services/change_log'
import { addProjectMember } from '#services/queries/members'
import { resolveTenantKey, withTenant } from '#tenancy/with_tenant'
import { actionContextFor, type ActionContext } from '#tenancy/action_context'
import { serializeProgram, serializeProject } from '#transformers/serializers'
import Tenant from '#models/tenant'
import User from '#models/user'
import Program from '#models/program'
import Project from '#models/project'
import { PluginRegistry } from '#plugins_core/registry'
import { demoContent } from '#plugins_core/contract'

export const DEMO_SLUG = 'demo'
const DEMO_EMAIL = 'admin@demo.local'

export interface DemoOptions {
  slug?: string
  email?: string
  /** Where the generated credentials are written (readable by the owner only). */
  credentialsFile?: string
  log?: (message: string) => void
}

/**
 * Creates the demo workspace once (the generated password is printed and
 * kept in the credentials file) and makes sure it holds its sample program,
 * project and documents. Running it again adds only what is missing.
 */
export async function seedDemoWorkspace(options: DemoOptions = {}) {
  const slug = options.slug ?? DEMO_SLUG
  const email = options.email ?? DEMO_EMAIL
  const file = options.credentialsFile ?? app.makePath('storage', 'demo-credentials.txt')
  const log = options.log ?? console.log
  const existing = await resolveTenantKey(slug)
  let tenantId = existing?.id
  if (tenantId) {
    log(`» demo workspace "${slug}" exists; credentials: ${file}`)
  } else {
    const password = randomBytes(12).toString('base64url')
    const credentials = `workspace: ${slug}\nemail:     ${email}\npassword:  ${password}\n`
    // Written first, so a workspace is never created with a password nobody kept.
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, credentials, { mode: 0o600 })
    try {
      const { tenant } = await createTenant({
        name: 'Demo',
        slug,
        admin: { email, fullName: 'Demo Admin', password },
      })
      tenantId = tenant.id
    } catch (error) {
      await rm(file, { force: true })
      throw error
    }
    log(`\n» demo workspace created. Sign in with\n${credentials}`)
  }
  const added = await seedDemoContent(tenantId, email)
  if (added) log(`» demo workspace: ${added} sample document(s) added; the worker indexes them`)
  return { tenantId, added }
}

/**
 * The program "Getting started", its project "Handbook" and the plugins' sample
 * content, made through the same services as the API (audited, with their
 * events). Returns how many sample items the plugins added.
 */
async function seedDemoContent(tenantId: string, email: string) {
  return withTenant(tenantId, async (trx) => {
    const tenant = await Tenant.findOrFail(tenantId, { client: trx })
    const admin =
      (await User.query({ client: trx }).where('email', email).first()) ??
      (await User.query({ client: trx }).where('role', 'admin').orderBy('created_at').first())
    if (!admin) return 0
    const ctx = actionContextFor(tenant, admin, trx)
    const program = await demoProgram(ctx)
    const project = await demoProject(ctx, program)
    // Plugins add their samples (the content plugin: documents it chunks and indexes).
    const registry = await app.container.make(PluginRegistry)
    let added = 0
    for (const { value } of await registry.contributions(demoContent, { tenant: trx })) {
      added += await value.seed(ctx, project.id)
    }
    return added
  })
}

async function demoProgram(ctx: ActionContext) {
  const { trx, id: tenantId, user } = ctx.tenant
  const found = await Program.query({ client: trx }).where('slug', 'getting-started').first()
  if (found) return found
  const program = await Program.create(
    {
      tenantId,
      name: 'Getting started',
      slug: 'getting-started',
      description: 'A sample program with one project to look around in.',
      createdBy: user.id,
    },
    { client: trx }
  )
  await recordChange(ctx, {
    action: 'program.created',
    subjectType: 'program',
    subjectId: program.id,
    details: { name: program.name },
    payload: { ...serializeProgram(program), name: program.name },
  })
  return program
}

async function demoProject(ctx: ActionContext, program: Program) {
  const { trx, id: tenantId, user } = ctx.tenant
  const found = await Project.query({ client: trx })
    .where({ program_id: program.id, slug: 'handbook' })
    .first()
  if (found) return found
  const project = await Project.create(
    {
      tenantId,
      programId: program.id,
      name: 'Handbook',
      slug: 'handbook',
      description: 'Sample documents: a welcome note, writing tips and a code file.',
      isPublic: true,
      createdBy: user.id,
    },
    { client: trx }
  )
  await addProjectMember(trx, { tenantId, projectId: project.id, userId: user.id, role: 'admin' })
  await recordChange(ctx, {
    action: 'project.created',
    subjectType: 'project',
    subjectId: project.id,
    details: { name: project.name },
    payload: { ...serializeProject(project), name: project.name },
  })
  return project
}

/**
 * A demo workspace with an admin, a sample program, project and documents,
 * created once. The generated password is printed and kept in
 * storage/demo-credentials.txt (readable by the owner only).
 */
export default class DemoWorkspaceSeeder extends BaseSeeder {
  static environment = ['development', 'production']

  async run() {
    await seedDemoWorkspace()
  }
}
