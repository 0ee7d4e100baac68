import { Exception } from '@adonisjs/core/exceptions'

export interface FieldError {
  field: string
  message: string
  rule?: string
}

/** 422 with each offending field named, in the same shape as VineJS errors. */
export class UnprocessableError extends Exception {
  static status = 422
  static code = 'E_UNPROCESSABLE'

  constructor(public errors: FieldError[]) {
    super(errors.map((error) => error.message).join('; '))
  }

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response.status(422).send({ errors: error.errors })
  }
}

/** 404 for anything the tenant does not have, or the user may not know exists. */
export class NotFoundError extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'

  constructor(message = 'Not found') {
    super(message)
  }

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response.status(404).send({ errors: [{ message: error.message }] })
  }
}

/** 409 when the change would break an invariant (e.g. removing the last admin). */
export class ConflictError extends Exception {
  static status = 409
  static code = 'E_CONFLICT'

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response.status(409).send({ errors: [{ message: error.message }] })
  }
}
