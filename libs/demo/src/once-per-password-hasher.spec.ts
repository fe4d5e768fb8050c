import { verify } from 'argon2';
import { OncePerPasswordHasher } from './once-per-password-hasher';

describe('the demo hashes its shared password once', () => {
  it('answers every account with the hash made the first time, and the hash verifies', async () => {
    const hasher = new OncePerPasswordHasher();
    const [first, second] = await Promise.all([hasher.hash('demo-password-1'), hasher.hash('demo-password-1')]);
    expect(second).toBe(first);
    expect(await verify(first, 'demo-password-1')).toBe(true);
    expect(await verify(first, 'demo-password-2')).toBe(false);
  });

  it('hashes another password on its own', async () => {
    const hasher = new OncePerPasswordHasher();
    const one = await hasher.hash('demo-password-1');
    const other = await hasher.hash('demo-password-2');
    expect(other).not.toBe(one);
    expect(await verify(other, 'demo-password-2')).toBe(true);
  });
});
