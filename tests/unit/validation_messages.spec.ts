import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { createUserValidator, listUsersValidator, updateUserValidator } from '#validators/users'
import { createTenantValidator } from '#validators/platform'
import { updateTenantValidator } from '#validators/tenant'
import { createProjectValidator } from '#validators/workspace'
import { issueTokenValidator } from '#validators/auth'
import { fieldLabel } from '#validators/messages'
import { plural } from '#services/plural'
import { searchValidator } from '../../plugins/content/validators/search.js'
import contentPlugin from '../../plugins/content/plugin.js'

interface Reported {
  field: string
  message: string
  rule: string
}

/** The errors a validator reports for `data` (fails the test when it accepts it). */
async function refusal(
  validator: { validate: (data: unknown) => Promise<unknown> },
  data: unknown
): Promise<Reported[]> {
  try {
    await validator.validate(data)
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) return error.messages as Reported[]
    throw error
  }
  throw new Error('the validator accepted the data')
}

/** The one message reported for `field`. */
function messageFor(reported: Reported[], field: string) {
  const found = reported.filter((error) => error.field === field)
  if (found.length !== 1) {
    throw new Error(`expected one error for ${field}, got ${JSON.stringify(reported)}`)
  }
  return found[0].message
}

const validUser = {
  email: 'ada@example.com',
  fullName: 'Ada Lovelace',
  password: 'correct horse battery',
}

test.group('Validation messages', () => {
  test('a missing field is required, under its label', async ({ assert }) => {
    const reported = await refusal(createUserValidator, { ...validUser, fullName: undefined })
    assert.deepEqual(
      reported.map(({ field, message, rule }) => ({ field, message, rule })),
      [{ field: 'fullName', message: 'Full name is required', rule: 'required' }]
    )
  })

  test('a short password asks for at least so many characters', async ({ assert }) => {
    const reported = await refusal(createUserValidator, { ...validUser, password: 'short' })
    assert.equal(messageFor(reported, 'password'), 'At least 10 characters')
  })

  test('a long text says at most how many characters', async ({ assert }) => {
    const reported = await refusal(createUserValidator, { ...validUser, fullName: 'x'.repeat(256) })
    assert.equal(messageFor(reported, 'fullName'), 'At most 255 characters')
  })

  test('an empty text after trimming reads as required', async ({ assert }) => {
    const reported = await refusal(createUserValidator, { ...validUser, fullName: '   ' })
    assert.equal(messageFor(reported, 'fullName'), 'Full name is required')
  })

  test('a malformed email address', async ({ assert }) => {
    const reported = await refusal(createUserValidator, { ...validUser, email: 'not-an-email' })
    assert.equal(messageFor(reported, 'email'), 'Enter a valid email address')
  })

  test('a value outside an enum lists the choices', async ({ assert }) => {
    const reported = await refusal(updateUserValidator, { role: 'owner' })
    assert.equal(messageFor(reported, 'role'), 'Role must be one of: member, editor, admin')
  })

  test('numbers: range and whole numbers', async ({ assert }) => {
    const tooMany = await refusal(listUsersValidator, { perPage: 500 })
    assert.equal(messageFor(tooMany, 'perPage'), 'Page size must be between 1 and 100')
    const fraction = await refusal(listUsersValidator, { page: 1.5 })
    assert.equal(messageFor(fraction, 'page'), 'Page must be a whole number')
    const notANumber = await refusal(listUsersValidator, { page: 'first' })
    assert.equal(messageFor(notANumber, 'page'), 'Page must be a number')
  })

  test('a nested field is labelled by its own name; the field stays its path', async ({
    assert,
  }) => {
    const reported = await refusal(createTenantValidator, {
      name: 'Acme',
      slug: 'acme',
      admin: { email: 'ada@example.com', password: 'correct horse battery' },
    })
    assert.equal(messageFor(reported, 'admin.fullName'), 'Full name is required')
  })

  test('an id that is not one', async ({ assert }) => {
    const reported = await refusal(createProjectValidator, { programId: 'nope', name: 'Atlas' })
    assert.equal(messageFor(reported, 'programId'), 'Program is not a valid id')
  })

  test('a format the field explains, and a URL', async ({ assert }) => {
    const reported = await refusal(updateTenantValidator, {
      branding: { primaryColor: 'blue', logoUrl: 'http://example.com/logo.png' },
    })
    assert.equal(messageFor(reported, 'branding.primaryColor'), 'Use a hex colour such as #3b82f6')
    assert.equal(messageFor(reported, 'branding.logoUrl'), 'Enter a full https:// address')
  })

  test('list sizes count what the list holds, in the right number', async ({ assert }) => {
    const tags = Array.from({ length: 11 }, () => '5f0c8d5e-2f7a-4c1e-9b7d-3a2b1c0d9e8f')
    const reported = await refusal(searchValidator, { q: 'atlas', tagIds: tags })
    assert.equal(messageFor(reported, 'tagIds'), 'Choose at most 10 tags')
    const none = await refusal(issueTokenValidator, {
      workspace: 'acme',
      email: 'ada@example.com',
      password: 'secret',
      name: 'CI',
      abilities: [],
    })
    assert.equal(messageFor(none, 'abilities'), 'Choose at least 1 ability')
  })

  test('a list member is labelled by its position', async ({ assert }) => {
    const reported = await refusal(searchValidator, { q: 'atlas', tagIds: ['nope'] })
    assert.equal(messageFor(reported, 'tagIds.0'), 'Tag 1 is not a valid id')
  })

  test('plugin settings speak the same words', async ({ assert }) => {
    assert.exists(contentPlugin.settings)
    const reported = await refusal(contentPlugin.settings!, {
      chunkTokens: 10,
      chunkOverlap: 40,
    })
    assert.equal(messageFor(reported, 'chunkTokens'), 'Chunk tokens must be between 64 and 2,000')
    assert.equal(messageFor(reported, 'embeddingProvider'), 'Embedding provider is required')
  })

  test('field labels', ({ assert }) => {
    assert.equal(fieldLabel('fullName'), 'Full name')
    assert.equal(fieldLabel('settings.embeddingProvider'), 'Embedding provider')
    assert.equal(fieldLabel('admin.fullName'), 'Full name')
    assert.equal(fieldLabel('branding.logoUrl'), 'Logo URL')
    assert.equal(fieldLabel('projectId'), 'Project')
    assert.equal(fieldLabel('abilities.2'), 'Ability 3')
    assert.equal(fieldLabel('items.0.name'), 'Name')
    assert.equal(fieldLabel('q'), 'Search text')
  })

  test('counts with their noun in the right number', ({ assert }) => {
    assert.equal(plural(0, 'item'), '0 items')
    assert.equal(plural(1, 'item'), '1 item')
    assert.equal(plural(3, 'item'), '3 items')
    assert.equal(plural(1, 'query', 'queries'), '1 query')
    assert.equal(plural(2, 'query', 'queries'), '2 queries')
    assert.equal(plural(10_000, 'character'), '10,000 characters')
  })
})
