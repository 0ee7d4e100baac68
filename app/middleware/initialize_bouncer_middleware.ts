import * as abilities from '#abilities/main'
import { policies } from '#generated/policies'

import { Bouncer } from '@adonisjs/bouncer'
import type { BouncerAbility } from '@adonisjs/bouncer/types'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'

/** Abilities plugins define (`api.defineAbility`), named `<plugin>.<ability>`. */
type PluginAbilities = Record<`${string}.${string}`, BouncerAbility<any>>

/**
 * Init bouncer middleware is used to create a bouncer instance
 * during an HTTP request
 */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    /**
     * Create bouncer instance for the ongoing HTTP request.
     * We will pull the user from the HTTP context.
     */
    const registry = await app.container.make(PluginRegistry)
    ctx.bouncer = new Bouncer(
      () => ctx.auth.user || null,
      { ...registry.abilities(), ...abilities } as typeof abilities & PluginAbilities,
      policies
    ).setContainerResolver(ctx.containerResolver)

    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<
      Exclude<HttpContext['auth']['user'], undefined>,
      typeof abilities & PluginAbilities,
      typeof policies
    >
  }
}
