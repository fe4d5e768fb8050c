import { PasswordHasher } from '@lc/accounts';

/**
 * Every demo account has the same password (printed at the end): hashing it afresh for each of
 * the year's ~200 accounts cost 6–8 s of CPU (argon2id, ~40 ms each). The hash made once
 * (with its own random salt) serves them all; it tells an attacker nothing the printed password
 * does not. Only the demo's process does this; the API hashes every password with its own salt.
 */
export class OncePerPasswordHasher extends PasswordHasher {
  private readonly made = new Map<string, Promise<string>>();

  override hash(password: string): Promise<string> {
    let made = this.made.get(password);
    if (!made) {
      made = super.hash(password);
      this.made.set(password, made);
      made.catch(() => this.made.delete(password));
    }
    return made;
  }
}
