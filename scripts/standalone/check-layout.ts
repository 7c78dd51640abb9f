import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { layOutRuntime, removeEnvFiles, type RuntimeLayout } from "./lay-out-runtime";
import type { Stage } from "./parse-dockerfile";
import type { Reporter } from "./reporter";

/** Lays the runtime stage out under `rootfs` and checks what landed there; undefined when it could not. */
export async function layOutAndCheck({ stages, repoRoot, rootfs, reporter }: { stages: Stage[]; repoRoot: string; rootfs: string; reporter: Reporter }): Promise<RuntimeLayout | undefined> {
  const layout = await reporter.check("layout: the runtime stage's COPY lines, into a scratch folder", () => {
    const laidOut = layOutRuntime({ stages, repoRoot, rootfs });
    const removed = removeEnvFiles({ workdir: laidOut.workdir });
    if (removed.length) reporter.info(`removed ${removed.join(", ")} that Next.js copied from this folder (.dockerignore keeps them out of the image)`);
    return laidOut;
  }, (laidOut) => laidOut.copied.join(", "));
  if (layout) checkLayout({ layout, reporter });
  return layout;
}

function checkLayout({ layout, reporter }: { layout: RuntimeLayout; reporter: Reporter }): void {
  const allowed = new Set([".next", "node_modules", "drizzle", "public", "package.json", "server.js", "cluster.mjs"]);
  const entries = readdirSync(layout.workdir);
  const extra = entries.filter((entry) => !allowed.has(entry));
  if (extra.length) reporter.fail("layout: only runtime files", `unexpected: ${extra.join(", ")}`);
  else reporter.pass("layout: only runtime files", entries.join(", "));
  const needed = [
    "server.js",
    "cluster.mjs",
    ".next/BUILD_ID",
    ".next/server/instrumentation.js",
    "drizzle/meta/_journal.json",
    "node_modules/@electric-sql/pglite/dist/pglite.wasm",
    "node_modules/@electric-sql/pglite/dist/pglite.data",
    "node_modules/@electric-sql/pglite/dist/initdb.wasm",
    "node_modules/pino/package.json",
  ];
  const missing = needed.filter((file) => !existsSync(path.join(layout.workdir, file)));
  if (missing.length) reporter.fail("layout: the server's run-time files are traced", `missing: ${missing.join(", ")}`);
  else reporter.pass("layout: the server's run-time files are traced", "instrumentation, migrations, PGlite wasm/data, pino");
  const staticFiles = existsSync(path.join(layout.workdir, ".next/static")) ? readdirSync(path.join(layout.workdir, ".next/static")).length : 0;
  if (!staticFiles) reporter.fail("layout: .next/static is in place", "empty or missing");
  const size = execFileSync("du", ["-sm", layout.workdir], { encoding: "utf8" }).split("\t")[0];
  reporter.info(`runtime files: ${size} MB on top of the base image`);
}

/** A file under `dir` as a URL path, or undefined when there is none. */
export function firstFile(dir: string, prefix = ""): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile()) return `${prefix}/${encodeURIComponent(entry.name)}`;
    if (entry.isDirectory()) {
      const nested = firstFile(path.join(dir, entry.name), `${prefix}/${encodeURIComponent(entry.name)}`);
      if (nested) return nested;
    }
  }
  return undefined;
}
