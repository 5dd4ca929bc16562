// CPU time used by processes, from /proc (Linux): to say where a benchmark's time went.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat; after the ") " split they are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

const total = (pids) => pids.reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0);

/** Process ids of a server program by its exact name (e.g. every PostgreSQL backend). */
export function pidsNamed(name) {
  try {
    return execFileSync('pgrep', ['-x', name], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Snapshots the CPU time of named groups of processes; `report(n)` gives milliseconds of CPU per
 * unit of work since the snapshot, per group. Processes that exit meanwhile are counted as 0.
 */
export function cpuMeter(groups) {
  const start = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, total(pids)]));
  return {
    report(units) {
      return Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => [name, Number(((total(pids) - start[name]) / units).toFixed(3))]),
      );
    },
  };
}
