// Which request the running code serves, so every log line written on its behalf (however deep
// in the use cases) can name it without each call passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

/** The id of the request being served here; undefined outside one (start-up, background jobs). */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
