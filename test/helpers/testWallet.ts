// A wallet that claims credentials the way the DCC Learner Credential Wallet does, built from the
// libraries it is built from (@digitalbazaar/vc, Ed25519Signature2020, a did:key): it reads the
// interaction URL, POSTs {} to the exchange, signs the DIDAuthentication presentation it is asked
// for, and POSTs it back, wrapped or bare.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { driver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import type { DocumentLoader } from '../../src/jsonld/documentLoader.js';
import { request, type AnyJson, type JsonResponse } from './http.js';

export interface TestWallet {
  did: string;
  /**
   * Signs a DIDAuthentication presentation over a challenge and domain, naming this wallet's DID
   * as the holder unless told to name another (a key other than the holder's).
   */
  authenticate(challenge: string, domain: string, holder?: string): Promise<AnyJson>;
}

/**
 * A wallet with an Ed25519 did:key. `Ed25519Signature2020` is what the Learner Credential Wallet
 * signs with; `eddsa-rdfc-2022` (a Data Integrity proof by a Multikey) is what newer wallets do.
 */
export async function makeWallet(
  documentLoader: DocumentLoader,
  proof: 'Ed25519Signature2020' | 'eddsa-rdfc-2022' = 'Ed25519Signature2020',
  /** 1.0 for a VC 1.1 presentation, as wallets built on older libraries still make. */
  version = 2.0,
): Promise<TestWallet> {
  const { did, suite } =
    proof === 'Ed25519Signature2020' ? await ed25519Signature2020Key() : await multikey();
  return {
    did,
    async authenticate(challenge, domain, holder = did) {
      return vc.signPresentation({
        presentation: vc.createPresentation({ holder, version }),
        suite,
        challenge,
        domain,
        documentLoader,
      });
    },
  };
}

async function ed25519Signature2020Key(): Promise<{ did: string; suite: unknown }> {
  const didKey = driver();
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519VerificationKey2020.from });
  const verificationKeyPair = await Ed25519VerificationKey2020.generate();
  const { didDocument, methodFor } = await didKey.fromKeyPair({ verificationKeyPair });
  // The driver hands back public keys only; like the LCW, the wallet keeps its own secret key
  // under the id its DID document gives it.
  const { id } = methodFor({ purpose: 'authentication' }) as { id: string };
  const key = await Ed25519VerificationKey2020.from({
    ...verificationKeyPair.export({ publicKey: true, privateKey: true }),
    id,
    controller: didDocument.id,
  });
  return { did: didDocument.id, suite: new Ed25519Signature2020({ key }) };
}

async function multikey(): Promise<{ did: string; suite: unknown }> {
  const generated = await Ed25519Multikey.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const key = await Ed25519Multikey.from({
    ...(await generated.export({ publicKey: true, secretKey: true })),
    id: `${did}#${generated.publicKeyMultibase}`,
    controller: did,
  });
  return { did, suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }) };
}

/** What the wallet reads from an interaction URL: the exchange it then talks to. */
export async function exchangeUrlOf(interactionUrl: string): Promise<string> {
  const answer = await request('GET', interactionUrl, undefined, {
    headers: { accept: 'application/json' },
  });
  if (answer.status !== 200) throw new Error(`interaction URL: ${JSON.stringify(answer.body)}`);
  return String(answer.body.protocols.vcapi);
}

/** The whole claim: {} for the request, then the signed presentation. */
export async function claimWith(
  wallet: TestWallet,
  exchangeUrl: string,
  options: { bare?: boolean } = {},
): Promise<JsonResponse> {
  const started = await request('POST', exchangeUrl, {});
  if (started.status !== 200) return started;
  const { challenge, domain } = started.body.verifiablePresentationRequest;
  const presentation = await wallet.authenticate(challenge, domain);
  return request(
    'POST',
    exchangeUrl,
    options.bare ? presentation : { verifiablePresentation: presentation },
  );
}
