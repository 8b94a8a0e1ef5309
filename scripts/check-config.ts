// Checks the console's configuration (lib/runtime/env.ts) without starting anything: prints why it is
// invalid and exits 78 (EX_CONFIG), as the server itself does at start-up. `npm run demo` runs it
// before the emulator starts and the build runs, so a wrong setting costs seconds, not a build.
import { parseServerEnv } from "@/lib/runtime/env";

try {
  parseServerEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(78);
}
