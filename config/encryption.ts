import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/* Encrypted cookies and values; APP_KEY rotation invalidates them. */
const encryptionConfig = defineConfig({
  default: 'app',
  list: {
    app: drivers.aes256gcm({ id: 'app', keys: [env.get('APP_KEY')] }),
  },
})

export default encryptionConfig
