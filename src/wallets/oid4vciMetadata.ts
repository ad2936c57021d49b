import {
  Openid4vciVersion,
  type CredentialConfigurationsSupported,
  type CredentialIssuerMetadata,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import type { AuthorizationServerMetadata } from '@openid4vc/oauth2';
import { baseUrlOf } from '../core/publicUrl.js';
import { OB_V3_CONTEXT } from '../jsonld/contextUrls.js';
import type { IssuerRecord } from '../store/port.js';

// OpenID4VCI 1.0 (final): each issuer here is a credential issuer of its own, and its own OAuth
// authorization server for the pre-authorized code flow. Its identifier is its URL here, so its
// metadata lives at /.well-known/openid-credential-issuer/issuers/{slug} (the well-known path
// inserted after the host), its authorization server's at /.well-known/oauth-authorization-server/….

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB3_TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];

export const CONFIGURATION_IDS = {
  ldp: 'OpenBadgeCredential_ldp_vc',
  jwt: 'OpenBadgeCredential_jwt_vc_json',
  sdJwt: 'OpenBadgeCredential_dc+sd-jwt',
} as const;

export type ConfigurationId = (typeof CONFIGURATION_IDS)[keyof typeof CONFIGURATION_IDS];

export const CONFIGURATIONS_OFFERED: ConfigurationId[] = [
  CONFIGURATION_IDS.ldp,
  CONFIGURATION_IDS.jwt,
  CONFIGURATION_IDS.sdJwt,
];

/** What a holder may sign its proof of possession with (jose verifies both). */
export const PROOF_ALGORITHMS = ['EdDSA', 'ES256'];

/** The DID methods a copy can be issued to: a did:key in `kid`, or a bare `jwk` as did:jwk. */
export const BINDING_METHODS = ['did:key', 'did:jwk', 'jwk'];

export function credentialIssuerOf(publicUrl: URL, slug: string): string {
  return `${baseUrlOf(publicUrl)}/issuers/${slug}`;
}

/** The SD-JWT VC type of an Open Badges credential, served as type metadata at this URL. */
export function vctOf(publicUrl: URL): string {
  return `${baseUrlOf(publicUrl)}/vct/open-badge-credential`;
}

export interface Oid4vciEndpoints {
  credentialIssuer: string;
  token: string;
  nonce: string;
  credential: string;
}

export function endpointsOf(publicUrl: URL, slug: string): Oid4vciEndpoints {
  const credentialIssuer = credentialIssuerOf(publicUrl, slug);
  return {
    credentialIssuer,
    token: `${credentialIssuer}/oid4vci/token`,
    nonce: `${credentialIssuer}/oid4vci/nonce`,
    credential: `${credentialIssuer}/oid4vci/credential`,
  };
}

const display = [
  { name: 'Open Badge', locale: 'en', description: 'An Open Badges 3.0 credential' },
  { name: 'オープンバッジ', locale: 'ja' },
  { name: '開放徽章', locale: 'zh-TW' },
];

const proofTypes = { jwt: { proof_signing_alg_values_supported: PROOF_ALGORITHMS } };

function configurations(publicUrl: URL): CredentialConfigurationsSupported {
  const common = {
    cryptographic_binding_methods_supported: BINDING_METHODS,
    proof_types_supported: proofTypes,
  };
  return {
    [CONFIGURATION_IDS.ldp]: {
      ...common,
      format: 'ldp_vc',
      credential_definition: { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], type: OB3_TYPES },
      // Data Integrity: the cryptosuite our proofs use.
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      credential_metadata: { display },
    },
    [CONFIGURATION_IDS.jwt]: {
      ...common,
      format: 'jwt_vc_json',
      credential_definition: { type: OB3_TYPES },
      credential_signing_alg_values_supported: ['EdDSA'],
      credential_metadata: { display },
    },
    [CONFIGURATION_IDS.sdJwt]: {
      ...common,
      format: 'dc+sd-jwt',
      vct: vctOf(publicUrl),
      credential_signing_alg_values_supported: ['EdDSA'],
      credential_metadata: {
        display,
        claims: [
          {
            path: ['achievement', 'name'],
            mandatory: true,
            display: [{ name: 'Achievement', locale: 'en' }],
          },
          { path: ['issuer_name'], mandatory: true, display: [{ name: 'Issuer', locale: 'en' }] },
          { path: ['identifier'], display: [{ name: 'Learner', locale: 'en' }] },
          { path: ['evidence'], display: [{ name: 'Evidence', locale: 'en' }] },
        ],
      },
    },
  } as CredentialConfigurationsSupported;
}

export function credentialIssuerMetadata(
  publicUrl: URL,
  issuer: Pick<IssuerRecord, 'slug' | 'name'>,
): CredentialIssuerMetadata {
  const endpoints = endpointsOf(publicUrl, issuer.slug);
  return {
    credential_issuer: endpoints.credentialIssuer,
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    display: [{ name: issuer.name }],
    credential_configurations_supported: configurations(publicUrl),
  };
}

export function authorizationServerMetadata(
  publicUrl: URL,
  slug: string,
): AuthorizationServerMetadata {
  const endpoints = endpointsOf(publicUrl, slug);
  return {
    issuer: endpoints.credentialIssuer,
    token_endpoint: endpoints.token,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    // A wallet needs no client registration to redeem a pre-authorized code.
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
  };
}

/** The metadata as the library's issuer side works with it (what a wallet resolves). */
export function issuerMetadataResult(
  publicUrl: URL,
  issuer: Pick<IssuerRecord, 'slug' | 'name'>,
  known: (
    metadata: CredentialIssuerMetadata,
  ) => IssuerMetadataResult['knownCredentialConfigurations'],
): IssuerMetadataResult {
  const credentialIssuer = credentialIssuerMetadata(publicUrl, issuer);
  return {
    originalDraftVersion: Openid4vciVersion.V1,
    credentialIssuer,
    authorizationServers: [authorizationServerMetadata(publicUrl, issuer.slug)],
    knownCredentialConfigurations: known(credentialIssuer),
  };
}

/** SD-JWT VC type metadata of the vct, served at the vct URL itself. */
export function sdJwtTypeMetadata(publicUrl: URL) {
  const label = (en: string, ja: string, zhTw: string) => [
    { locale: 'en', label: en },
    { locale: 'ja', label: ja },
    { locale: 'zh-TW', label: zhTw },
  ];
  return {
    vct: vctOf(publicUrl),
    name: 'Open Badge',
    description:
      'An Open Badges 3.0 achievement credential as an SD-JWT VC: the achievement and the issuer always disclosed, the learner identifier and the evidence at the holder’s choice',
    display: display.map(({ name, locale }) => ({ locale, name })),
    claims: [
      { path: ['achievement', 'name'], display: label('Achievement', '達成', '成就'), sd: 'never' },
      { path: ['issuer_name'], display: label('Issuer', '発行者', '發行者'), sd: 'never' },
      { path: ['identifier'], display: label('Learner', '学習者', '學習者'), sd: 'always' },
      { path: ['evidence'], display: label('Evidence', 'エビデンス', '佐證'), sd: 'always' },
    ],
  };
}
