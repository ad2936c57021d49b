import { UnprocessableError } from '../core/problems.js';

/** A fetch the URL policy refused or that failed; its own module so a browser bundle can name it. */
export class FetchRefusedError extends UnprocessableError {
  constructor(url: string, reason: string) {
    super('fetch-refused', `${url}: ${reason}`, { url });
  }
}
