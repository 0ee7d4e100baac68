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
import { createContent } from '#plugins/content/services/content_service'

export const DEMO_SLUG = 'demo'
const DEMO_EMAIL = 'admin@demo.local'

/** The sample documents of the demo project, by file name (which also makes them idempotent). */
export const DEMO_DOCUMENTS: { filename: string; title: string; body: string }[] = [
  {
    filename: 'welcome.md',
    title: 'Welcome to ContextNexus',
    body: `# Welcome to ContextNexus

This workspace is a demo: one program, one project and a few documents, so you can
look around before adding your own.

## Programs and projects

A **program** groups related projects; a **project** holds content, its members and
their roles (viewer, editor, admin). This document lives in the *Handbook* project
of the *Getting started* program.

## Content

Upload Markdown, text, code, PDF, Word, HTML and images. Each upload is kept with its
versions, split into passages (chunks) and indexed for search. Edit a text document
and a new version is recorded; the previous one stays one click away.

## Search

Search finds passages by their words (full text), by their meaning (semantic) or by
both (hybrid). Try searching for "versions" or "trash".

## Versions

Every edit of a text document, and every upload of a file as a new version of an
item, is kept as a numbered version. Compare two versions side by side, or restore an
older one: restoring records a new version, so nothing is ever lost.

## Tags

Tags group items across a project: create a tag, give it a colour, and attach it to
as many items as you like. The library filters by tag, and the count beside each tag
says how many items carry it.

## Trash

Deleting an item moves it to the project's trash. Restore it from there, or — as a
project admin — delete it for good. Items in the trash never appear in the library or
in search results.

## Your own content

Create a program and a project of your own, invite colleagues with a role each, and
upload a few files. Uploading a file whose name the project already holds asks whether
it is a new version of that item or a second item beside it.
`,
  },
  {
    filename: 'writing-good-notes.md',
    title: 'Writing notes that search well',
    body: `# Writing notes that search well

## Use headings

Headings split a document into passages. A search hit shows the heading of its
passage, so a heading that names its subject makes a result easy to judge.

## One subject per section

A passage that talks about one thing ranks well for that thing. Long sections that
mix subjects rank moderately for all of them.

## Say the words people search for

Write the terms your colleagues use, including abbreviations: "SLA (service level
agreement)" is found by both.

## Describe files that carry no text

An image has no words of its own: give it a title and a description so it can be
found.
`,
  },
  {
    filename: 'retry.ts',
    title: 'retry.ts — retry with exponential backoff',
    body: `/**
 * Calls \`operation\` until it succeeds, waiting longer after each failure
 * (100 ms, 200 ms, 400 ms, …) and giving up after \`attempts\` tries.
 */
export async function retry<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  let delay = 100
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay *= 2
    }
  }
}
`,
  },
]

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
 * The program "Getting started", its project "Handbook" and the sample
 * documents, made through the same services as the API (audited, with their
 * events), the documents through the content service, so the event worker
 * chunks and indexes them. Returns how many documents it added.
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
    const rows = await trx
      .from('content_items')
      .where('project_id', project.id)
      .whereIn(
        'original_filename',
        DEMO_DOCUMENTS.map((document) => document.filename)
      )
      .select('original_filename')
    const present = new Set(rows.map((row) => row.original_filename as string))
    const missing = DEMO_DOCUMENTS.filter((document) => !present.has(document.filename))
    for (const document of missing) {
      await createContent(ctx, {
        projectId: project.id,
        title: document.title,
        bytes: Buffer.from(document.body, 'utf8'),
        filename: document.filename,
      })
    }
    return missing.length
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
