import { test } from '@japa/runner'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { auditActionLabel } from '#services/audit_actions'
import { diffChanges } from '#services/audit_diff'
import { BrowserSession } from '#tests/helpers/browser_session'

type Client = any

/** The tenant's audit entries with this action, newest first. */
async function entries(client: Client, token: string, action: string) {
  const response = await client.get(`/api/v1/audit-log?action=${action}`).bearerToken(token)
  response.assertStatus(200)
  return response.body().data as any[]
}

async function makeProject(client: Client, token: string, name: string) {
  const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
  program.assertStatus(201)
  const project = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name, description: 'Kept as is' })
  project.assertStatus(201)
  return project.body().data
}

test.group('Audit entries say what changed', () => {
  test('renaming a project records the name from → to, and nothing that did not change', async ({
    client,
    assert,
  }) => {
    const { tenant, token, admin } = await makeTenant('audit-rename')
    const project = await makeProject(client, token, 'Turbines')
    const renamed = await client
      .patch(`/api/v1/projects/${project.id}`)
      .bearerToken(token)
      .json({ name: 'Wind turbines', description: 'Kept as is' })
    renamed.assertStatus(200)

    const [entry, ...others] = await entries(client, token, 'project.updated')
    assert.lengthOf(others, 0)
    assert.equal(entry.label, 'Project updated')
    assert.equal(entry.subject.id, project.id)
    assert.deepEqual(entry.details.changes, { name: { from: 'Turbines', to: 'Wind turbines' } })

    // The console's audit page shows the label and the change.
    const browser = new BrowserSession()
    await browser.signIn(tenant.slug, admin.email)
    const page = await browser.page('/admin/audit?action=project.updated')
    assert.equal(page.status, 200)
    assert.include(page.html, 'Project updated')
    const text = page.html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
    assert.include(text, 'name: Turbines → Wind turbines')
  })

  test('changing a member role records the role from → to', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('audit-member')
    const project = await makeProject(client, token, 'Members')
    const member = await makeUser(tenant.id, 'member', 'Reader')
    ;(
      await client
        .post(`/api/v1/projects/${project.id}/members`)
        .bearerToken(token)
        .json({ userId: member.user.id, role: 'viewer' })
    ).assertStatus(201)
    ;(
      await client
        .patch(`/api/v1/projects/${project.id}/members/${member.user.id}`)
        .bearerToken(token)
        .json({ role: 'editor' })
    ).assertStatus(200)

    const [entry, ...others] = await entries(client, token, 'membership.role_changed')
    assert.lengthOf(others, 0)
    assert.equal(entry.label, 'Project member role changed')
    assert.deepEqual(entry.details.changes, { role: { from: 'viewer', to: 'editor' } })
    assert.equal(entry.details.userId, member.user.id)
    assert.equal(entry.details.member, member.user.email)
  })

  test("a tenant role change and a workspace's branding record from → to", async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('audit-roles')
    const user = await makeUser(tenant.id, 'member', 'Promoted')
    ;(
      await client
        .patch(`/api/v1/users/${user.user.id}`)
        .bearerToken(token)
        .json({ role: 'editor' })
    ).assertStatus(200)
    const [role] = await entries(client, token, 'user.role_changed')
    assert.deepEqual(role.details.changes, { role: { from: 'member', to: 'editor' } })
    assert.equal(role.label, 'User role changed')

    ;(
      await client
        .patch('/api/v1/tenant')
        .bearerToken(token)
        .json({ name: 'Renamed Inc', branding: { primaryColor: '#112233' } })
    ).assertStatus(200)
    const [settings] = await entries(client, token, 'tenant.settings_updated')
    assert.equal(settings.label, 'Workspace settings updated')
    assert.deepEqual(settings.details.changes, {
      'name': { from: 'audit-roles Inc', to: 'Renamed Inc' },
      'branding.primaryColor': { from: null, to: '#112233' },
    })
  })

  test('a password change is recorded without the password or its hash', async ({
    client,
    assert,
  }) => {
    const { tenant, token, admin } = await makeTenant('audit-password')
    const user = await makeUser(tenant.id, 'member', 'Forgetful')
    const reset = 'a brand new admin-set password'
    ;(
      await client
        .patch(`/api/v1/users/${user.user.id}`)
        .bearerToken(token)
        .json({ password: reset })
    ).assertStatus(200)
    const own = 'my own new password, long enough'
    ;(
      await client
        .patch('/api/v1/me')
        .bearerToken(token)
        .json({ password: own, currentPassword: PASSWORD })
    ).assertStatus(200)

    const [resetEntry] = await entries(client, token, 'user.password_reset')
    assert.equal(resetEntry.label, 'User password reset')
    assert.deepEqual(resetEntry.details.changes, { password: { redacted: true } })
    const [ownEntry] = await entries(client, token, 'user.profile_updated')
    assert.deepEqual(ownEntry.details.changes, { password: { redacted: true } })

    // Nothing stored anywhere the change is recorded holds a password or a hash of one.
    const stored = await withTenant(tenant.id, async (trx) => {
      const audit = await trx.from('tenant_audit_log').select('details')
      const activity = await trx.from('user_activity').select('details')
      const events = await trx.from('domain_events').select('payload')
      const hashes = await trx
        .from('users')
        .whereIn('id', [user.user.id, admin.id])
        .select('password')
      return { text: JSON.stringify([audit, activity, events]), hashes }
    })
    assert.isAbove(stored.text.length, 100)
    assert.include(stored.text, 'redacted')
    for (const secret of [reset, own, PASSWORD, ...stored.hashes.map((row) => row.password)]) {
      assert.notInclude(stored.text, secret)
    }
  })

  test('an update that changes nothing is not audited', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('audit-noop')
    const project = await makeProject(client, token, 'Same')
    const member = await makeUser(tenant.id, 'member', 'Stays')
    ;(
      await client
        .post(`/api/v1/projects/${project.id}/members`)
        .bearerToken(token)
        .json({ userId: member.user.id, role: 'viewer' })
    ).assertStatus(201)
    const countAll = async () => {
      const response = await client.get('/api/v1/audit-log').bearerToken(token)
      return response.body().meta.total as number
    }
    const before = await countAll()
    assert.isAbove(before, 0)

    const sameProject = await client
      .patch(`/api/v1/projects/${project.id}`)
      .bearerToken(token)
      .json({ name: 'Same', description: 'Kept as is' })
    sameProject.assertStatus(200)
    ;(
      await client
        .patch(`/api/v1/projects/${project.id}/members/${member.user.id}`)
        .bearerToken(token)
        .json({ role: 'viewer' })
    ).assertStatus(200)
    ;(
      await client
        .patch(`/api/v1/users/${member.user.id}`)
        .bearerToken(token)
        .json({ role: 'member' })
    ).assertStatus(200)
    ;(
      await client.patch('/api/v1/tenant').bearerToken(token).json({ name: 'audit-noop Inc' })
    ).assertStatus(200)
    ;(
      await client
        .put('/api/v1/plugins/content')
        .bearerToken(token)
        .json({
          enabled: true,
          settings: { chunkTokens: 300, chunkOverlap: 40, embeddingProvider: 'hashing-256' },
        })
    ).assertStatus(200)

    assert.equal(await countAll(), before)
    const events = await withTenant(tenant.id, (trx) =>
      trx
        .from('domain_events')
        .whereIn('type', ['project.updated', 'plugin.enabled'])
        .count('* as n')
    )
    assert.equal(Number(events[0].n), 0)
  })

  test('archiving what is archived (or unarchiving what is active) changes and audits nothing', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('audit-archive')
    const project = await makeProject(client, token, 'Shelved')
    const entriesFor = async (action: string) => {
      const response = await client.get(`/api/v1/audit-log?action=${action}`).bearerToken(token)
      return response.body().meta.total as number
    }
    for (const kind of ['projects', 'programs'] as const) {
      const id = kind === 'projects' ? project.id : project.programId
      const noun = kind === 'projects' ? 'project' : 'program'
      const unarchived = await client.post(`/api/v1/${kind}/${id}/unarchive`).bearerToken(token)
      unarchived.assertStatus(200)
      assert.isNull(unarchived.body().data.archivedAt)
      assert.equal(await entriesFor(`${noun}.unarchived`), 0)

      const first = await client.post(`/api/v1/${kind}/${id}/archive`).bearerToken(token)
      first.assertStatus(200)
      assert.isString(first.body().data.archivedAt)
      const again = await client.post(`/api/v1/${kind}/${id}/archive`).bearerToken(token)
      again.assertStatus(200)
      assert.equal(again.body().data.archivedAt, first.body().data.archivedAt)
      assert.equal(await entriesFor(`${noun}.archived`), 1)
    }
  })

  test('plugin enablement and settings record from → to; tag renames too', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('audit-plugins')
    ;(
      await client
        .put('/api/v1/plugins/content')
        .bearerToken(token)
        .json({
          settings: { chunkTokens: 500, chunkOverlap: 40, embeddingProvider: 'hashing-256' },
        })
    ).assertStatus(200)
    const [settings] = await entries(client, token, 'plugin.settings_updated')
    assert.equal(settings.label, 'Plugin settings updated')
    assert.deepEqual(settings.details.changes, { 'settings.chunkTokens': { from: 300, to: 500 } })

    ;(
      await client.put('/api/v1/plugins/storage-s3').bearerToken(token).json({ enabled: false })
    ).assertStatus(200)
    const [disabled] = await entries(client, token, 'plugin.disabled')
    assert.equal(disabled.label, 'Plugin disabled')
    assert.deepEqual(disabled.details, {
      plugin: 'storage-s3',
      changes: { enabled: { from: true, to: false } },
    })

    const project = await makeProject(client, token, 'Tagged')
    const tag = await client
      .post(`/api/v1/content/projects/${project.id}/tags`)
      .bearerToken(token)
      .json({ name: 'Draft', color: '#aa0000' })
    tag.assertStatus(201)
    ;(
      await client
        .patch(`/api/v1/content/tags/${tag.body().data.id}`)
        .bearerToken(token)
        .json({ name: 'Final', color: '#aa0000' })
    ).assertStatus(200)
    const [renamed] = await entries(client, token, 'tag.updated')
    assert.deepEqual(renamed.details.changes, { name: { from: 'Draft', to: 'Final' } })
  })

  test('labels come from one table, with a readable fallback', ({ assert }) => {
    assert.equal(auditActionLabel('program.updated'), 'Program updated')
    assert.equal(auditActionLabel('content.deleted'), 'Content moved to trash')
    assert.equal(auditActionLabel('widget.colour_changed'), 'Widget colour changed')
  })

  test('the diff keeps only changed fields, by dotted path, secrets redacted', ({ assert }) => {
    assert.deepEqual(
      diffChanges(
        { name: 'a', same: 1, settings: { apiKey: 'old-key', size: 1 }, token: 'x' },
        { name: 'b', same: 1, settings: { apiKey: 'new-key', size: 2 }, token: 'y' }
      ),
      {
        'name': { from: 'a', to: 'b' },
        'settings.apiKey': { redacted: true },
        'settings.size': { from: 1, to: 2 },
        'token': { redacted: true },
      }
    )
    assert.deepEqual(diffChanges({ a: 1, b: 2 }, { a: 1, b: 3 }, ['a']), {})
  })
})
