import { salesStatus } from './sales-status';

const salesOpenAt = new Date('2027-02-01T10:00:00.000Z');
const salesCloseAt = new Date('2027-03-01T10:00:00.000Z');
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('sales status', () => {
  it('when now is before the opening, then NOT_YET_OPEN, up to the last millisecond', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 10 }, ms(salesOpenAt, -1))).toBe('NOT_YET_OPEN');
  });

  it('when now is exactly the opening instant, then OPEN', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 10 }, salesOpenAt)).toBe('OPEN');
  });

  it('when now is one millisecond before the close, then still OPEN', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 1 }, ms(salesCloseAt, -1))).toBe('OPEN');
  });

  it('when now is exactly the closing instant or later, then CLOSED', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 10 }, salesCloseAt)).toBe('CLOSED');
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 10 }, ms(salesCloseAt, 86_400_000))).toBe('CLOSED');
  });

  it('when remaining is 0 inside the window, then SOLD_OUT', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 0 }, salesOpenAt)).toBe('SOLD_OUT');
  });

  it('when remaining is 0 after the close, then CLOSED, and before the opening, then NOT_YET_OPEN', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 0 }, salesCloseAt)).toBe('CLOSED');
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 0 }, ms(salesOpenAt, -1))).toBe('NOT_YET_OPEN');
  });

  it('when the event is cancelled, then CLOSED even inside the window', () => {
    expect(salesStatus({ salesOpenAt, salesCloseAt, remaining: 10, eventCancelled: true }, salesOpenAt)).toBe('CLOSED');
  });
});
