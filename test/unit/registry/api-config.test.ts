import { describe, expect, it } from 'vitest';
import { buildRegistryApp } from '../../../registry/app.ts';
import { MemoryRegistryStore } from '../../../registry/memory-store.ts';
import { testRegistry } from './helpers.ts';

describe('compatibility configuration', () => {
  it('is BACKWARD globally until set, and PUT answers with the level set', async () => {
    const registry = testRegistry();
    expect((await registry.call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await registry.call('PUT', '/config', { compatibility: 'full_transitive' })).body).toEqual({
      compatibility: 'FULL_TRANSITIVE',
    });
    expect((await registry.call('GET', '/config')).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
  });

  it('keeps subject levels apart from the global one', async () => {
    const registry = testRegistry();
    expect((await registry.call('GET', '/config/s')).status).toBe(404);
    expect((await registry.call('GET', '/config/s?defaultToGlobal=true')).body).toEqual({
      compatibilityLevel: 'BACKWARD',
    });
    expect((await registry.call('PUT', '/config/s', { compatibilityLevel: 'NONE' })).body).toEqual({
      compatibility: 'NONE',
    });
    expect((await registry.call('GET', '/config/s')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await registry.call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await registry.call('DELETE', '/config/s')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await registry.call('GET', '/config/s')).body).toMatchObject({ error_code: 40408 });
  });

  it('starts from the default level given to the app', async () => {
    const app = buildRegistryApp({ store: new MemoryRegistryStore(), defaultCompatibility: 'FULL' });
    expect((await app.inject({ method: 'GET', url: '/config' })).json()).toEqual({
      compatibilityLevel: 'FULL',
    });
  });
});
