import { definePlugin, PLUGIN_API_VERSION } from '#plugins_core/contract'
import { storageDrivers } from '#plugins/content/services/extension_points'
import { s3Storage } from './services/s3_storage.js'
import routes from './routes.js'

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
  capabilities: ['storage-driver'],
  routes,

  boot({ contribute }) {
    contribute(storageDrivers, s3Storage)
  },
})
