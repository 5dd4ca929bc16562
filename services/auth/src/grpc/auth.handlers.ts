import type { authV1 } from '@ticketing/contracts';
import type { CallContext, MethodSpec } from '@ticketing/grpc-kit';
import type { AuthDeps } from '../app/deps';
import { auditHandlers } from '@ticketing/audit';
import { getJwks } from '../app/get-jwks';
import { getMe } from '../app/get-me';
import { issueServiceToken } from '../app/issue-service-token';
import { logIn } from '../app/log-in';
import { logOut } from '../app/log-out';
import { refreshSession } from '../app/refresh-session';
import { signUp } from '../app/sign-up';
import type { UserView } from '../app/user-view';

function toProtoUser(user: UserView): authV1.User {
  return { id: user.id, email: user.email, roles: user.roles, createdAt: user.createdAt.toISOString() };
}

/** Thin handlers: proto in, use case, proto out. Access rules are declared here, next to each method. */
export function authHandlers(deps: AuthDeps): Record<string, MethodSpec> {
  return {
    ...auditHandlers(deps.orm),
    signUp: {
      access: 'public',
      handle: async (request: authV1.SignUpRequest__Output, context: CallContext): Promise<authV1.SignUpResponse> => ({
        user: toProtoUser(await signUp(deps, request, context.logger)),
      }),
    },
    logIn: {
      access: 'public',
      handle: (request: authV1.LogInRequest__Output, context: CallContext): Promise<authV1.LogInResponse> =>
        logIn(deps, request, context.logger),
    },
    refresh: {
      access: 'public',
      handle: (request: authV1.RefreshRequest__Output, context: CallContext): Promise<authV1.RefreshResponse> =>
        refreshSession(deps, request, context.logger),
    },
    // Public: holding the refresh token is what entitles a caller to end its session, even after
    // the access token has expired. Revoking can only take access away, never grant it.
    logOut: {
      access: 'public',
      handle: async (request: authV1.LogOutRequest__Output, context: CallContext): Promise<authV1.LogOutResponse> => {
        await logOut(deps, request, context.logger);
        return {};
      },
    },
    getMe: {
      access: 'authenticated',
      handle: async (_request: authV1.GetMeRequest__Output, context: CallContext): Promise<authV1.GetMeResponse> => ({
        // 'authenticated' guarantees a verified principal before the handler runs.
        user: toProtoUser(await getMe(deps, context.principal!)),
      }),
    },
    getJwks: {
      access: 'public',
      handle: async (): Promise<authV1.GetJwksResponse> => {
        const keys = await getJwks(deps);
        return { jwksJson: JSON.stringify({ keys }), keys: keys.map((key) => ({ ...key, y: key.y ?? '' })) };
      },
    },
    issueServiceToken: {
      access: 'public',
      handle: (
        request: authV1.IssueServiceTokenRequest__Output,
        context: CallContext,
      ): Promise<authV1.IssueServiceTokenResponse> => issueServiceToken(deps, request, context.logger),
    },
  };
}
