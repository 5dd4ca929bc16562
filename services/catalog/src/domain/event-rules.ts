import { checkText, type Violation } from './violations';

export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
export const EVENT_STATUSES: readonly EventStatus[] = ['DRAFT', 'PUBLISHED', 'CANCELLED'];

export const EVENT_LIMITS = { title: 200, description: 5000, venue: 200 } as const;

export interface EventFields {
  title?: string;
  description?: string;
  venue?: string;
}

/**
 * Trims what a person typed (a title of spaces is empty) and checks the bounds the database
 * also enforces. Absent fields are not checked: updates only send what changes.
 */
export function cleanEventFields(fields: EventFields): { value: EventFields; violations: Violation[] } {
  const violations: Violation[] = [];
  const value: EventFields = {};
  if (fields.title !== undefined) {
    value.title = fields.title.trim();
    checkText('title', value.title, 1, EVENT_LIMITS.title, violations);
  }
  if (fields.description !== undefined) {
    value.description = fields.description.trim();
    checkText('description', value.description, 0, EVENT_LIMITS.description, violations);
  }
  if (fields.venue !== undefined) {
    value.venue = fields.venue.trim();
    checkText('venue', value.venue, 1, EVENT_LIMITS.venue, violations);
  }
  return { value, violations };
}

/** A new event starts as a draft or goes live at once; it cannot be born cancelled. */
export function initialStatusViolation(status: EventStatus): Violation | null {
  return status === 'CANCELLED' ? { field: 'status', message: 'a new event is DRAFT or PUBLISHED' } : null;
}

/**
 * Why a status change is refused, or null. Cancelling is final: buyers were told the show is
 * off, so it cannot quietly come back on sale.
 */
export function statusChangeConflict(from: EventStatus, to: EventStatus): string | null {
  if (from === 'CANCELLED' && to !== 'CANCELLED') return 'a cancelled event cannot be reopened';
  return null;
}
