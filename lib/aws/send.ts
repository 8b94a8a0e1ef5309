import "server-only";
import type { AppError } from "@/lib/contracts/errors";
import { toAppError } from "./errors";
import { accessOf, type AwsOperation } from "./iam-actions";

// The one way to call AWS: send a command, and on failure map the error with the IAM action the table
// (iam-actions.ts) gives for the command's operation, so no call site names an action by hand and the
// policy documents and the error messages cannot disagree.

/** What a command's send resolves to, read off the command's own type. */
type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer O }> }
  ? O
  : never;

/**
 * The operation ("GetBucketLocation") and service ("s3") a command calls. Read from the command's schema, which
 * the SDK builds from the service model (["…", "com.amazonaws.s3", "GetBucketLocation", …]), not from the class
 * name, which a minifier may rename.
 */
export function operationOf(command: object): { operation: string; service: string | null } {
  const schema = (command as { schema?: unknown }).schema;
  if (Array.isArray(schema) && typeof schema[1] === "string" && typeof schema[2] === "string")
    return { operation: schema[2], service: schema[1].split(".").at(-1) ?? null };
  return { operation: command.constructor.name.replace(/Command$/, ""), service: null };
}

/** The action(s) a failed call's message names: the table's own actions ("a", "a and b", "a, b and c"). */
export function actionNamed(operation: string, service: string | null = null): string {
  const actions = accessOf(operation)?.actions ?? [];
  // An operation that needs no permission (GetCallerIdentity) is named as the call.
  if (actions.length === 0) return service ? `${service}:${operation}` : operation;
  return actions.length === 1 ? actions[0]! : `${actions.slice(0, -1).join(", ")} and ${actions.at(-1)}`;
}

/** The error of a failed call of `operation` made some other way than send(): a paginator, a stream. */
export function awsCallError(err: unknown, operation: AwsOperation, resource: string): AppError {
  return toAppError(err, actionNamed(operation), resource);
}

/**
 * Sends `command` through `client`. A failure throws the AppError naming the IAM action the operation needs
 * (`resource`: what was being read or changed, for the message).
 */
export async function send<C extends object>(
  client: { send(command: NoInfer<C>): Promise<unknown> },
  command: C,
  resource: string,
): Promise<OutputOf<C>> {
  try {
    return (await client.send(command)) as OutputOf<C>;
  } catch (err) {
    const { operation, service } = operationOf(command);
    throw toAppError(err, actionNamed(operation, service), resource);
  }
}
