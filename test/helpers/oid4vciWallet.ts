// A wallet that claims credentials the way EU-style wallets do, with the holder side of the
// OpenID4VCI library they are built on (@openid4vc/openid4vci): it resolves the credential offer
// by reference, the issuer's metadata, redeems the pre-authorized code (with the PIN when asked),
// fetches a c_nonce and sends a credential request with an openid4vci-proof+jwt signed by its
// did:key (EdDSA) or by a P-256 key in the header's jwk (ES256).
import { createHash, randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  clientAuthenticationAnonymous,
  HashAlgorithm,
  Oauth2ClientErrorResponseError,
  type CallbackContext,
  type JwtSigner,
} from '@openid4vc/oauth2';
import {
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  type CredentialOfferObject,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

// The service under test answers at http://127.0.0.1: the library takes such URLs only when told.
setGlobalConfig({ allowInsecureUrls: true });

const NODE_HASHES: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'sha256',
  [HashAlgorithm.Sha384]: 'sha384',
  [HashAlgorithm.Sha512]: 'sha512',
};

export interface HolderKey {
  /** The DID the issuer is to name as the subject. */
  did: string;
  signer: JwtSigner;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** An Ed25519 did:key, as most wallets make: the proof names it by kid. */
export async function didKeyHolder(): Promise<HolderKey> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const withId = await Ed25519Multikey.from({
    ...(await keyPair.export({ publicKey: true, secretKey: true })),
    id: `${did}#${keyPair.publicKeyMultibase}`,
    controller: did,
  });
  const privateJwk = (await Ed25519Multikey.toJwk({ keyPair: withId, secretKey: true })) as JWK;
  // The multikey library keeps the 64-byte seed+public form in d; a JWK's d is the 32-byte seed.
  privateJwk.d = Buffer.from(String(privateJwk.d), 'base64url')
    .subarray(0, 32)
    .toString('base64url');
  const { d: _d, ...publicJwk } = privateJwk;
  return {
    did,
    signer: { method: 'did', didUrl: `${did}#${keyPair.publicKeyMultibase}`, alg: 'EdDSA' },
    privateJwk,
    publicJwk,
  };
}

/** A P-256 key sent as the proof's jwk, as wallets with hardware keys do. */
export async function jwkHolder(): Promise<HolderKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  // A bare jwk has no DID; did:jwk of its members in lexicographic order is what the issuer names.
  const sorted = Object.fromEntries(
    Object.entries(publicJwk).sort(([a], [b]) => a.localeCompare(b)),
  );
  const did = `did:jwk:${Buffer.from(JSON.stringify(sorted)).toString('base64url')}`;
  return {
    did,
    signer: { method: 'jwk', publicJwk: publicJwk as never, alg: 'ES256' },
    privateJwk: await exportJWK(privateKey),
    publicJwk,
  };
}

function callbacks(signWith: () => JWK): Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> {
  return {
    fetch,
    hash: (data, alg) => createHash(NODE_HASHES[alg]).update(data).digest(),
    generateRandom: (length) => randomBytes(length),
    clientAuthentication: clientAuthenticationAnonymous(),
    verifyJwt: () => ({ verified: false }),
    async signJwt(signer, { header, payload }) {
      const key = await importJWK(signWith(), signer.alg);
      const jwt = await new SignJWT(payload).setProtectedHeader(header as never).sign(key);
      const { d: _d, ...publicJwk } = signWith();
      return { jwt, signerJwk: publicJwk as never };
    },
  };
}

/** What a refused step answered: the OAuth error and its status. */
export interface OauthRefusal {
  status: number;
  error: string;
  error_description?: string;
}

export interface Claimed {
  credential: unknown;
  configurationId: string;
}

/** A wallet with one holder key; `signWith` can be swapped to sign with a key other than its kid. */
export class Oid4vciWallet {
  signingKey: JWK;
  readonly client: Openid4vciClient;

  constructor(readonly holder: HolderKey) {
    this.signingKey = holder.privateJwk;
    this.client = new Openid4vciClient({ callbacks: callbacks(() => this.signingKey) });
  }

  async resolve(
    offerLink: string,
  ): Promise<{ offer: CredentialOfferObject; metadata: IssuerMetadataResult }> {
    const offer = await this.client.resolveCredentialOffer(offerLink);
    const metadata = await this.client.resolveIssuerMetadata(offer.credential_issuer);
    return { offer, metadata };
  }

  async token(
    offer: CredentialOfferObject,
    metadata: IssuerMetadataResult,
    txCode?: string,
  ): Promise<string> {
    const { accessTokenResponse } = await this.client.retrievePreAuthorizedCodeAccessTokenFromOffer(
      {
        credentialOffer: offer,
        issuerMetadata: metadata,
        ...(txCode === undefined ? {} : { txCode }),
      },
    );
    return accessTokenResponse.access_token;
  }

  async nonce(metadata: IssuerMetadataResult): Promise<string> {
    return (await this.client.requestNonce({ issuerMetadata: metadata })).c_nonce;
  }

  async proof(metadata: IssuerMetadataResult, configurationId: string, nonce: string) {
    const { jwt } = await this.client.createCredentialRequestJwtProof({
      issuerMetadata: metadata,
      credentialConfigurationId: configurationId,
      signer: this.holder.signer,
      nonce,
    });
    return jwt;
  }

  async credential(
    metadata: IssuerMetadataResult,
    accessToken: string,
    configurationId: string,
    proof: string,
  ): Promise<unknown> {
    const { credentialResponse } = await this.client.retrieveCredentials({
      issuerMetadata: metadata,
      accessToken,
      credentialConfigurationId: configurationId,
      proofs: { jwt: [proof] },
    });
    const [first] = credentialResponse.credentials ?? [];
    return typeof first === 'object' && first !== null && 'credential' in first
      ? first.credential
      : first;
  }

  /** offer → metadata → token → nonce → proof → credential, as a wallet runs it. */
  async claim(offerLink: string, configurationId: string, txCode?: string): Promise<unknown> {
    const { offer, metadata } = await this.resolve(offerLink);
    const accessToken = await this.token(offer, metadata, txCode);
    const nonce = await this.nonce(metadata);
    const proof = await this.proof(metadata, configurationId, nonce);
    return this.credential(metadata, accessToken, configurationId, proof);
  }
}

/** The OAuth error a refused step answered, read the way the library reports it. */
export async function refusalOf(step: Promise<unknown>): Promise<OauthRefusal> {
  try {
    await step;
  } catch (error) {
    if (error instanceof Oauth2ClientErrorResponseError) {
      return { status: error.response.status, ...error.errorResponse };
    }
    if (error instanceof Openid4vciRetrieveCredentialsError) {
      const data = error.response.credentialErrorResponseResult?.data;
      return { status: error.response.response.status, error: String(data?.error), ...data };
    }
    throw error;
  }
  throw new Error('the step was not refused');
}
