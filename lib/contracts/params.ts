import { z } from "zod";
import { checkBucketName } from "@/lib/contracts/bucket-name";

// Path and query schemas shared by route handlers.

export const bucketNameSchema = z.string().superRefine((name, ctx) => {
  const check = checkBucketName(name);
  if (!check.ok)
    ctx.addIssue({
      code: "custom",
      message: `"${name.slice(0, 80)}" is not a valid S3 bucket name: it ${check.reason}.`,
    });
});

export const bucketParamsSchema = z.object({ name: bucketNameSchema }).strict();

/** A numeric id in the path (change, job): digits only, so nothing else reaches SQLite. */
export const idSchema = z
  .string()
  .regex(/^\d{1,12}$/, "an id is a number")
  .transform(Number);
export const idParamsSchema = z.object({ id: idSchema }).strict();
