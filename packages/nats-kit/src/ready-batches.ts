const NOT_YET = Symbol('not yet');

/** Resolves after the pending microtasks, i.e. after anything the source already holds has been handed over. */
const nextTurn = () => new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)));

/**
 * Groups an async source into batches without waiting to fill them: a batch is the next item
 * plus whatever the source already holds, up to `max`. An item that comes alone goes alone, at once.
 */
export async function* readyBatches<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  // Always one read outstanding: a read that was not ready in time is kept for the next batch, never dropped.
  let next = iterator.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    const batch = [first.value];
    next = iterator.next();
    while (batch.length < max) {
      const ready = await Promise.race([next, nextTurn()]);
      if (ready === NOT_YET || ready.done) break;
      batch.push(ready.value);
      next = iterator.next();
    }
    yield batch;
  }
}
