import type { FastifyReply } from 'fastify';

export const sessionCookieName = 'proxidom_session';

export function setSessionCookie(reply: FastifyReply, token: string, ttlMs: number, secure: boolean): void {
  reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
