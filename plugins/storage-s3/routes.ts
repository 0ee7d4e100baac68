import type { Router } from '@adonisjs/core/http'

/**
 * The S3 storage type has no API of its own: an admin chooses it through the
 * content plugin's PUT /api/v1/content/storage/default. Kept for the shape
 * every plugin shares.
 */
export default function routes(_router: Router) {}
