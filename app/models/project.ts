import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { BaseEntity } from '#models/base_entity'

export default class Project extends BaseEntity {
  @column()
  declare tenantId: string

  @column()
  declare programId: string

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare description: string | null

  @column()
  declare isPublic: boolean

  @column()
  declare settings: Record<string, unknown>

  @column()
  declare metadata: Record<string, unknown>

  @column()
  declare createdBy: string | null

  @column.dateTime()
  declare archivedAt: DateTime | null
}
