import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { BaseEntity } from '#models/base_entity'
import type { TenantRole } from '#auth/roles'

export default class User extends BaseEntity {
  @column()
  declare tenantId: string

  @column()
  declare email: string

  @column()
  declare fullName: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare role: TenantRole

  @column()
  declare isActive: boolean

  @column()
  declare settings: Record<string, unknown>

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  /** Moves on when the password changes: sessions opened under an older one end. */
  @column({ serializeAs: null })
  declare credentialsVersion: number

  get isAdmin() {
    return this.role === 'admin'
  }

  get canAuthor() {
    return this.role === 'admin' || this.role === 'editor'
  }
}
