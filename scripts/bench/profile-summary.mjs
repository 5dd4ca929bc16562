// Summarises V8 .cpuprofile files written by `npm run bench:hold -- --profile`, keeping only the
// samples inside a time window (the firing phase the bench prints), so start-up and the
// sign-up phase do not drown the hot path. Usage:
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [--from-us N --to-us N] [--top 40]
// Both V8's profile clock and process.hrtime are CLOCK_MONOTONIC on Linux, so the bench's
// window applies to every process's profile.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'from-us': { type: 'string' }, 'to-us': { type: 'string' }, top: { type: 'string', default: '40' } },
});
const from = values['from-us'] ? Number(values['from-us']) : -Infinity;
const to = values['to-us'] ? Number(values['to-us']) : Infinity;

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  let time = profile.startTime;
  let kept = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i];
    if (time < from || time > to) return;
    const node = byId.get(id);
    const name = label(node);
    if (node.callFrame.functionName === '(idle)') return void idle++;
    kept++;
    self.set(name, (self.get(name) ?? 0) + 1);
    // Inclusive: every distinct frame on the stack once.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = label(byId.get(at));
      if (seen.has(frame)) continue;
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + 1);
      seen.add(frame);
    }
  });
  console.log(`\n== ${file}: ${kept} busy samples, ${idle} idle`);
  print('self', self, kept);
  print('inclusive', inclusive, kept);
}

function label(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? url.replace(/^.*node_modules\//, '~/').replace(/^.*\/work\/main\//, '') : '';
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}

function print(title, counts, total) {
  console.log(`-- ${title}`);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [name, n] of top) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`);
}
