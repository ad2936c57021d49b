import { createHmac } from 'node:crypto';
import { normaliseEmail, type Recipient } from '../credentials/recipientIdentity.js';

/**
 * The same person across issuers is found by a keyed hash of their normalised e-mail address
 * (or DID): lookups work, and a copy of the database alone does not list anyone's address.
 */
export class LearnerKeys {
  constructor(private readonly secret: Buffer) {}

  forRecipient(recipient: Recipient): string {
    const identity =
      'did' in recipient ? `did:${recipient.did}` : `email:${normaliseEmail(recipient.email)}`;
    return createHmac('sha256', this.secret).update(identity).digest('hex');
  }
}
