import { GroupCommit } from './group-commit';

interface Gate {
  promise: Promise<void>;
  open(): void;
}
function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** An apply function that records each batch and waits for the test to let it finish. */
function recorder() {
  const batches: Array<{ key: string; items: number[]; gate: Gate }> = [];
  const apply = async (key: string, items: number[]) => {
    const g = gate();
    batches.push({ key, items, gate: g });
    await g.promise;
    return items.map((n) => n * 10);
  };
  return { batches, apply };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('group commit per session', () => {
  it('whenIdleARequestStartsATransactionAtOnce: no fixed wait before the first batch', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 500 });
    const answer = commit.submit('s1', 1);
    await Promise.resolve();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    batches[0]!.gate.open();
    await expect(answer).resolves.toBe(10);
  });

  it('requestsArrivingDuringATransactionShareTheNextOneInArrivalOrder', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 500 });
    const first = commit.submit('s1', 1);
    await tick();
    const answers = [first, ...[2, 3, 4].map((n) => commit.submit('s1', n))];
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    batches[0]!.gate.open();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.gate.open();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40]);
    expect(commit.stats()).toEqual({ batches: 2, requests: 4, largest: 3 });
  });

  it('batchesAreCapped: a long queue is taken in slices of the maximum', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 3 });
    const first = commit.submit('s1', 1);
    await tick();
    const answers = [first, ...[2, 3, 4, 5, 6, 7, 8].map((n) => commit.submit('s1', n))];
    for (let i = 0; i < 4; i++) {
      await tick();
      batches[i]?.gate.open();
    }
    await Promise.all(answers);
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it('groupingOffIsOneRequestPerTransaction: a maximum of 1 never groups', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 1 });
    const answers = [1, 2, 3].map((n) => commit.submit('s1', n));
    for (let i = 0; i < 3; i++) {
      await tick();
      batches[i]?.gate.open();
    }
    await Promise.all(answers);
    expect(batches.map((b) => b.items)).toEqual([[1], [2], [3]]);
  });

  it('requestsSubmittedTogetherGoTogether: the items of one incoming batch share the first transaction', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 500 });
    const answers = [1, 2, 3].map((n) => commit.submit('s1', n));
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);
    batches[0]!.gate.open();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30]);
  });

  it('sessionsDoNotWaitForEachOther: another session starts its own transaction at once', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 500 });
    const a = commit.submit('s1', 1);
    const b = commit.submit('s2', 2);
    await tick();
    expect(batches.map((x) => [x.key, x.items])).toEqual([
      ['s1', [1]],
      ['s2', [2]],
    ]);
    batches[1]!.gate.open();
    await expect(b).resolves.toBe(20);
    batches[0]!.gate.open();
    await expect(a).resolves.toBe(10);
  });

  it('whenATransactionFailsEveryRequestOfItGetsINTERNALAndTheNextBatchStillRuns', async () => {
    let calls = 0;
    const failures: number[][] = [];
    const commit = new GroupCommit(
      async (_key: string, items: number[]) => {
        calls += 1;
        if (calls === 1) {
          await tick();
          throw new Error('connection reset');
        }
        return items.map((n) => n * 10);
      },
      { maxBatch: 500, onFailure: (_error, _key, items) => failures.push(items) },
    );
    const first = commit.submit('s1', 1);
    await tick();
    const second = commit.submit('s1', 2);
    await expect(first).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(second).resolves.toBe(20);
    await expect(commit.submit('s1', 3)).resolves.toBe(30);
    expect(failures).toEqual([[1]]);
  });

  it('whenACallFailsWithAnErrorForCallers, then failureFor passes it to every request of the batch', async () => {
    const unavailable = { code: 'SERVICE_UNAVAILABLE' };
    const commit = new GroupCommit<number, number>(
      async () => {
        await tick();
        throw new Error('connection refused');
      },
      { maxBatch: 10, failureFor: () => unavailable },
    );
    const answers = [1, 2].map((n) => commit.submit('s1', n).catch((error: unknown) => error));
    await expect(Promise.all(answers)).resolves.toEqual([unavailable, unavailable]);
  });

  it('whenAskedToGoIdle, then it resolves once every queued request is answered', async () => {
    const { batches, apply } = recorder();
    const commit = new GroupCommit(apply, { maxBatch: 500 });
    const first = commit.submit('s1', 1);
    await tick();
    const answers = [first, commit.submit('s1', 2)];
    let idle = false;
    const waiting = commit.idle().then(() => (idle = true));
    await tick();
    batches[0]!.gate.open();
    await tick();
    expect(idle).toBe(false);
    batches[1]!.gate.open();
    await waiting;
    expect(idle).toBe(true);
    await Promise.all(answers);
  });
});
