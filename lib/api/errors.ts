// One error type for the whole API. The code decides the HTTP status; the message is
// written for a person and is shown in the UI as is, so it never carries AWS internals.

export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  access_denied: 403,
  read_only: 403,
  forbidden_origin: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  check_failed: 422,
  rate_limited: 429,
  internal: 500,
  aws_unreachable: 503,
  throttled: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
