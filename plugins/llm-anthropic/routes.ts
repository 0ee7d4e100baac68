import type { Router } from '@adonisjs/core/http'

/**
 * The Anthropic provider has no API of its own: admins add connections through
 * the threads plugin, which calls this provider. Kept for the shape every
 * plugin shares.
 */
export default function routes(_router: Router) {}
