import { createHash, randomBytes } from 'node:crypto';
import {
  decodeJwt,
  HashAlgorithm,
  Oauth2AuthorizationServer,
  Oauth2ErrorCodes,
  Oauth2ServerErrorResponseError,
  preAuthorizedCodeGrantIdentifier,
  type CallbackContext,
  type Jwk,
  type RequestLike,
} from '@openid4vc/oauth2';
import {
  Openid4vciIssuer,
  type CredentialOfferObject,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { IssuingService } from '../issuing/issuingService.js';
import { DuplicateKeyError, type CredentialRecord, type WalletStore } from '../store/port.js';
import { holderDidOf, verifyHolderJwt } from './holderKey.js';
import {
  authorizationServerMetadata,
  CONFIGURATION_IDS,
  credentialIssuerMetadata,
  endpointsOf,
  issuerMetadataResult,
  type ConfigurationId,
} from './oid4vciMetadata.js';
import { offerLinks } from './offerLinks.js';
import { hashOfferToken } from './offerToken.js';
import { TX_CODE_LENGTH, txCodeGrantKey, txCodeMatches } from './txCode.js';
import { OfferClaimedError, type WalletClaims } from './walletClaims.js';
import type { OpenedOffer, WalletOffers } from './walletOffers.js';

/** A pre-authorized code is redeemed within minutes of the wallet fetching the offer. */
export const PRE_AUTHORIZED_CODE_SECONDS = 600;
export const ACCESS_TOKEN_SECONDS = 600;
export const C_NONCE_SECONDS = 300;
/** Wrong PINs an offer takes before its tx_code (and so the offer, for OpenID4VCI) is locked. */
export const TX_CODE_ATTEMPTS = 5;

/** Renders a stored copy in a format the stored document is not in (SD-JWT VC). */
export interface CopyFormats {
  sdJwt(copy: CredentialRecord, holderJwk: Jwk): Promise<string>;
}

const sha256Hex = (value: string): string => hashOfferToken(value);
const randomSecret = (): string => randomBytes(32).toString('base64url');

const NODE_HASHES: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'sha256',
  [HashAlgorithm.Sha384]: 'sha384',
  [HashAlgorithm.Sha512]: 'sha512',
};

/** What the libraries call back into: hashing, randomness and the holder proof's signature. */
const callbacks: Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> = {
  hash: (data, alg) => createHash(NODE_HASHES[alg]).update(data).digest(),
  generateRandom: (length) => randomBytes(length),
  verifyJwt: verifyHolderJwt,
  signJwt: () => {
    throw new Error('this issuer signs no JWT through the OpenID4VCI library');
  },
  clientAuthentication: () => undefined,
};

function oauthError(
  error: string,
  description: string,
  status = 400,
): Oauth2ServerErrorResponseError {
  return new Oauth2ServerErrorResponseError({ error, error_description: description }, { status });
}

function headersOf(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of ([] as string[]).concat(value)) result.append(name, one);
  }
  return result;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * OpenID4VCI 1.0 on the offers the VC-API exchange claims too (one offer, one claim, by either
 * protocol): the credential offer by reference with a pre-authorized code (and a tx_code when the
 * issuer asked for one), the token endpoint, the nonce endpoint and the credential endpoint. The
 * library parses and checks every request and builds every answer; this class keeps the secrets
 * (stored as hashes, each used once by insert) and issues the copy.
 */
export class Oid4vciIssuance {
  readonly #issuer = new Openid4vciIssuer({ callbacks });
  readonly #server = new Oauth2AuthorizationServer({ callbacks });

  constructor(
    private readonly store: Pick<WalletStore, 'insertWalletGrant' | 'findWalletGrant'>,
    private readonly offers: WalletOffers,
    private readonly claims: WalletClaims,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly issuing: Pick<IssuingService, 'find'>,
    private readonly formats: CopyFormats,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
  ) {}

  async credentialIssuerMetadata(slug: string) {
    const issuer = await this.issuers.get(slug);
    return this.#issuer.createCredentialIssuerMetadata(
      credentialIssuerMetadata(this.publicUrl, issuer),
    );
  }

  async authorizationServerMetadata(slug: string) {
    await this.issuers.get(slug);
    return this.#server.createAuthorizationServerMetadata(
      authorizationServerMetadata(this.publicUrl, slug),
    );
  }

  async #metadata(slug: string): Promise<IssuerMetadataResult> {
    const issuer = await this.issuers.get(slug);
    return issuerMetadataResult(this.publicUrl, issuer, (metadata) =>
      this.#issuer.getKnownCredentialConfigurationsSupported(metadata),
    );
  }

  #expiresIn(seconds: number, cap?: string): string {
    const at = this.clock().getTime() + seconds * 1000;
    return new Date(cap === undefined ? at : Math.min(at, Date.parse(cap))).toISOString();
  }

  #expired(grant: { expiresAt: string }): boolean {
    return Date.parse(grant.expiresAt) <= this.clock().getTime();
  }

  /**
   * The credential offer behind credential_offer_uri: each fetch gets a fresh pre-authorized
   * code, short-lived and single use; the offer itself stays one claim.
   */
  async credentialOffer(token: string): Promise<CredentialOfferObject> {
    const opened = await this.offers.open(token);
    await this.offers.assertOpen(opened);
    const code = randomSecret();
    await this.store.insertWalletGrant({
      key: `pre-authorized_code:${sha256Hex(code)}`,
      offerId: opened.offer.id,
      createdAt: this.clock().toISOString(),
      expiresAt: this.#expiresIn(PRE_AUTHORIZED_CODE_SECONDS, opened.offer.expiresAt),
    });
    const pin = await this.store.findWalletGrant(txCodeGrantKey(opened.offer.id));
    const { credentialOfferObject } = await this.#issuer.createCredentialOffer({
      issuerMetadata: await this.#metadata(opened.offer.issuerSlug),
      credentialConfigurationIds: [
        CONFIGURATION_IDS.ldp,
        CONFIGURATION_IDS.jwt,
        CONFIGURATION_IDS.sdJwt,
      ],
      grants: {
        [preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': code,
          ...(pin
            ? {
                tx_code: {
                  input_mode: 'numeric',
                  length: TX_CODE_LENGTH,
                  description: 'The PIN your issuer gave you with this offer',
                },
              }
            : {}),
        },
      },
      credentialOfferUri: offerLinks(this.publicUrl, token).credentialOfferUri,
    });
    return credentialOfferObject;
  }

  /** Token endpoint: a pre-authorized code (and its PIN) for a short-lived access token. */
  async token(slug: string, form: Record<string, string>, headers: IncomingHttpHeaders) {
    const metadata = await this.#metadata(slug);
    const request: RequestLike = {
      headers: headersOf(headers),
      method: 'POST',
      url: endpointsOf(this.publicUrl, slug).token,
    };
    const parsed = this.#server.parseAccessTokenRequest({ accessTokenRequest: form, request });
    if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) {
      throw oauthError(
        Oauth2ErrorCodes.UnsupportedGrantType,
        `only the pre-authorized code grant is supported here`,
      );
    }
    const { preAuthorizedCode, txCode } = parsed.grant;
    const codeHash = sha256Hex(preAuthorizedCode);
    const grant = await this.store.findWalletGrant(`pre-authorized_code:${codeHash}`);
    if (!grant?.offerId) {
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, `Invalid 'pre-authorized_code' provided`);
    }
    const opened = await this.offers.openById(grant.offerId);
    if (opened.offer.issuerSlug !== slug) {
      throw oauthError(Oauth2ErrorCodes.InvalidGrant, `this code was not issued by ${slug}`);
    }
    await this.#assertGrantable(opened);
    const expectedTxCode = await this.#expectedTxCode(opened, txCode);
    await this.#server.verifyPreAuthorizedCodeAccessTokenRequest({
      authorizationServerMetadata:
        metadata.authorizationServers[0] ?? authorizationServerMetadata(this.publicUrl, slug),
      grant: parsed.grant,
      accessTokenRequest: parsed.accessTokenRequest,
      request,
      expectedPreAuthorizedCode: preAuthorizedCode,
      ...(expectedTxCode === undefined ? {} : { expectedTxCode }),
      preAuthorizedCodeExpiresAt: new Date(grant.expiresAt),
      now: this.clock(),
    });
    // Single use: the code is spent by the insert that marks it, even when two race.
    await this.#spend(`pre-authorized_code-used:${codeHash}`, grant.offerId, () =>
      oauthError(Oauth2ErrorCodes.InvalidGrant, `this 'pre-authorized_code' was used already`),
    );
    const accessToken = randomSecret();
    await this.store.insertWalletGrant({
      key: `access_token:${sha256Hex(accessToken)}`,
      offerId: grant.offerId,
      createdAt: this.clock().toISOString(),
      expiresAt: this.#expiresIn(ACCESS_TOKEN_SECONDS),
    });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
  }

  async #assertGrantable(opened: OpenedOffer): Promise<void> {
    if (opened.state === 'claimed') {
      throw oauthError(
        Oauth2ErrorCodes.InvalidGrant,
        'this offer was claimed already; ask the issuer for a new one',
      );
    }
    if (opened.state === 'expired') {
      throw oauthError(
        Oauth2ErrorCodes.InvalidGrant,
        `this offer expired at ${opened.offer.expiresAt}; ask the issuer for a new one`,
      );
    }
    if (!(await this.offers.isClaimable(opened.original))) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidGrant,
        'the credential is no longer valid, so it cannot be claimed into a wallet',
      );
    }
  }

  /**
   * The tx_code the library is to expect: the one given when it matches the stored hash, else a
   * value no wallet sends (so the library answers invalid_grant). Each try takes one of the
   * offer's few attempt marks first, so guessing the PIN stops after TX_CODE_ATTEMPTS.
   */
  async #expectedTxCode(opened: OpenedOffer, given: string | undefined) {
    const pin = await this.store.findWalletGrant(txCodeGrantKey(opened.offer.id));
    if (!pin?.secretHash) return undefined;
    if (given === undefined) return 'tx_code required';
    let taken = false;
    for (let attempt = 1; attempt <= TX_CODE_ATTEMPTS && !taken; attempt += 1) {
      try {
        await this.store.insertWalletGrant({
          key: `tx_code-attempt:${opened.offer.id}:${attempt}`,
          offerId: opened.offer.id,
          createdAt: this.clock().toISOString(),
          expiresAt: opened.offer.expiresAt,
        });
        taken = true;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    if (!taken) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidGrant,
        `the PIN was tried ${TX_CODE_ATTEMPTS} times; ask the issuer for a new offer`,
      );
    }
    return txCodeMatches(opened.offer.id, given, pin.secretHash) ? given : `\u0000not ${given}`;
  }

  async #spend(key: string, offerId: string | undefined, refused: () => Error): Promise<void> {
    try {
      await this.store.insertWalletGrant({
        key,
        ...(offerId ? { offerId } : {}),
        createdAt: this.clock().toISOString(),
        expiresAt: this.clock().toISOString(),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw refused();
      throw error;
    }
  }

  /** Nonce endpoint: a c_nonce for one proof of possession. */
  async nonce(slug: string) {
    await this.issuers.get(slug);
    const nonce = randomSecret();
    await this.store.insertWalletGrant({
      key: `c_nonce:${nonce}`,
      createdAt: this.clock().toISOString(),
      expiresAt: this.#expiresIn(C_NONCE_SECONDS),
    });
    return this.#issuer.createNonceResponse({ cNonce: nonce, cNonceExpiresIn: C_NONCE_SECONDS });
  }

  /** Credential endpoint: the bearer token's offer, claimed for the holder whose key signed. */
  async credential(slug: string, authorization: string | undefined, body: JsonObject) {
    const offerId = await this.#offerOfAccessToken(slug, authorization);
    const metadata = await this.#metadata(slug);
    const requested = body.credential_configuration_id;
    if (typeof requested === 'string' && !(requested in metadata.knownCredentialConfigurations)) {
      throw oauthError(
        Oauth2ErrorCodes.UnknownCredentialConfiguration,
        `no credential configuration "${requested}" here`,
      );
    }
    const parsed = this.#issuer.parseCredentialRequest({
      issuerMetadata: metadata,
      credentialRequest: body,
    });
    if (!parsed.credentialConfigurationId) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidCredentialRequest,
        'name the credential by credential_configuration_id',
      );
    }
    const jwts = parsed.proofs?.jwt;
    if (!jwts || jwts.length !== 1 || typeof jwts[0] !== 'string') {
      throw oauthError(Oauth2ErrorCodes.InvalidProof, 'send one proof in proofs.jwt');
    }
    const { holderDid, holderJwk } = await this.#proofOfPossession(metadata, jwts[0]);
    const copy = await this.#copyFor(await this.offers.openById(offerId), holderDid);
    const credential = await this.#render(
      copy,
      parsed.credentialConfigurationId as ConfigurationId,
      holderJwk,
    );
    return this.#issuer.createCredentialResponse({
      credentialRequest: parsed,
      credentials: [{ credential }],
    });
  }

  async #offerOfAccessToken(slug: string, authorization: string | undefined): Promise<string> {
    const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    const grant =
      token === undefined
        ? undefined
        : await this.store.findWalletGrant(`access_token:${sha256Hex(token)}`);
    if (!grant?.offerId || this.#expired(grant)) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidToken,
        token === undefined
          ? 'send the access token from the token endpoint as "Authorization: Bearer <token>"'
          : 'the access token is not valid, or expired',
        401,
      );
    }
    const opened = await this.offers.openById(grant.offerId);
    if (opened.offer.issuerSlug !== slug) {
      throw oauthError(Oauth2ErrorCodes.InvalidToken, `this token was not issued by ${slug}`, 401);
    }
    return grant.offerId;
  }

  /**
   * The holder's proof: over a c_nonce of ours that is still fresh and not used yet (else
   * invalid_nonce), for this credential issuer, signed by the key its header names (else
   * invalid_proof). The nonce is spent once the proof holds.
   */
  async #proofOfPossession(metadata: IssuerMetadataResult, jwt: string) {
    let nonce: unknown;
    try {
      nonce = decodeJwt({ jwt }).payload.nonce;
    } catch (error) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidProof,
        `the proof is not a JWT: ${(error as Error).message}`,
      );
    }
    const grant =
      typeof nonce === 'string' ? await this.store.findWalletGrant(`c_nonce:${nonce}`) : undefined;
    if (!grant || this.#expired(grant)) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidNonce,
        'the proof is not over a fresh c_nonce from the nonce endpoint; get a new one',
      );
    }
    const verified = await this.#issuer.verifyCredentialRequestJwtProof({
      issuerMetadata: metadata,
      jwt,
      expectedNonce: String(nonce),
      nonceExpiresAt: new Date(grant.expiresAt),
      now: this.clock(),
    });
    const holderDid = holderDidOf(verified.signer);
    if (holderDid === undefined || verified.signer.publicJwk === undefined) {
      throw oauthError(
        Oauth2ErrorCodes.InvalidProof,
        'name the holder key by a did:key kid or a jwk',
      );
    }
    await this.#spend(`c_nonce-used:${String(nonce)}`, undefined, () =>
      oauthError(Oauth2ErrorCodes.InvalidNonce, 'this c_nonce was used already; get a new one'),
    );
    return { holderDid, holderJwk: verified.signer.publicJwk };
  }

  /**
   * The offer's copy for this holder: claimed now (once, by insert, as the VC-API exchange claims
   * it), or the copy this holder claimed with an earlier request (another format of it).
   */
  async #copyFor(opened: OpenedOffer, holderDid: string): Promise<CredentialRecord> {
    if (!opened.claim) {
      const refusal =
        opened.state === 'expired'
          ? `this offer expired at ${opened.offer.expiresAt}`
          : (await this.offers.isClaimable(opened.original))
            ? undefined
            : 'the credential is no longer valid, so it cannot be claimed into a wallet';
      if (refusal) throw oauthError(Oauth2ErrorCodes.CredentialRequestDenied, refusal);
      try {
        return await this.claims.claim(opened, holderDid);
      } catch (error) {
        if (!(error instanceof OfferClaimedError)) throw error;
        return this.#copyFor(await this.offers.openById(opened.offer.id), holderDid);
      }
    }
    if (opened.claim.holderDid !== holderDid) {
      throw oauthError(
        Oauth2ErrorCodes.CredentialRequestDenied,
        'this offer was claimed already by another holder',
      );
    }
    return this.issuing.find(opened.claim.copyId);
  }

  async #render(copy: CredentialRecord, configuration: ConfigurationId, holderJwk: Jwk) {
    if (configuration === CONFIGURATION_IDS.ldp) return JSON.parse(copy.document) as JsonObject;
    if (configuration === CONFIGURATION_IDS.jwt) {
      if (!copy.vcJwt) throw new Error(`copy ${copy.id} has no vc+jwt`);
      return copy.vcJwt;
    }
    return this.formats.sdJwt(copy, holderJwk);
  }
}
