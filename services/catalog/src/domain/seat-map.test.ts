import { cleanSeatMap, type SeatDraft } from './seat-map';

const seat = (label: string, extra: Partial<SeatDraft> = {}): SeatDraft => ({
  label,
  section: '',
  priceMinor: null,
  ...extra,
});

describe('seat map', () => {
  it('when labels are padded, then they are trimmed and the map is accepted', () => {
    expect(cleanSeatMap([seat(' A1 ', { section: ' VIP ' }), seat('A2', { priceMinor: 150000 })])).toEqual({
      seats: [seat('A1', { section: 'VIP' }), seat('A2', { priceMinor: 150000 })],
      violations: [],
    });
  });

  it('when a label is empty or only spaces, then that seat is named', () => {
    expect(cleanSeatMap([seat('A1'), seat('  ')]).violations).toEqual([
      { field: 'seats[1].label', message: 'must not be empty' },
    ]);
  });

  it('when a label is used twice, also in another case, then the second is named with the first', () => {
    expect(cleanSeatMap([seat('A1'), seat('A2'), seat('a1 ')]).violations).toEqual([
      { field: 'seats[2].label', message: '"a1" is already used by seats[0]' },
    ]);
  });

  it('when a label is longer than 20 characters, then it is a violation', () => {
    expect(cleanSeatMap([seat('x'.repeat(20))]).violations).toEqual([]);
    expect(cleanSeatMap([seat('x'.repeat(21))]).violations).toEqual([
      { field: 'seats[0].label', message: 'must be at most 20 characters' },
    ]);
  });

  it('when the map is empty or has more than 10,000 seats, then seats is a violation', () => {
    expect(cleanSeatMap([]).violations).toEqual([{ field: 'seats', message: 'must hold between 1 and 10000 seats' }]);
    const many = Array.from({ length: 10_001 }, (_, i) => seat(`S${i}`));
    expect(cleanSeatMap(many).violations).toEqual([{ field: 'seats', message: 'must hold between 1 and 10000 seats' }]);
    expect(cleanSeatMap(many.slice(0, 10_000)).violations).toEqual([]);
  });

  it('when a seat has a negative price, then its price is named', () => {
    expect(cleanSeatMap([seat('A1', { priceMinor: -100 })]).violations).toEqual([
      { field: 'seats[0].price', message: expect.any(String) },
    ]);
  });
});
