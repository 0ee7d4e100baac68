import { column } from '@adonisjs/lucid/orm'
import { BaseEntity } from '#models/base_entity'

export default class Tenant extends BaseEntity {
  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare domain: string | null

  @column()
  declare isActive: boolean

  @column()
  declare features: Record<string, unknown>

  @column()
  declare theme: Record<string, unknown>

  @column()
  declare settings: Record<string, unknown>

  @column()
  declare maxUsers: number

  @column()
  declare maxStorageGb: number

  @column()
  declare monthlyTokenLimit: number
}
