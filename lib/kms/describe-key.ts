import "server-only";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { KmsKeyState } from "@/lib/contracts/inventory";
import { kmsClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";

/**
 * DescribeKey reshaped. Fields the emulator omits (KeyUsage for aws/s3 on moto) stay null:
 * unknown, never guessed.
 */
export async function describeKey(keyRef: string, region: string, alias: string | null = null): Promise<KmsKeyState> {
  try {
    const { KeyMetadata: m } = await kmsClient(region).send(new DescribeKeyCommand({ KeyId: keyRef }));
    if (!m?.Arn || !m.KeyId) throw new Error("DescribeKey returned no metadata");
    return {
      arn: m.Arn,
      keyId: m.KeyId,
      alias,
      state: m.KeyState ?? null,
      manager: m.KeyManager ?? null,
      spec: m.KeySpec ?? m.CustomerMasterKeySpec ?? null,
      usage: m.KeyUsage ?? null,
      region: m.Arn.split(":")[3] ?? null,
    };
  } catch (err) {
    throw awsCallError(err, "DescribeKey", keyRef);
  }
}
