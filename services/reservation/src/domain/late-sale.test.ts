import { lateSaleRefusal, type LateSaleFacts } from './late-sale';

const now = new Date('2026-12-01T10:00:00Z');
const facts: LateSaleFacts = {
  eventStatus: 'PUBLISHED',
  startAt: new Date('2026-12-03T19:00:00Z'),
  withdrawn: false,
  available: 5,
  alreadyTaken: 0,
  quantity: 2,
};

describe('a payment that succeeds after its hold ended', () => {
  it('when stock is left and the buyer stays within the limit, then the sale is honoured', () => {
    expect(lateSaleRefusal(facts, now)).toBeNull();
    expect(lateSaleRefusal({ ...facts, available: 2, alreadyTaken: 2 }, now)).toBeNull();
  });

  it('when too little stock is left, then it is refused with the stock codes', () => {
    expect(lateSaleRefusal({ ...facts, available: 1 }, now)).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(lateSaleRefusal({ ...facts, available: 0 }, now)).toMatchObject({ code: 'SOLD_OUT' });
  });

  it('when the buyer would pass 4 tickets in the session, then it is refused', () => {
    expect(lateSaleRefusal({ ...facts, alreadyTaken: 3 }, now)).toMatchObject({ code: 'PER_USER_LIMIT_EXCEEDED' });
  });

  it('when the event is cancelled, the session withdrawn or already started, then it is refused', () => {
    expect(lateSaleRefusal({ ...facts, eventStatus: 'CANCELLED' }, now)).toMatchObject({ code: 'SALES_CLOSED' });
    expect(lateSaleRefusal({ ...facts, withdrawn: true }, now)).toMatchObject({ code: 'SALES_CLOSED' });
    expect(lateSaleRefusal({ ...facts, startAt: now }, now)).toMatchObject({ code: 'SALES_CLOSED' });
  });
});
