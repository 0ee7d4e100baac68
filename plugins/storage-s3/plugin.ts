import { definePlugin, PLUGIN_API_VERSION } from '#plugins_core/contract'
import { storageDrivers } from '#plugins/content/services/extension_points'
import { s3Storage } from './services/s3_storage.js'
import routes from './routes.js'

const REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY']

/**
 * Whether this server has the S3 settings: read when asked, since plugin
 * manifests are imported before the app (and its env) boots.
 */
function s3Configuration() {
  const missing = REQUIRED.filter((name) => !process.env[name])
  if (missing.length === 0) return { ok: true }
  const endpoint = process.env.S3_ENDPOINT
    ? ''
    : ' (and S3_ENDPOINT for MinIO or another S3-compatible server)'
  return { ok: false, reason: `S3 is not configured: set ${missing.join(', ')}${endpoint}` }
}

/**
 * Adds the `s3` storage type (S3, MinIO and other S3-compatible servers) to the
 * content plugin's storage drivers. Configure S3_ENDPOINT, S3_BUCKET,
 * S3_ACCESS_KEY and S3_SECRET_KEY; an admin then picks it for the workspace.
 */
export default definePlugin({
  name: 'storage-s3',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  requires: ['content'],
  description:
    'Stores content files in an S3-compatible bucket (AWS S3, MinIO) instead of the database.',
  capabilities: ['storage-driver'],
  configured: s3Configuration,
  routes,

  boot({ contribute }) {
    contribute(storageDrivers, s3Storage)
  },
})
