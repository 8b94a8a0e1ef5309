// One error type for the whole API. The code decides the HTTP status; the message is
// written for a person and is shown in the UI as is, so it never carries AWS internals.

export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  access_denied: 403,
  read_only: 403,
  // An account known only from AWS Config: the console has no role there to read or change it through.
  no_role: 403,
  forbidden_origin: 403,
  // The Host is not one the console answers to (DNS rebinding). Not 421 Misdirected Request:
  // Chromium retries a 421 on a new connection and resets the first one mid-body.
  forbidden_host: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  check_failed: 422,
  rate_limited: 429,
  internal: 500,
  aws_unreachable: 503,
  // The AWS SDK's credential chain found nothing: the console cannot call AWS until it is configured.
  no_credentials: 503,
  throttled: 503,
  // A change was sent (and may well have been made) but its outcome could not be verified: the
  // history holds it as unknown until AWS is read again. 503 so a retrying client asks again.
  unverified: 503,
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

  // Next bundles lib/ once per route, so an AppError can come from another copy of this class
  // (a credential cache shared on globalThis rejects with the first bundle's AppError). Such an
  // error must still be recognised, or the user would see "unexpected error" instead of its message.
  static [Symbol.hasInstance](value: unknown): boolean {
    const code = (value as { code?: unknown } | null)?.code;
    return value instanceof Error && value.name === "AppError" && typeof code === "string" && code in errorStatus;
  }
}
