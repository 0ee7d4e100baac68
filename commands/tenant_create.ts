import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createTenantValidator } from '#validators/platform'
import { createTenant } from '#services/tenant_onboarding'

/** The platform operator creates a tenant and its first admin from the shell. */
export default class TenantCreate extends BaseCommand {
  static commandName = 'tenant:create'
  static description = 'Create a tenant (workspace) and its first admin'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Display name', required: true })
  declare name: string

  @flags.string({
    description: 'Workspace slug used at sign-in (lower-case, dashes)',
    required: true,
  })
  declare slug: string

  @flags.string({ description: 'Optional domain that also identifies the workspace' })
  declare domain?: string

  @flags.string({ description: 'Email of the first admin', required: true })
  declare adminEmail: string

  @flags.string({ description: 'Full name of the first admin', default: 'Administrator' })
  declare adminName: string

  @flags.string({ description: 'Password of the first admin (prompted when omitted)' })
  declare adminPassword?: string

  async run() {
    const password =
      this.adminPassword ?? (await this.prompt.secure('Password for the first admin'))
    const [error, input] = await createTenantValidator.tryValidate({
      name: this.name,
      slug: this.slug,
      domain: this.domain,
      admin: { email: this.adminEmail, fullName: this.adminName, password },
    })
    if (error) {
      for (const message of error.messages)
        this.logger.error(`${message.field}: ${message.message}`)
      this.exitCode = 1
      return
    }
    try {
      const { tenant, admin } = await createTenant(input)
      this.logger.success(`Created workspace "${tenant.slug}" (${tenant.id}); admin ${admin.email}`)
    } catch (failure) {
      const fieldErrors = (failure as { errors?: { field: string; message: string }[] }).errors
      if (!fieldErrors) throw failure
      for (const message of fieldErrors) this.logger.error(`${message.field}: ${message.message}`)
      this.exitCode = 1
    }
  }
}
