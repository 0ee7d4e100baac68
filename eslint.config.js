import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  {
    ignores: ['build/**', '.tools/**', 'storage/**', '.adonisjs/**', 'scripts/neo4j/**'],
  },
  {
    // `(await client.get(...)).assertStatus(200)` reads naturally in tests.
    files: ['tests/**/*.ts', 'plugins/*/tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  }
)
