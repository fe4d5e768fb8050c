import { createHash, createHmac } from 'node:crypto';
import { EvidenceStorage, StoredEvidence } from './evidence-storage.port';

export interface S3Settings {
  /** e.g. https://oss-cn-shenzhen.aliyuncs.com, http://127.0.0.1:9000 (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const encode = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Authorization header of AWS Signature Version 4 for S3 (no query string; the path already
 * encoded as sent). Pure, so it is checked against AWS's published example.
 */
export function signV4(request: {
  method: string;
  path: string;
  /** Every header to sign, names in lower case (host, x-amz-content-sha256, x-amz-date at least). */
  headers: Record<string, string>;
  payloadHash: string;
  amzDate: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): string {
  const names = Object.keys(request.headers).sort();
  const canonicalRequest = [request.method, request.path, '', ...names.map((n) => `${n}:${request.headers[n].trim()}`), '', names.join(';'), request.payloadHash].join('\n');
  const day = request.amzDate.slice(0, 8);
  const scope = `${day}/${request.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${request.secretAccessKey}`, day), request.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`;
}

/**
 * Any S3-compatible object store (AWS S3, Alibaba OSS, Tencent COS, MinIO, Ceph), path-style
 * (`endpoint/bucket/key`), signed with AWS Signature Version 4 on node:crypto and fetch: three
 * calls (PUT, GET, DELETE) do not justify an SDK of several megabytes. The payload's SHA-256 is
 * signed, so the store refuses bytes altered on the way. Tested against a real server only
 * (S3_ENDPOINT set); never against a fake.
 */
export class S3EvidenceStorage implements EvidenceStorage {
  readonly name = 's3';

  constructor(private readonly settings: S3Settings) {}

  /** Makes the bucket when it is not there (a first start, a test server); one that exists is left as it is. */
  async ensureBucket(): Promise<void> {
    const res = await this.request('PUT', `/${encode(this.settings.bucket)}`);
    if (res.ok) return;
    const error = await this.failure('PUT bucket', this.settings.bucket, res);
    if (res.status !== 409 || !/BucketAlready/.test(error.message)) throw error;
  }

  async put(file: StoredEvidence): Promise<void> {
    const res = await this.send('PUT', file.fileId, file.content, { 'content-type': file.contentType });
    if (!res.ok) throw await this.failure('PUT', file.fileId, res);
  }

  async get(fileId: string): Promise<Buffer | undefined> {
    const res = await this.send('GET', fileId);
    if (res.status === 404) return undefined;
    if (!res.ok) throw await this.failure('GET', fileId, res);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(fileId: string): Promise<void> {
    const res = await this.send('DELETE', fileId);
    // S3 answers 204 for a key that is not there too.
    if (!res.ok && res.status !== 404) throw await this.failure('DELETE', fileId, res);
  }

  private objectPath(fileId: string): string {
    return `/${encode(this.settings.bucket)}/evidence/${encode(fileId)}`;
  }

  private send(method: string, fileId: string, body?: Buffer, extra: Record<string, string> = {}): Promise<Response> {
    return this.request(method, this.objectPath(fileId), body, extra);
  }

  private async request(method: string, resource: string, body?: Buffer, extra: Record<string, string> = {}): Promise<Response> {
    const endpoint = new URL(this.settings.endpoint);
    const basePath = endpoint.pathname.replace(/\/$/, '');
    const path = `${basePath}${resource}`;
    const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
    const payloadHash = sha256Hex(body ?? '');
    const headers: Record<string, string> = { host: endpoint.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate, ...extra };
    const authorization = signV4({ method, path, headers, payloadHash, amzDate, ...this.settings });
    const { host: _host, ...sent } = headers;
    return fetch(new URL(path, endpoint), {
      method,
      body: body ? new Uint8Array(body) : undefined,
      headers: {
        ...sent,
        authorization,
      },
    });
  }

  private async failure(method: string, what: string, res: Response): Promise<Error> {
    const text = await res.text().catch(() => '');
    // The store's own code (NoSuchBucket, AccessDenied...) says what to fix; the body is XML.
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? res.statusText;
    return new Error(`S3 ${method} of ${what} failed: ${res.status} ${code}`);
  }
}
