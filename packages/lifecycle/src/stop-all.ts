/**
 * Runs stop steps in order (callers pass them in reverse of start-up), continuing past failures
 * so one stuck resource never leaves the others open. Throws the first error at the end.
 */
export async function stopAll(steps: Array<[name: string, stop: () => Promise<unknown> | unknown]>): Promise<void> {
  let firstError: unknown;
  for (const [name, stop] of steps) {
    try {
      await stop();
    } catch (error) {
      firstError ??= new Error(`stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (firstError) throw firstError;
}
