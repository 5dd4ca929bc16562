import { priceViolations } from './session-rules';
import { checkText, type Violation } from './violations';

export const SEAT_LIMITS = { maxSeats: 10_000, label: 20, section: 20 } as const;

export interface SeatDraft {
  label: string;
  section: string;
  /** Null: the session's price applies. */
  priceMinor: number | null;
}

/**
 * Checks a seat map and trims its labels. Labels are unique within a session regardless of case
 * and surrounding spaces: "a1" and "A1 " on one ticket would send two buyers to one seat.
 */
export function cleanSeatMap(seats: SeatDraft[]): { seats: SeatDraft[]; violations: Violation[] } {
  const violations: Violation[] = [];
  if (seats.length < 1 || seats.length > SEAT_LIMITS.maxSeats) {
    violations.push({ field: 'seats', message: `must hold between 1 and ${SEAT_LIMITS.maxSeats} seats` });
    return { seats: [], violations };
  }
  const firstIndexOf = new Map<string, number>();
  const cleaned = seats.map((seat, index) => {
    const label = seat.label.trim();
    const section = seat.section.trim();
    checkText(`seats[${index}].label`, label, 1, SEAT_LIMITS.label, violations);
    checkText(`seats[${index}].section`, section, 0, SEAT_LIMITS.section, violations);
    if (seat.priceMinor !== null) priceViolations(`seats[${index}].price`, seat.priceMinor, violations);
    const key = label.toLowerCase();
    const first = firstIndexOf.get(key);
    if (label && first !== undefined) {
      violations.push({ field: `seats[${index}].label`, message: `"${label}" is already used by seats[${first}]` });
    } else {
      firstIndexOf.set(key, index);
    }
    return { label, section, priceMinor: seat.priceMinor };
  });
  return { seats: cleaned, violations };
}
