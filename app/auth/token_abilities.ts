import { UnprocessableError } from '#exceptions/domain_errors'

/*
| What an access token may do. Its abilities are grants; a request is allowed
| when any of them covers it:
|   *                   everything
|   read                GET and HEAD on any route
|   plugin:<name>       every route of that plugin (under /api/v1/<name> or its root routes)
|   plugin:<name>:read  GET and HEAD on that plugin's routes
| Checked by the auth middleware on every request a token authenticates.
*/

const READ_METHODS = new Set(['GET', 'HEAD'])
const PLUGIN_ABILITY = /^plugin:([a-z0-9][a-z0-9-]*)(:read)?$/

export interface TokenRequest {
  method: string
  /** The plugin owning the route, if a plugin's. */
  plugin?: string
}

export function tokenAllows(abilities: string[], request: TokenRequest) {
  const reads = READ_METHODS.has(request.method.toUpperCase())
  return abilities.some((ability) => {
    if (ability === '*') return true
    if (ability === 'read') return reads
    const scoped = PLUGIN_ABILITY.exec(ability)
    if (!scoped || scoped[1] !== request.plugin) return false
    return scoped[2] ? reads : true
  })
}

/** Refuses abilities that mean nothing here (a typo would otherwise create a useless token). */
export function assertKnownAbilities(abilities: string[], pluginNames: string[]) {
  const unknown = abilities.filter((ability) => {
    if (ability === '*' || ability === 'read') return false
    const scoped = PLUGIN_ABILITY.exec(ability)
    return !scoped || !pluginNames.includes(scoped[1])
  })
  if (unknown.length) {
    throw new UnprocessableError([
      {
        field: 'abilities',
        message: `Unknown abilities: ${unknown.join(', ')}. Use *, read, plugin:<name> or plugin:<name>:read with one of: ${pluginNames.join(', ')}`,
        rule: 'abilities',
      },
    ])
  }
}
