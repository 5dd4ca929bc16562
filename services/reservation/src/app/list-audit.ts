import {
  AuditQueryInvalid,
  readAuditPage,
  type AuditPage,
  type AuditPageRequest,
  type EntityManager,
} from '@ticketing/db';
import { AppError } from '@ticketing/errors';

/** This service's audit trail, newest first; who may read it is the handler's access rule (ADMIN). */
export async function listAudit(em: EntityManager, request: AuditPageRequest): Promise<AuditPage> {
  try {
    return await readAuditPage(em, request);
  } catch (error) {
    if (error instanceof AuditQueryInvalid) throw new AppError('INVALID_ARGUMENT', error.message);
    throw error;
  }
}
