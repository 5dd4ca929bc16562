import { eventually } from './waiting';

describe('eventually', () => {
  it('when the condition becomes true, then it resolves', async () => {
    let calls = 0;
    await eventually(async () => ++calls >= 3, 2000);
    expect(calls).toBe(3);
  });

  it('when the condition never becomes true, then it fails after the timeout', async () => {
    await expect(eventually(async () => false, 200)).rejects.toThrow('condition not met within 200 ms');
  });
});
