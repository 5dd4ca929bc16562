import {
  allowanceRefusal,
  salesWindowRefusal,
  seatingRefusal,
  stockRefusal,
  type SaleFacts,
  type SelectionKind,
} from './hold-rules';
import type { Refusal } from './refusal';
import { holdFrom, type StockCounters } from './stock-counters';

export interface HoldAsk {
  userId: string;
  /** Tickets asked for: the quantity, or the number of seats. */
  quantity: number;
  selection: SelectionKind;
}

/**
 * The state one batch transaction decides against: the session's counters and each user's
 * ACTIVE + SOLD tickets, as locked at its start. Asks are checked in arrival order and only
 * those that pass are taken, so each sees exactly what the earlier ones left.
 */
export class HoldLedger {
  private current: StockCounters;
  private readonly usage: Map<string, number>;
  private takenSoFar = 0;

  constructor(counters: StockCounters, usage: ReadonlyMap<string, number>) {
    this.current = { ...counters };
    this.usage = new Map(usage);
  }

  /**
   * Seating first (an ask of the wrong kind is wrong whatever the sale's state), then the window
   * (a closed sale says so whatever is left), then the per-user limit, then stock.
   */
  refusal(ask: HoldAsk, facts: SaleFacts, now: Date): Refusal | null {
    return (
      seatingRefusal(ask.selection, facts) ??
      salesWindowRefusal(facts, now) ??
      allowanceRefusal(this.usageOf(ask.userId), ask.quantity) ??
      stockRefusal(this.current.available, ask.quantity)
    );
  }

  take(ask: HoldAsk): void {
    this.current = holdFrom(this.current, ask.quantity);
    this.usage.set(ask.userId, this.usageOf(ask.userId) + ask.quantity);
    this.takenSoFar += ask.quantity;
  }

  usageOf(userId: string): number {
    return this.usage.get(userId) ?? 0;
  }

  get counters(): StockCounters {
    return { ...this.current };
  }

  /** Tickets taken by this batch so far. */
  get taken(): number {
    return this.takenSoFar;
  }
}
