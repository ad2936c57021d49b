import type { JsonObject } from '../core/json.js';
import { ValidationError } from '../core/problems.js';

/** What a wallet sent to the exchange: nothing yet (start), or its presentation. */
export type ExchangeMessage =
  { kind: 'start' } | { kind: 'presentation'; presentation: JsonObject };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typesOf = (value: unknown): unknown[] => ([] as unknown[]).concat(value ?? []);

/**
 * `{}` starts the exchange; `{"verifiablePresentation": …}` answers its request. Some wallets
 * send the presentation bare, so a body that is itself a VerifiablePresentation answers too.
 */
export function readExchangeMessage(body: JsonObject): ExchangeMessage {
  if (isObject(body.verifiablePresentation)) {
    return { kind: 'presentation', presentation: body.verifiablePresentation };
  }
  if (typesOf(body.type).includes('VerifiablePresentation')) {
    return { kind: 'presentation', presentation: body };
  }
  if (Object.keys(body).length === 0) return { kind: 'start' };
  throw new ValidationError([
    {
      field: 'verifiablePresentation',
      message:
        'is required: send {} to start the exchange, then the signed DIDAuthentication presentation it asks for',
    },
  ]);
}

/** The challenge the holder signed: every proof of a DIDAuthentication names the same one. */
export function signedChallengeOf(presentation: JsonObject): string | undefined {
  const [first] = typesOf(presentation.proof);
  const challenge = isObject(first) ? first.challenge : undefined;
  return typeof challenge === 'string' ? challenge : undefined;
}

/** The holder the presentation names: a DID, the only thing a copy can be issued to. */
export function holderDidOf(presentation: JsonObject): string | undefined {
  const holder = isObject(presentation.holder) ? presentation.holder.id : presentation.holder;
  return typeof holder === 'string' && holder.startsWith('did:') ? holder : undefined;
}

/** The VC-API presentation request for DID authentication, answered at the same exchange URL. */
export function didAuthenticationRequest(challenge: string, domain: string, exchangeUrl: string) {
  return {
    verifiablePresentationRequest: {
      query: [{ type: 'DIDAuthentication' }],
      challenge,
      domain,
      interact: {
        service: [{ type: 'UnmediatedPresentationService2021', serviceEndpoint: exchangeUrl }],
      },
    },
  };
}
