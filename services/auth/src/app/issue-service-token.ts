import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import { secretsEqual } from '../crypto/opaque-token';
import { isValidServiceName, serviceSubject } from '../domain/service-name';
import { signAccessToken } from './access-token';
import type { AuthDeps } from './deps';

export interface IssueServiceTokenInput {
  serviceName: string;
  secret: string;
}

export interface ServiceToken {
  accessToken: string;
  expiresIn: number;
}

export async function issueServiceToken(
  deps: Pick<AuthDeps, 'orm' | 'signer' | 'settings'>,
  input: IssueServiceTokenInput,
  log: Logger,
): Promise<ServiceToken> {
  // The secret first: a caller without it learns nothing else, not even what a good name looks like.
  if (!secretsEqual(input.secret, deps.settings.serviceTokenSecret)) {
    log.warn({ action: 'service_token', outcome: 'INVALID_CREDENTIALS' }, 'service token refused');
    throw new AppError('INVALID_CREDENTIALS', 'service credentials are not valid');
  }
  if (!isValidServiceName(input.serviceName)) {
    throw new AppError('INVALID_ARGUMENT', 'serviceName must match ^[a-z][a-z0-9-]{1,30}$', { field: 'serviceName' });
  }
  const ttl = deps.settings.serviceTokenTtlSec;
  const accessToken = await signAccessToken(
    deps,
    deps.orm.em.fork(),
    { subject: serviceSubject(input.serviceName), roles: ['SERVICE'] },
    ttl,
  );
  log.info({ action: 'service_token', outcome: 'ok', serviceName: input.serviceName }, 'service token issued');
  return { accessToken, expiresIn: ttl };
}
