import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import { UnprocessableError } from '../core/problems.js';
import { baseUrlOf } from '../core/publicUrl.js';
import type { WalletStore } from '../store/port.js';
import type { Verifier } from '../verifying/verifier.js';
import type { CheckResult } from '../verifying/report.js';
import { offerLinks } from './offerLinks.js';
import {
  didAuthenticationRequest,
  holderDidOf,
  readExchangeMessage,
  signedChallengeOf,
} from './presentationRequest.js';
import type { WalletClaims } from './walletClaims.js';
import type { OpenedOffer, WalletOffers } from './walletOffers.js';

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** The checks that make the holder who it says: its shape, its proof over our challenge, binding. */
const HOLDER_CHECKS = ['presentation.structure', 'presentation.proof', 'presentation.holder'];

function whyNotProven(checks: CheckResult[]): string | undefined {
  for (const id of HOLDER_CHECKS) {
    const check = checks.find((c) => c.id === id);
    if (!check) return `${id} did not run`;
    if (check.outcome === 'failure') return check.problem.detail ?? check.problem.title;
    if (check.outcome === 'skipped') return check.reason;
  }
  return undefined;
}

/**
 * The VC-API exchange a wallet runs to claim an offer: `{}` gets a DIDAuthentication request
 * with a fresh challenge; the presentation signed over it proves the holder's DID, claims the
 * offer (once, by insert) and gets a copy of the credential issued to that DID.
 */
export class WalletExchange {
  constructor(
    private readonly store: Pick<WalletStore, 'insertWalletChallenge' | 'findWalletChallenge'>,
    private readonly offers: WalletOffers,
    private readonly verifier: Pick<Verifier, 'verifyPresentation'>,
    private readonly claims: WalletClaims,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
  ) {}

  async step(token: string, body: JsonObject): Promise<JsonObject> {
    const message = readExchangeMessage(body);
    const opened = await this.offers.open(token);
    await this.offers.assertOpen(opened);
    return message.kind === 'start'
      ? this.#request(opened, token)
      : this.#claim(opened, message.presentation);
  }

  /** The domain a holder signs: this service's host, so a proof made for another site fails. */
  #domain(): string {
    return new URL(baseUrlOf(this.publicUrl)).host;
  }

  async #request(opened: OpenedOffer, token: string): Promise<JsonObject> {
    const challenge = crypto.randomUUID();
    await this.store.insertWalletChallenge({
      challenge,
      offerId: opened.offer.id,
      createdAt: this.clock().toISOString(),
    });
    const { exchangeUrl } = offerLinks(this.publicUrl, token);
    return didAuthenticationRequest(challenge, this.#domain(), exchangeUrl);
  }

  async #claim(opened: OpenedOffer, presentation: JsonObject): Promise<JsonObject> {
    const challenge = await this.#challengeFor(opened, presentation);
    const report = await this.verifier.verifyPresentation(presentation, {
      challenge,
      domain: this.#domain(),
    });
    const why = whyNotProven(report.presentation.checks);
    const holderDid = holderDidOf(presentation);
    if (why !== undefined || holderDid === undefined) {
      throw new UnprocessableError(
        'holder-not-proven',
        why ?? 'the presentation names no holder DID',
        {
          errors: [{ field: 'verifiablePresentation', message: why ?? 'holder: must be a DID' }],
          report: report.presentation,
        },
      );
    }
    const copy = await this.claims.claim(opened, holderDid);
    return {
      verifiablePresentation: {
        '@context': [VC_V2_CONTEXT],
        type: ['VerifiablePresentation'],
        verifiableCredential: [JSON.parse(copy.document) as JsonObject],
      },
    };
  }

  /** The challenge must be one this exchange handed out for this offer, else it is a replay. */
  async #challengeFor(opened: OpenedOffer, presentation: JsonObject): Promise<string> {
    const signed = signedChallengeOf(presentation);
    const stored = signed === undefined ? undefined : await this.store.findWalletChallenge(signed);
    if (!stored || stored.offerId !== opened.offer.id) {
      throw new UnprocessableError(
        'presentation-challenge-mismatch',
        signed === undefined
          ? 'the presentation is not signed over a challenge: POST {} to the exchange first and sign the challenge it returns'
          : `the holder signed challenge ${JSON.stringify(signed)}, which this exchange did not ask for`,
        {
          errors: [
            {
              field: 'verifiablePresentation.proof.challenge',
              message: 'must be the challenge of this exchange',
            },
          ],
        },
      );
    }
    return stored.challenge;
  }
}
