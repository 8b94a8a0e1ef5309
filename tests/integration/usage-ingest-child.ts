// Child process for the kill-and-resume test: ingests a trail location from moto into the
// store under CONSOLE_DATA_DIR (set by the parent), printing a line per file, then the totals.
// Usage: node --conditions=react-server --import tsx tests/integration/usage-ingest-child.ts <bucket> <prefix>
import { ingestLogFiles } from "@/lib/usage/cloudtrail/ingest-files";
import { listLogFiles, readS3LogFile } from "@/lib/usage/cloudtrail/log-files";
import { usageTotals } from "./usage-totals";

const [bucket, prefix = ""] = process.argv.slice(2);
const files = await listLogFiles({ bucket: bucket!, prefix });
await ingestLogFiles(files, {
  source: "it",
  account: "123456789012",
  read: readS3LogFile,
  // One file per commit, so the parent can kill it between any two files.
  filesPerBatch: 1,
  onProgress: (p) => console.log(`progress ${p.filesDone}/${p.filesTotal}`),
});
console.log(`totals ${JSON.stringify(usageTotals())}`);
