import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/*
 * AES-256-GCM from node:crypto, for two jobs: sealing one personal field under its person's key,
 * and wrapping a person's key under the master key. Both bind the ciphertext to where it belongs
 * (associated data), so a sealed value moved to another person or field fails to open.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** What a sealed field looks like in the event log: `pd1:` and base64url(iv | ciphertext | tag). */
export const SEALED_PREFIX = 'pd1:';

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

const fieldAad = (personId: string, field: string) => `person:${personId}:${field}`;

/** One personal field's text, sealed under its person's key. */
export function sealField(key: Buffer, personId: string, field: string, value: string): string {
  return SEALED_PREFIX + encrypt(key, Buffer.from(value, 'utf8'), fieldAad(personId, field)).toString('base64url');
}

/** The text sealField sealed; throws when the key, person or field is not the one it was sealed for. */
export function openField(key: Buffer, personId: string, field: string, sealed: string): string {
  if (!isSealed(sealed)) throw new Error('not a sealed value');
  return decrypt(key, Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url'), fieldAad(personId, field)).toString('utf8');
}

export function newPersonKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The master key from the environment and what derives from it: the key that wraps person keys,
 * the key of the lookup digests (HMAC), and a public id to tell which master key wrapped a row.
 */
export class MasterKey {
  readonly id: string;
  private readonly wrapping: Buffer;
  private readonly lookup: Buffer;

  constructor(secret: Buffer) {
    if (secret.length !== KEY_BYTES) throw new RangeError(`the master key must be ${KEY_BYTES} bytes`);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `labour-cases/${info}`, KEY_BYTES));
    this.wrapping = derive('person-key-wrapping');
    this.lookup = derive('person-lookup');
    this.id = createHash('sha256').update(derive('key-id')).digest('hex').slice(0, 16);
  }

  wrap(personId: string, key: Buffer): Buffer {
    return encrypt(this.wrapping, key, `person-key:${personId}`);
  }

  unwrap(personId: string, wrapped: Buffer): Buffer {
    return decrypt(this.wrapping, wrapped, `person-key:${personId}`);
  }

  /**
   * A keyed digest (blind index) of an identifier, for finding a person by ID number or phone
   * without keeping either in clear. Kept beside the keys, never in the event log: with the
   * master key, a digest of a low-entropy ID number could be matched by trying them all.
   */
  digest(kind: 'identity' | 'idNumber' | 'phone', value: string): Buffer {
    return createHmac('sha256', this.lookup).update(`${kind}\u0000${value}`).digest();
  }
}
