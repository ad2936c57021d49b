// The parts of the MongoDB adapter that need no server.
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { databaseInUri } from '../../src/store/mongo/connection.js';
import { retryTransient } from '../../src/store/mongo/errors.js';

describe('retryTransient', () => {
  const failing = (errors: Error[]) => {
    let calls = 0;
    const operation = async () => {
      const error = errors[calls];
      calls += 1;
      if (error) throw error;
      return 'done';
    };
    return { operation, calls: () => calls };
  };

  it('runs again after network errors and lost primaries', async () => {
    const steppedDown = new mongo.MongoServerError({ message: 'not primary', code: 10107 });
    const { operation, calls } = failing([new mongo.MongoNetworkError('reset'), steppedDown]);
    await expect(retryTransient(operation, [0, 0])).resolves.toBe('done');
    expect(calls()).toBe(3);
  });

  it('gives up after its last delay with the last error', async () => {
    const { operation, calls } = failing(Array(4).fill(new mongo.MongoNetworkError('down')));
    await expect(retryTransient(operation, [0, 0])).rejects.toThrow('down');
    expect(calls()).toBe(3);
  });

  it('does not run again after an error that would repeat', async () => {
    const duplicate = new mongo.MongoServerError({ message: 'E11000', code: 11000 });
    const { operation, calls } = failing([duplicate]);
    await expect(retryTransient(operation, [0, 0])).rejects.toBe(duplicate);
    expect(calls()).toBe(1);
  });
});

describe('databaseInUri', () => {
  it.each([
    ['mongodb://localhost:27017/credentials', 'credentials'],
    ['mongodb://a:1,b:2/credentials?replicaSet=rs0', 'credentials'],
    ['mongodb+srv://u:p@cluster.example.net/creds%2Dprod?w=majority', 'creds-prod'],
    ['mongodb://localhost:27017/', undefined],
    ['mongodb://localhost:27017/?replicaSet=rs0', undefined],
    ['mongodb://localhost:27017', undefined],
  ])('finds the database of %s', (uri, database) => {
    expect(databaseInUri(uri)).toBe(database);
  });
});
