import { readyBatches } from './ready-batches';

async function* arrivals(...bursts: number[][]): AsyncGenerator<number> {
  for (const burst of bursts) {
    await new Promise((r) => setTimeout(r, 20));
    for (const item of burst) yield item;
  }
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('ready batches', () => {
  it('when items arrive in bursts, then each burst is one batch, cut at the maximum', async () => {
    expect(await collect(readyBatches(arrivals([1, 2, 3, 4, 5], [6], [7, 8]), 3))).toEqual([
      [1, 2, 3],
      [4, 5],
      [6],
      [7, 8],
    ]);
  });

  it('when the maximum is 1, then every item is its own batch', async () => {
    expect(await collect(readyBatches(arrivals([1, 2], [3]), 1))).toEqual([[1], [2], [3]]);
  });

  it('when a batch is being handled, then items that arrive meanwhile form the next batch', async () => {
    const seen: number[][] = [];
    for await (const batch of readyBatches(arrivals([1], [2, 3]), 10)) {
      seen.push(batch);
      if (seen.length === 1) await new Promise((r) => setTimeout(r, 60));
    }
    expect(seen).toEqual([[1], [2, 3]]);
  });

  it('when the source is empty, then there is no batch', async () => {
    expect(await collect(readyBatches(arrivals(), 5))).toEqual([]);
  });
});
