// npx tsx bench/summarize-profile.ts <file.cpuprofile> [rows] – where a V8 CPU profile (node --cpu-prof) spent
// its time: self time per script (the framework, the driver, the query builder, …) and per native function.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(profile: CpuProfile, rows = 25): string[] {
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    // Bundled chunks and node_modules paths, shortened to what they are; natives by name.
    const place = url ? url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules|\.next)\//, "$1/") : `(${functionName || "native"})`;
    byPlace.set(place, (byPlace.get(place) ?? 0) + (selfMicros.get(node.id) ?? 0));
  }
  const total = [...byPlace.values()].reduce((sum, value) => sum + value, 0);
  const idle = byPlace.get("((idle))") ?? 0;
  const busy = total - idle;
  return [
    `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms`,
    ...[...byPlace]
      .filter(([place]) => place !== "((idle))")
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([place, micros]) => `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${place}`),
  ];
}

if (process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], "utf8")) as CpuProfile;
  console.log(summarizeProfile(profile, Number(process.argv[3] ?? 25)).join("\n"));
}
