import { defineConfig } from '@adonisjs/core/bodyparser'

const MB = 1024 * 1024

/*
| Upload limits, end to end (tests/unit/upload_limits.spec.ts holds them together):
| - a file may be as large as the most generous content type allows (PDF, 25 MB;
|   each type's own limit and the workspace's are checked from the file's size
|   before it is read, plugins/content/services/upload_limits.ts);
| - the multipart stream carries that file plus the form's fields and boundaries;
|   beyond it the stream is cut off with a 413 naming the file;
| - an edited text travels as JSON: text types accept 10 MB, and JSON escaping can
|   double that (newlines, quotes, tabs), so the JSON limit is twice it plus room
|   for the other fields.
*/
export const LARGEST_FILE_BYTES = 25 * MB
export const MULTIPART_LIMIT_BYTES = LARGEST_FILE_BYTES + MB
export const JSON_LIMIT_BYTES = 2 * 10 * MB + MB

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  // Request bodies carry documents and code: whitespace is data, so it is kept.
  // Validators trim the fields where it is not (names, emails).
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    limit: JSON_LIMIT_BYTES,
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    processManually: [],
    limit: MULTIPART_LIMIT_BYTES,
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
