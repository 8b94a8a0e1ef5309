import "server-only";
import { randomUUID } from "node:crypto";
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  UpdateObjectEncryptionCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { awsErrorName } from "@/lib/aws/errors";
import { consolePrefix } from "@/lib/objects/head";

/**
 * Whether UpdateObjectEncryption really changes encryption in place here. It is tried on a
 * small object the console writes and deletes itself, never on customer data first: an
 * endpoint that does not know the API may treat the request as an upload and replace the
 * object (moto does), which only a check of the ETag afterwards reveals.
 */
export async function probeUpdateObjectEncryption(
  client: S3Client,
  bucket: string,
  keyArn: string,
): Promise<{ supported: boolean; reason: string }> {
  const key = `${consolePrefix}probe-${randomUUID()}`;
  const body = "bucket-key-console probe";
  try {
    const put = await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: keyArn,
        BucketKeyEnabled: false,
      }),
    );
    try {
      await client.send(
        new UpdateObjectEncryptionCommand({
          Bucket: bucket,
          Key: key,
          ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } },
        }),
      );
    } catch (err) {
      return { supported: false, reason: `UpdateObjectEncryption answered ${awsErrorName(err)}` };
    }
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const intact = head.ETag === put.ETag && head.ContentLength === body.length && head.BucketKeyEnabled === true;
    return intact
      ? {
          supported: true,
          reason:
            "UpdateObjectEncryption changes encryption in place: no data copied; ETag, storage class and dates kept.",
        }
      : {
          supported: false,
          reason:
            "UpdateObjectEncryption did not change the probe object in place (the endpoint does not implement it)",
        };
  } catch (err) {
    return { supported: false, reason: `the UpdateObjectEncryption probe failed (${awsErrorName(err)})` };
  } finally {
    await deleteAllVersions(client, bucket, key).catch(() => undefined);
  }
}

async function deleteAllVersions(client: S3Client, bucket: string, key: string) {
  const versions = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  const ids = [...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]
    .filter((v) => v.Key === key)
    .map((v) => v.VersionId);
  if (ids.length === 0 || ids.every((id) => !id || id === "null"))
    return void (await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
  for (const VersionId of ids) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId }));
}
