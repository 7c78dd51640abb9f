// The bench's report: the machine, the results table, the targets met or not, written into bench/RESULTS.md
// between its bench markers; and the summary of a CPU profile.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { LoadResult } from "./load";
import { type ScaleResult, scaleReport } from "./scale";
import { CODE_REQUESTS, SATURATING } from "./scenarios";
import { summarizeProfile } from "./summarize-profile";

export async function describeMachine({ sql, node, duration }: { sql: postgres.Sql; node: string; duration: number }): Promise<string[]> {
  const [{ version }] = (await sql<{ version: string }[]>`select version()`) as unknown as [{ version: string }];
  const cpus = os.cpus();
  return [
    `Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`,
    `Server on Node.js ${execFileSync(node, ["--version"]).toString().trim()} (the image's), load generator (autocannon) on Node.js ${process.version}; ${version.split(",")[0]}`,
    `Per autocannon run: ${duration} s (activations: a fixed number of requests, one fresh account each), after a 3 s warm-up of the profile`,
  ];
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** The report's lines: the machine, every result, the targets, the scale scenarios. */
export function reportLines(results: LoadResult[], machine: string[], scaleResults: ScaleResult[]): string[] {
  const find = (prefix: string, connections: number) => {
    const found = results.find((result) => result.name.startsWith(prefix) && result.connections === connections);
    if (!found) throw new Error(`no result for ${prefix} at ${connections}`);
    return found;
  };
  const profile = find("GET /api/v1/profile", SATURATING);
  const bare = find("bare", SATURATING);
  const burst = find("POST /api/v1/auth/code", CODE_REQUESTS) as LoadResult & { wallMs?: number };
  const stats = find("GET /api/v1/admin/stats", 4);
  const rss = Math.max(...results.filter((result) => result !== bare).map((result) => result.rssMb));
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  const p50 = (result: LoadResult): [string, boolean] => [`${ms(result.p50)} ms`, result.p50 < 20];
  const targets: [string, [string, boolean]][] = [
    ["profile ≥ 0.5× the bare handler (64 connections)", [`${(profile.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}×`, profile.requestsPerSecond >= 0.5 * bare.requestsPerSecond]],
    ["profile p99 < 50 ms (64 connections)", [`${ms(profile.p99)} ms`, profile.p99 < 50]],
    ["1,000 code requests at once done in < 3 s", [`${((burst.wallMs ?? 0) / 1000).toFixed(2)} s, ${burst.errors} errors`, (burst.wallMs ?? Infinity) < 3000 && burst.errors === 0]],
    ["profile p50 < 20 ms (one request at a time)", p50(find("GET /api/v1/profile", 1))],
    ["invitee page p50 < 20 ms (one request at a time)", p50(find("GET /api/v1/profile/invitees", 1))],
    ["activation p50 < 20 ms (one request at a time, new accounts)", p50(find("POST /api/v1/profile/invite-code, new", 1))],
    ["activation p50 < 20 ms (one request at a time, 1,000-step loop check)", p50(find("POST /api/v1/profile/invite-code, accounts", 1))],
    ["admin stats < 200 ms (p99)", [`${ms(stats.p99)} ms`, stats.p99 < 200]],
    ["server RSS < 300 MB (peak over every run)", [`${rss.toFixed(0)} MB`, rss < 300]],
    ["no errors (every answer as expected)", [`${errors}`, errors === 0]],
  ];
  return [
    ...machine.map((line) => `- ${line}`),
    "",
    "| Scenario | Connections | Requests | Requests/s | p50 ms | p99 ms | Errors | Server RSS (peak) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...results.map(
      (r) => `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${r.connections} | ${r.requests.toLocaleString("en")} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${r.rssMb.toFixed(0)} MB |`,
    ),
    "",
    "| Target | Measured | Met |",
    "|---|--:|:-:|",
    ...targets.map(([target, [measured, met]]) => `| ${target} | ${measured} | ${met ? "yes" : "**no**"} |`),
    "",
    ...scaleReport(scaleResults),
  ];
}

/** Puts the lines between the bench markers of `file` (bench/RESULTS.md), creating it when missing. */
export function writeResults(file: string, lines: string[]): void {
  const block = `<!-- bench:begin (written by npm run bench) -->\n${lines.join("\n")}\n<!-- bench:end -->`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n\n<!-- bench:begin -->\n<!-- bench:end -->\n";
  writeFileSync(file, current.replace(/<!-- bench:begin[^]*?<!-- bench:end -->/, block));
}

/** The newest CPU profile of `folder`, summarized by script (BENCH_CPU_PROFILE=1). */
export function printProfileSummary(folder: string, log: (line: string) => void): void {
  const newest = readdirSync(folder)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(folder, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return log(`no CPU profile in ${folder}`);
  log(`CPU profile ${path.relative(path.resolve(__dirname, ".."), newest)}; self time by script:`);
  console.log(summarizeProfile(JSON.parse(readFileSync(newest, "utf8")) as Parameters<typeof summarizeProfile>[0]).join("\n"));
}
