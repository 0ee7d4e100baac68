import { configApp } from '@adonisjs/eslint-config'

export default configApp({
  ignores: ['build/**', '.tools/**', 'storage/**', '.adonisjs/**', 'scripts/neo4j/.lib/**'],
})
