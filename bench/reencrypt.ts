// bench/reencrypt: small objects written without a Bucket Key, re-encrypted by the console's
// job runner and by a naive sequential CopyObject loop, in one run; straight to the emulator
// and through a latency proxy (default 20 ms: the emulator answers in ~3-10 ms, AWS in tens).
// Usage: npx tsx bench/reencrypt.ts [--objects 10000] [--naive-proxied 1000] [--concurrency 32] [--latency 20]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { emulatorEnv, startMoto } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";
import { startLatencyProxy } from "./latency-proxy";
import { mapLimit } from "../lib/runtime/concurrency";

const {
  objects: objectCount,
  "naive-proxied": naiveProxied,
  concurrency,
  latency: latencyMs,
} = benchArgs("npx tsx bench/reencrypt.ts [--objects 10000] [--naive-proxied 1000] [--concurrency 32] [--latency 20]", {
  objects: 10000,
  "naive-proxied": 1000,
  concurrency: 32,
  latency: 20,
});
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

async function prepareBucket(s3: S3Client, name: string, keyArn: string, count: number): Promise<string[]> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: name,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  const keys = Array.from({ length: count }, (_, i) => `objects/${String(i).padStart(6, "0")}.txt`);
  await mapLimit(keys, 16, (Key) =>
    s3.send(
      new PutObjectCommand({
        Bucket: name,
        Key,
        Body: `object ${Key}`,
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: keyArn,
        BucketKeyEnabled: false,
      }),
    ),
  );
  return keys;
}

type JobTiming = { ms: number; done: number; skipped: number; failed: number; method: string };

function runJob(endpoint: string, bucket: string, dataDir: string): Promise<JobTiming> {
  return new Promise((resolve, reject) => {
    let out = "";
    const child = spawn(
      process.execPath,
      [
        ...["--conditions=react-server", "--import", "tsx", "bench/reencrypt-job.ts"],
        ...["--bucket", bucket, "--concurrency", String(concurrency), "--rate", "5000"],
      ],
      {
        env: { ...process.env, ...emulatorEnv(endpoint), CONSOLE_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`job exited ${code}`)),
    );
  });
}

async function naiveLoop(endpoint: string, bucket: string, keys: string[], keyArn: string) {
  const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials });
  const t0 = performance.now();
  for (const Key of keys) {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key,
        CopySource: `${bucket}/${Key}`,
        MetadataDirective: "COPY",
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: keyArn,
        BucketKeyEnabled: true,
      }),
    );
  }
  return { ms: performance.now() - t0, done: keys.length };
}

const moto = await startMoto();
try {
  const s3 = new S3Client({ region: "us-east-1", endpoint: moto.url, forcePathStyle: true, credentials });
  const keyArn = (
    await new KMSClient({ region: "us-east-1", endpoint: moto.url, credentials }).send(new CreateKeyCommand({}))
  ).KeyMetadata!.Arn!;
  const t0 = performance.now();
  const [keysA, keysB, , keysD] = await Promise.all([
    prepareBucket(s3, "bench-job-direct", keyArn, objectCount),
    prepareBucket(s3, "bench-naive-direct", keyArn, objectCount),
    prepareBucket(s3, "bench-job-proxied", keyArn, objectCount),
    prepareBucket(s3, "bench-naive-proxied", keyArn, naiveProxied),
  ]);
  console.log(`wrote ${keysA.length * 3 + keysD.length} objects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-bench-reencrypt-"));

  const jobDirect = await runJob(moto.url, "bench-job-direct", dataDir);
  const naiveDirect = await naiveLoop(moto.url, "bench-naive-direct", keysB, keyArn);
  const proxy = await startLatencyProxy(moto.url, latencyMs);
  const jobProxied = await runJob(proxy.url, "bench-job-proxied", dataDir);
  const naiveProx = await naiveLoop(proxy.url, "bench-naive-proxied", keysD, keyArn);
  await proxy.close();

  const rate = (r: { done: number; ms: number }) => (r.done / (r.ms / 1000)).toFixed(0);
  console.log(
    `\nobjects re-encrypted per second (job: concurrency ${concurrency}; HEAD + CopyObject each, after the UpdateObjectEncryption probe)`,
  );
  console.log(`                      | direct to emulator | through ${latencyMs} ms proxy`);
  const cell = (r: { done: number; ms: number }) => `${rate(r)}/s (${r.done} in ${(r.ms / 1000).toFixed(1)} s)`;
  console.log(`console job           | ${cell(jobDirect).padEnd(19)}| ${cell(jobProxied)}`);
  console.log(`naive sequential copy | ${cell(naiveDirect).padEnd(19)}| ${cell(naiveProx)}`);
  console.log(
    `ratio job / naive    | ${(Number(rate(jobDirect)) / Number(rate(naiveDirect))).toFixed(1)}x`.padEnd(43) +
      `| ${(Number(rate(jobProxied)) / Number(rate(naiveProx))).toFixed(1)}x`,
  );
  console.log(`job failures: direct ${jobDirect.failed}, proxied ${jobProxied.failed}; method ${jobDirect.method}`);
} finally {
  await moto.stop();
}
