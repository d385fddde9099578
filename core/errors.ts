/** An error we expect and can explain to a person: a stable code, an HTTP status and a readable message. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`, 404);
export const forbidden = (message = 'You do not have access to this.') => new AppError('forbidden', message, 403);
export const unauthenticated = (message: string) => new AppError('unauthenticated', message, 401);
