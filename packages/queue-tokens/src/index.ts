export { createQueueTokens, type QueueTicket, type QueueTokens } from './queue-token';
export { admissionOf, type Admission, type WindowStep } from './admission-window';
