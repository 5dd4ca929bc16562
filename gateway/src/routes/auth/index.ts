import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { authV1 } from '@ticketing/contracts';
import { errorAnswers, NoContent } from '../schemas';
import { Credentials, Jwks, RefreshBody, SignUpResponse, Tokens, User } from './schemas';

function toTokens(answer: authV1.LogInResponse__Output | authV1.RefreshResponse__Output) {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresIn: answer.expiresIn,
    tokenType: 'Bearer' as const,
  };
}

export default async function authRoutes(app: FastifyInstance) {
  app.post<{ Body: Static<typeof Credentials> }>(
    '/api/auth/signup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        body: Credentials,
        response: { 201: SignUpResponse, ...errorAnswers({ access: 'public', body: true }, 409) },
      },
    },
    async (request, reply) => {
      const answer = await app.upstream<authV1.SignUpResponse__Output>('auth', 'signUp', request.body, request);
      return reply.code(201).send({ id: answer.user!.id, email: answer.user!.email });
    },
  );

  app.post<{ Body: Static<typeof Credentials> }>(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in for an access and a refresh token',
        body: Credentials,
        response: { 200: Tokens, ...errorAnswers({ access: 'public', body: true }, 401) },
      },
    },
    async (request) => {
      const body = { ...request.body, clientAddress: request.ip };
      return toTokens(await app.upstream<authV1.LogInResponse__Output>('auth', 'logIn', body, request));
    },
  );

  app.post<{ Body: Static<typeof RefreshBody> }>(
    '/api/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token',
        body: RefreshBody,
        response: { 200: Tokens, ...errorAnswers({ access: 'public', body: true }, 401) },
      },
    },
    async (request) => {
      const body = { refreshToken: request.body.refreshToken, clientAddress: request.ip };
      return toTokens(await app.upstream<authV1.RefreshResponse__Output>('auth', 'refresh', body, request));
    },
  );

  app.post<{ Body: Static<typeof RefreshBody> }>(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke the session of a refresh token',
        body: RefreshBody,
        response: {
          204: NoContent('Signed out: the session of this refresh token is revoked'),
          ...errorAnswers({ access: 'public', body: true }),
        },
      },
    },
    async (request, reply) => {
      await app.upstream('auth', 'logOut', request.body, request);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        security: [{ bearerAuth: [] }],
        response: { 200: User, ...errorAnswers({ access: 'user' }, 404) },
      },
    },
    async (request) => (await app.upstream<authV1.GetMeResponse__Output>('auth', 'getMe', {}, request)).user,
  );

  app.get(
    '/.well-known/jwks.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Public keys that verify access tokens',
        response: {
          200: { description: 'JWK set', content: { 'application/jwk-set+json': { schema: Jwks } } },
          ...errorAnswers({ access: 'public' }),
        },
      },
    },
    async (request, reply) => {
      const answer = await app.upstream<authV1.GetJwksResponse__Output>('auth', 'getJwks', {}, request);
      return reply
        .header('cache-control', 'public, max-age=300')
        .type('application/jwk-set+json')
        .send(answer.jwksJson);
    },
  );
}
