import { execFileSync } from "node:child_process";
import path from "node:path";

// The document is generated, not committed: tests read what the route handlers say now.
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/generate-openapi.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
