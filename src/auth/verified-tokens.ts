import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ExtractJwt } from 'passport-jwt';
import { TokenPayload } from './token-payload';

/** The bearer token of a request, parsed as passport-jwt parses it. */
export const bearerToken: (request: Pick<IncomingMessage, 'headers'>) => string | null =
  ExtractJwt.fromAuthHeaderAsBearerToken();

/** Enough for every live token of a busy newsroom; the oldest entry makes room (a miss only costs a verification). */
const MAX_TOKENS = 10_000;

/**
 * Tokens whose signature passport-jwt has verified, by their exact text, until they expire. A reviewer sends the
 * same token with every request, and checking its HMAC again each time cost about 8 % of bench/queue's HTTP
 * throughput. Only the signature and expiry are remembered: who the token belongs to (active, role, token version)
 * is still checked on every request (AuthService.verifyPayload), so revocation works as before.
 */
@Injectable()
export class VerifiedTokens {
  private readonly payloads = new Map<string, TokenPayload & { exp: number }>();

  remember(token: string, payload: TokenPayload & { exp?: number }): void {
    if (typeof payload.exp !== 'number') return;
    if (this.payloads.size >= MAX_TOKENS) this.payloads.delete(this.payloads.keys().next().value!);
    this.payloads.set(token, { ...payload, exp: payload.exp });
  }

  /** The payload of a token verified before and not expired since (jsonwebtoken's rule: now < exp, in seconds). */
  recall(token: string, nowMs = Date.now()): TokenPayload | undefined {
    const payload = this.payloads.get(token);
    if (!payload) return undefined;
    if (Math.floor(nowMs / 1000) >= payload.exp) {
      this.payloads.delete(token);
      return undefined;
    }
    return payload;
  }
}
