import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/problems.js';

describe('MONGODB_URI', () => {
  it('is optional: without it the store is SQLite in DATA_DIR', () => {
    expect(loadConfig({}).mongodbUri).toBeUndefined();
    expect(loadConfig({ MONGODB_URI: '' }).mongodbUri).toBeUndefined();
  });

  it.each([
    'mongodb://localhost:27017/credentials',
    'mongodb://user:p%40ss@db1:27017,db2:27017,db3:27017/credentials?replicaSet=rs0',
    'mongodb+srv://user:secret@cluster0.example.net/?retryWrites=true&w=majority',
    'mongodb://127.0.0.1:27017',
  ])('takes %s', (uri) => {
    expect(loadConfig({ MONGODB_URI: uri }).mongodbUri).toBe(uri);
  });

  it.each([
    'postgres://localhost/credentials',
    'localhost:27017',
    'mongodb://',
    'mongodb:///credentials',
    'mongodb://host name/credentials',
  ])('stops with a message naming MONGODB_URI for %s', (uri) => {
    expect(() => loadConfig({ MONGODB_URI: uri })).toThrow(ConfigError);
    expect(() => loadConfig({ MONGODB_URI: uri })).toThrow(/^MONGODB_URI: /);
  });

  it('does not repeat a refused value, which may carry a password', () => {
    const refused = (() => {
      try {
        return loadConfig({ MONGODB_URI: 'mongodb:/admin:hunter2@db/credentials' });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String(refused)).not.toContain('hunter2');
  });
});
