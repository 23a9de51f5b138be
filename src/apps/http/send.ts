/**
 * Handlers send bytes they made themselves (JSON text, PDF bytes). The route schemas type the
 * payload as the documented object, so this one helper widens the reply to any payload.
 */
import type { FastifyReply } from 'fastify';

export function sendBytes(reply: unknown, contentType: string, payload: string | Buffer): FastifyReply {
  return (reply as FastifyReply).type(contentType).send(payload);
}

export const JSON_TYPE = 'application/json; charset=utf-8';
