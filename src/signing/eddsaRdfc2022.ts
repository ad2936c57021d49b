import { cryptosuite as libraryEddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createShapeCanonizer } from '../jsonld/shapeCanonizer.js';
import { createVerifier } from './ed25519Keys.js';

/** One per thread: every signature and proof check of the thread teaches and uses it. */
export const eddsaCanonizer = createShapeCanonizer(libraryEddsaRdfc2022.canonize);

/**
 * The library's eddsa-rdfc-2022 cryptosuite with its canonize learnt per document shape, so a
 * proof is the library's byte for byte: same proof options, same hashing, same signature
 * (Ed25519 is deterministic), with the keys imported once.
 */
export const eddsaRdfc2022 = {
  ...libraryEddsaRdfc2022,
  canonize: eddsaCanonizer.canonize,
  createVerifier,
};
