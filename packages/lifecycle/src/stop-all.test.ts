import { stopAll } from './index';

describe('stopAll', () => {
  it('when every step succeeds, then they run in the given order', async () => {
    const order: string[] = [];
    await stopAll([
      ['grpc', () => order.push('grpc')],
      ['orm', async () => order.push('orm')],
    ]);
    expect(order).toEqual(['grpc', 'orm']);
  });

  it('when a step fails, then later steps still run and the failure is reported by name', async () => {
    const order: string[] = [];
    await expect(
      stopAll([
        [
          'grpc',
          () => {
            throw new Error('boom');
          },
        ],
        ['orm', () => order.push('orm')],
      ]),
    ).rejects.toThrow('stopping grpc failed: boom');
    expect(order).toEqual(['orm']);
  });
});
