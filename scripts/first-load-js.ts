// Prints every page's first-load JavaScript after `npm run build`: the files Next.js lists for the route in
// .next/diagnostics/route-bundle-stats.json, each compressed with gzip -9, summed. The budget is 150 kB per page
// (e2e/pages-quality.spec.ts measures the same in a browser). `npx tsx scripts/first-load-js.ts [--files]`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 150_000;
const root = process.cwd();
const stats = JSON.parse(readFileSync(path.join(root, ".next/diagnostics/route-bundle-stats.json"), "utf8")) as {
  route: string;
  firstLoadChunkPaths: string[];
}[];
const showFiles = process.argv.includes("--files");
const gzipped = new Map<string, number>();
const sizeOf = (file: string) => {
  let size = gzipped.get(file);
  if (size === undefined) gzipped.set(file, (size = gzipSync(readFileSync(path.join(root, file)), { level: 9 }).length));
  return size;
};

let over = false;
for (const { route, firstLoadChunkPaths } of stats) {
  const total = firstLoadChunkPaths.reduce((sum, file) => sum + sizeOf(file), 0);
  over ||= total >= BUDGET;
  console.log(`${route.padEnd(12)} ${(total / 1000).toFixed(1).padStart(6)} kB  (${(total / 1024).toFixed(1)} KiB, ${firstLoadChunkPaths.length} files)${total >= BUDGET ? "  over budget" : ""}`);
  if (showFiles) for (const file of firstLoadChunkPaths) console.log(`    ${(sizeOf(file) / 1000).toFixed(1).padStart(6)} kB  ${file}`);
}
process.exitCode = over ? 1 : 0;
