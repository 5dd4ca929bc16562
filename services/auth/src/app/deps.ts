import type { MikroORM } from '@mikro-orm/postgresql';
import type { AccessTokenSigner } from '../crypto/access-token-signer';
import type { PasswordHasher } from '../crypto/password-hasher';
import type { LoginThrottle } from '../redis/login-throttle';

export interface AuthSettings {
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  serviceTokenTtlSec: number;
  serviceTokenSecret: string;
}

/** What the use cases need from the outside world; app.ts builds it, tests may build their own. */
export interface AuthDeps {
  orm: MikroORM;
  passwords: PasswordHasher;
  signer: AccessTokenSigner;
  throttle: LoginThrottle;
  settings: AuthSettings;
}
