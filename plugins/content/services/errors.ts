import { Exception } from '@adonisjs/core/exceptions'

/** 413: the upload is over its type's or the workspace's limit; the field is named. */
export class TooLargeError extends Exception {
  static status = 413

  constructor(
    public field: string,
    message: string
  ) {
    super(message)
  }

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response
      .status(413)
      .send({ errors: [{ field: error.field, message: error.message, rule: 'size' }] })
  }
}
