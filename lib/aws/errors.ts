import "server-only";
import { AppError } from "@/lib/contracts/errors";

// Maps what the AWS SDK throws to AppError. The raw message is dropped on purpose: AWS
// error text can include request ids, ARNs of other principals and signature details.

type AwsLikeError = {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
};

const throttlingNames = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);

const networkNames = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "TimeoutError",
  "RequestTimeout",
]);

export function awsErrorName(err: unknown): string {
  const e = err as AwsLikeError & { cause?: AwsLikeError };
  return e?.name ?? e?.code ?? e?.Code ?? "Unknown";
}

/** True when the SDK error has one of the given names (e.g. "NoSuchBucket"). */
export function isAwsError(err: unknown, ...names: string[]): boolean {
  return names.includes(awsErrorName(err));
}

/**
 * @param action the IAM action of the failed call, named in access-denied messages
 * @param resource what was being read or changed, for the message
 */
export function toAppError(err: unknown, action: string, resource: string): AppError {
  if (err instanceof AppError) return err;
  const name = awsErrorName(err);
  // Raised on this machine before any request is sent: no source of the SDK's chain had credentials.
  if (name === "CredentialsProviderError") return noCredentials();
  const status = (err as AwsLikeError)?.$metadata?.httpStatusCode;
  if (name === "AccessDenied" || name === "AccessDeniedException" || name === "AllAccessDisabled" || status === 403) {
    return new AppError(
      "access_denied",
      `Access denied: the console's AWS identity is not allowed ${action} on ${resource}. Grant ${action} in its IAM policy.`,
      { action, resource },
    );
  }
  if (name === "NoSuchBucket") return new AppError("not_found", `Bucket ${resource} does not exist.`, { resource });
  if (name === "NotFoundException") return new AppError("not_found", `${resource} was not found.`, { resource });
  if (throttlingNames.has(name) || status === 429) {
    return new AppError(
      "throttled",
      `AWS is throttling ${action} requests; retried and still throttled. Try again in a minute.`,
      { action },
    );
  }
  const code = (err as { code?: string })?.code;
  if (networkNames.has(name) || (code && networkNames.has(code))) {
    // Node names socket failures by code (ECONNREFUSED…) under a generic "Error".
    return unreachable(
      code === "ECONNREFUSED"
        ? "connection refused"
        : code === "ETIMEDOUT" || name === "TimeoutError"
          ? "timed out"
          : (code ?? name),
    );
  }
  if (typeof status === "number" && status >= 500) {
    return new AppError(
      "aws_unreachable",
      `AWS answered ${action} with a server error (${status}) after retries. Try again shortly.`,
      { action },
    );
  }
  if (
    name === "InvalidAccessKeyId" ||
    name === "SignatureDoesNotMatch" ||
    name === "ExpiredToken" ||
    name === "UnrecognizedClientException" ||
    name === "InvalidClientTokenId"
  ) {
    return new AppError(
      "access_denied",
      `AWS rejected the console's credentials (${name}). Refresh or configure credentials (AWS_PROFILE, aws sso login).`,
      { action },
    );
  }
  return new AppError("internal", `${action} on ${resource} failed (${name}).`, { action });
}

export function noCredentials(): AppError {
  return new AppError(
    "no_credentials",
    "The console has no AWS credentials: none of the sources of the AWS SDK's credential chain gave any. " +
      "Sign in (aws sso login), set AWS_PROFILE, or give its host a role.",
  );
}

export function unreachable(reason: string): AppError {
  return new AppError(
    "aws_unreachable",
    `Cannot reach AWS (${reason}). If you use the local emulator, start it with \`npm run demo\`; ` +
      "otherwise check AWS_ENDPOINT_URL, network access and credentials.",
  );
}
