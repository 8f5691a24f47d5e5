// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by where the code
// lives (a package, the apps' server builds, our packages, Node itself).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The largest profile in `dir` (the server's; tsx's own parent process writes a small one too). */
export function largestProfile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(dir, name));
  files.sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0] ?? null;
}

/** Where a frame's code lives, for grouping. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node (internals)";
  const clean = url.replace(/^file:\/\//, "");
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (plain) return plain[1]!;
  const app = /apps\/(workspace|portal)\/build\/server/.exec(clean);
  if (app) return `${app[1]} server build (bundled app + @ordinavo/* + deps)`;
  const ours = /(packages|apps)\/([^/]+)\//.exec(clean);
  if (ours) return `@ordinavo/${ours[2]} (source)`;
  return clean;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; where: string; ms: number }[];
  byModule: { module: string; ms: number }[];
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const name = frame.functionName || "(anonymous)";
    const where = frame.url
      ? `${frame.url.replace(/^file:\/\//, "").replace(/^.*?\/(apps|packages|node_modules)\//, "$1/")}:${frame.lineNumber + 1}`
      : "";
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    const module = moduleOf(frame.url, name);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
  }
  return {
    totalMs: total / 1000,
    byFunction: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, where, us }) => ({ name, where, ms: us / 1000 })),
    byModule: [...byModule.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000 })),
  };
}
