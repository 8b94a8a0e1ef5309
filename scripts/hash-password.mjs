// `node scripts/hash-password.mjs`: prints the scrypt hash of a password for
// CONSOLE_ADMIN_PASSWORD_HASH / CONSOLE_VIEWER_PASSWORD_HASH. Reads the password from stdin
// (so it stays out of the shell history); prompts when run in a terminal.
import { createInterface } from "node:readline/promises";
import { hashPassword } from "../lib/runtime/password.mjs";

async function readPassword() {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, "");
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const password = await rl.question("Password (min. 12 characters): ");
  rl.close();
  return password;
}

const password = await readPassword();
if (password.length < 12) {
  console.error("The password must have at least 12 characters.");
  process.exit(1);
}
console.log(await hashPassword(password));
