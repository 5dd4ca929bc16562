import { z } from 'zod';

/** Thrown at start-up when the environment is unusable; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the variables a process needs, once, at boot.
 * Keys of `shape` are the environment variable names, so messages name exactly what to fix.
 */
export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const raw = source[key];
    // An empty variable is treated as unset, so `FOO=` falls back to the default instead of failing oddly.
    input[key] = raw === '' ? undefined : raw;
  }
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(root)';
      const value = source[name];
      const shown = value === undefined || value === '' ? 'unset' : `got "${redact(name, value)}"`;
      return `${name}: ${issue.message} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  return parsed.data;
}

function redact(name: string, value: string): string {
  return /SECRET|PASSWORD|KEY|TOKEN/i.test(name) ? '***' : value;
}
