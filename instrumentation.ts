// Runs once when the server starts: reads new CloudTrail files into the usage store in the
// background (incremental, so a restart costs a listing), unless CONSOLE_INGEST_ON_START=0.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  if (!serverEnv().ingestOnStart) return;
  const { startIngest } = await import("@/lib/usage/ingest");
  startIngest();
}
