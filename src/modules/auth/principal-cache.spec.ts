import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';

const principal = (userId: string) => ({ userId, organisationIds: [] }) as unknown as Principal;

describe('PrincipalCache', () => {
  const live = () => {
    const cache = new PrincipalCache(5000);
    cache.setListening(true);
    return cache;
  };

  it('keeps a principal until its time, its token expiry or an invalidation', () => {
    const cache = live();
    cache.set('h', principal('u1'), new Date(3000), null, 0, cache.stamp);
    expect(cache.get('h', 1000)?.principal.userId).toBe('u1');
    expect(cache.get('h', 3000)).toBeNull(); // the token expired
    cache.set('h', principal('u1'), null, null, 0, cache.stamp);
    expect(cache.get('h', 5000)).toBeNull(); // the cache time passed
    cache.set('h', principal('u1'), null, null, 0, cache.stamp);
    cache.invalidateUser('u2');
    expect(cache.get('h', 1)).not.toBeNull();
    cache.invalidateUser('u1');
    expect(cache.get('h', 1)).toBeNull();
  });

  it('refuses an answer read before an invalidation that happened while it was read', () => {
    const cache = live();
    const stamp = cache.stamp; // lookup starts
    cache.invalidateUser('u1'); // a change commits meanwhile
    cache.set('h', principal('u1'), null, null, 0, stamp); // the stale answer arrives
    expect(cache.get('h', 1)).toBeNull();
  });

  it('caches nothing without a live listener, or with a zero time', () => {
    const off = new PrincipalCache(5000);
    off.set('h', principal('u1'), null, null, 0, off.stamp);
    expect(off.get('h', 1)).toBeNull();
    const zero = new PrincipalCache(0);
    zero.setListening(true);
    zero.set('h', principal('u1'), null, null, 0, zero.stamp);
    expect(zero.get('h', 1)).toBeNull();
    const lost = live();
    lost.set('h', principal('u1'), null, null, 0, lost.stamp);
    lost.setListening(false);
    lost.setListening(true);
    expect(lost.get('h', 1)).toBeNull();
  });
});
