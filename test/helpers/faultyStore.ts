import { StorageFullError, type Store } from '../../src/store/port.js';

export type FaultRule = (method: string, args: unknown[]) => boolean;

/**
 * The store with the calls `fails` picks refused as a full disk refuses them, before they reach
 * the adapter: fault injection for the multi-write operations, used only by tests.
 */
export function faultyStore(store: Store, fails: () => FaultRule | undefined): Store {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        if (fails()?.(key, args)) {
          return Promise.reject(new StorageFullError(new Error(`injected: ${key} refused`)));
        }
        return value.apply(target, args);
      };
    },
  });
}
