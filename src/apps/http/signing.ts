/**
 * Optional HMAC request signing, for portals that want more than a bearer key: a key created with
 * `finplan keys add <name> --signing` must sign every request, which proves the body was not
 * altered on the way and stops a captured request (e.g. in a proxy log) from being replayed.
 *
 *   X-Finplan-Timestamp: Unix time in seconds
 *   X-Finplan-Nonce:     16–64 characters [A-Za-z0-9_-], never reused
 *   X-Finplan-Signature: hex HMAC-SHA256(signingSecret,
 *                          METHOD \n path-with-query \n timestamp \n nonce \n hex sha256(body))
 *
 * A request is refused when its timestamp is more than the window (default 5 minutes) away from
 * the server's clock or its nonce was seen within the window. The nonce cache is bounded: when it
 * is full of nonces still inside the window, new signed requests are refused (503) rather than an
 * old nonce forgotten, which would open a replay.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADERS = {
  timestamp: 'x-finplan-timestamp',
  nonce: 'x-finplan-nonce',
  signature: 'x-finplan-signature',
} as const;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The exact bytes that are signed. Exported for clients written in TypeScript and for tests. */
export function canonicalRequest(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Uint8Array,
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

export function signRequest(
  secret: string,
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Uint8Array,
): string {
  return createHmac('sha256', secret)
    .update(canonicalRequest(method, pathWithQuery, timestamp, nonce, body))
    .digest('hex');
}

/** Nonces seen inside the replay window, oldest first (a Map keeps insertion order). */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {}

  private purge(now: number): void {
    for (const [nonce, at] of this.seen) {
      if (now - at <= this.windowMs) break;
      this.seen.delete(nonce);
    }
  }

  /** 'ok' and remembered; 'replayed' when seen within the window; 'full' when it cannot remember. */
  remember(scopedNonce: string, now: number): 'ok' | 'replayed' | 'full' {
    this.purge(now);
    if (this.seen.has(scopedNonce)) return 'replayed';
    if (this.seen.size >= this.capacity) return 'full';
    this.seen.set(scopedNonce, now);
    return 'ok';
  }

  get size(): number {
    return this.seen.size;
  }
}

export type SignatureVerdict = 'ok' | 'invalid' | 'busy';

export interface SignedRequest {
  keyName: string;
  secret: string;
  method: string;
  pathWithQuery: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

/**
 * Check a signed request. Any failure (missing header, stale timestamp, reused nonce, wrong
 * signature) is the same 'invalid': the caller answers 401 without saying which.
 */
export function verifySignature(
  req: SignedRequest,
  nonces: NonceCache,
  windowSeconds: number,
  nowMs: number,
): SignatureVerdict {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const timestamp = header(SIGNATURE_HEADERS.timestamp);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  const signature = header(SIGNATURE_HEADERS.signature);
  if (!timestamp || !nonce || !signature) return 'invalid';
  if (!/^\d{1,12}$/.test(timestamp) || !NONCE_PATTERN.test(nonce) || !/^[0-9a-fA-F]{64}$/.test(signature))
    return 'invalid';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > windowSeconds) return 'invalid';
  const expected = Buffer.from(
    signRequest(req.secret, req.method, req.pathWithQuery, timestamp, nonce, req.body),
    'hex',
  );
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
  // Only a correctly signed request may take a place in the cache, so a flood of forged requests
  // cannot fill it. Nonces are per key: two portals may happen to choose the same one.
  const remembered = nonces.remember(`${req.keyName}\n${nonce}`, nowMs);
  if (remembered === 'replayed') return 'invalid';
  if (remembered === 'full') return 'busy';
  return 'ok';
}
