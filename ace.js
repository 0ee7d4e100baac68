/*
| Entry point of the ace command line. TypeScript sources run through ts-exec;
| a production build rewrites this file to import the compiled console directly.
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
