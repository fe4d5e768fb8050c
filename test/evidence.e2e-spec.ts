import { createHash, randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/*
 * Evidence files kept with dispute cases, mediations and alerts (issue 15): uploaded as multipart,
 * typed from their content, listed and downloaded byte for byte by those who see the record,
 * removed as an event, erased with a person. Through HTTP, against the real database.
 */

const NOW = new Date('2026-03-10T02:00:00Z');
/** Small, so that the size refusal needs no 20 MB body. */
const MAX_BYTES = 64 * 1024;

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let bujiMediator: User; // buji
let supervisor: User; // pinghu
let informant: User; // pinghu
let otherInformant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('evidence', { now: NOW, env: { EVIDENCE_MAX_BYTES: String(MAX_BYTES) } });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  bujiMediator = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  informant = await app.user('informant', 'pinghu');
  otherInformant = await app.user('informant', 'pinghu');
  await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ displayName: '李梅' }).expect(200);
});
afterAll(async () => {
  await app?.close();
});

const ID_NUMBER = '11010519491231002X';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(5_000), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.from('This program cannot be run in DOS mode.'), randomBytes(2_000)]);

const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));
const upload = (token: string, path: string, file: Buffer | undefined, fileName: string, description: string | undefined, headers: Record<string, string> = {}) => {
  let req = app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers);
  if (description !== undefined) req = req.field('description', description);
  if (file) req = req.attach('file', file, fileName);
  return req;
};
/** A download's body as the bytes that came, whatever their type. */
const download = (token: string, path: string) =>
  get(token, path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
const storedFiles = async () => ((await app.api.get(DataSource).query(`SELECT count(*)::int AS n FROM evidence_files`)) as Array<{ n: number }>)[0].n;
const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field).sort();

async function openDispute(token = mediator.token) {
  const res = await app
    .http()
    .post('/api/v1/disputes')
    .set(...bearer(token))
    .send({
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      category: 'wage_arrears',
      workersInvolved: 2,
      amountClaimedFen: 3_600_000,
      summary: '2月工资未发放',
      openedOn: '2026-03-02',
      claimants: [{ name: '张三', idNumber: ID_NUMBER, phone: '13812345678' }],
      confirmDuplicate: true,
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('evidence on a dispute case', () => {
  let disputeId: string;
  let fileId: string;

  beforeAll(async () => {
    disputeId = await openDispute();
  });

  it('uploads a PDF: typed from its content, its SHA-256 kept, the record version moved, the event without the bytes', async () => {
    const before = (await get(mediator.token, `/disputes/${disputeId}`)).body.version as number;
    const res = await upload(mediator.token, `/disputes/${disputeId}/evidence`, PDF, '工资单 (3月).pdf', '三月工资单');
    expect(res.status).toBe(201);
    fileId = res.body.file.id;
    expect(res.body).toEqual({
      recordId: disputeId,
      version: before + 1,
      created: true,
      file: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        fileName: '工资单 (3月).pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        description: '三月工资单',
        attachedAt: expect.stringMatching(/\+08:00$/),
        attachedBy: { id: mediator.id, displayName: '李梅' },
        erased: false,
        href: `/api/v1/disputes/${disputeId}/evidence/${fileId}`,
      },
    });
    expect(res.headers.location).toBe(`/api/v1/disputes/${disputeId}/evidence/${fileId}`);
    expect(res.headers.etag).toBe(`"${before + 1}"`);
    const events = await app.store.readStream(`dispute-${disputeId}`);
    const attached = events.at(-1)!;
    expect(attached.type).toBe('EvidenceAttached');
    expect(Object.keys(attached.data).sort()).toEqual(['attachedAt', 'attachedBy', 'contentType', 'description', 'fileId', 'fileName', 'sha256', 'sizeBytes']);
    expect(attached.metadata).toMatchObject({ actorId: mediator.id, actorRole: 'mediator' });
  });

  it('lists the file for those who see the case, and downloads it byte for byte with safe headers', async () => {
    const list = await get(supervisor.token, `/disputes/${disputeId}/evidence`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([fileId]);

    const res = await download(supervisor.token, `/disputes/${disputeId}/evidence/${fileId}`);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___ (3_).pdf"; filename*=UTF-8''${encodeURIComponent('工资单 ')}%283${encodeURIComponent('月')}%29.pdf`,
    );
  });

  it('takes the same file twice on one record as one file: 200, the same id, nothing appended or stored', async () => {
    const events = await app.requestEventCount();
    const stored = await storedFiles();
    const res = await upload(mediator.token, `/disputes/${disputeId}/evidence`, PDF, 'again.pdf', '又传了一次');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: false, file: { id: fileId, fileName: '工资单 (3月).pdf' } });
    expect(await app.requestEventCount()).toBe(events);
    expect(await storedFiles()).toBe(stored);
  });

  it('refuses an .exe renamed .pdf (415), a file over EVIDENCE_MAX_BYTES (413) and a missing description (400), naming the field, changing nothing', async () => {
    const events = await app.requestEventCount();
    const stored = await storedFiles();

    const exe = await upload(mediator.token, `/disputes/${disputeId}/evidence`, EXE, 'invoice.pdf', '发票');
    expect(exe.status).toBe(415);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(exe.body).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: 'file', message: expect.stringMatching(/executable/) }] });

    const big = await upload(mediator.token, `/disputes/${disputeId}/evidence`, Buffer.concat([PDF, randomBytes(MAX_BYTES)]), 'big.pdf', '太大');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });

    const noDescription = await upload(mediator.token, `/disputes/${disputeId}/evidence`, JPEG, 'photo.jpg', undefined);
    expect(noDescription.status).toBe(400);
    expect(fields(noDescription)).toEqual(['description']);
    const noFile = await upload(mediator.token, `/disputes/${disputeId}/evidence`, undefined, '', '没有文件');
    expect(noFile.status).toBe(400);
    expect(fields(noFile)).toEqual(['file']);
    const nul = await upload(mediator.token, `/disputes/${disputeId}/evidence`, JPEG, 'photo.jpg', 'a\u0000b');
    expect(fields(nul)).toEqual(['description']);
    const extra = await upload(mediator.token, `/disputes/${disputeId}/evidence`, JPEG, 'photo.jpg', '照片').field('caseNo', 'x');
    expect(extra.status).toBe(400);

    // Multipart is parsed on the evidence routes only: anywhere else it is a 415, as any body but JSON.
    const elsewhere = await upload(mediator.token, `/disputes/${disputeId}/steps`, JPEG, 'photo.jpg', '照片');
    expect(elsewhere.status).toBe(415);

    expect(await app.requestEventCount()).toBe(events);
    expect(await storedFiles()).toBe(stored);
  });

  it('is invisible to a mediator of another sub-district: 404 everywhere, as the case itself', async () => {
    expect((await get(bujiMediator.token, `/disputes/${disputeId}`)).status).toBe(404);
    expect((await get(bujiMediator.token, `/disputes/${disputeId}/evidence`)).status).toBe(404);
    expect((await download(bujiMediator.token, `/disputes/${disputeId}/evidence/${fileId}`)).status).toBe(404);
    expect((await upload(bujiMediator.token, `/disputes/${disputeId}/evidence`, JPEG, 'p.jpg', '照片')).status).toBe(404);
    expect((await app.http().delete(`/api/v1/disputes/${disputeId}/evidence/${fileId}`).set(...bearer(bujiMediator.token))).status).toBe(404);
    // And an informant has no business with dispute cases at all.
    expect((await get(informant.token, `/disputes/${disputeId}/evidence`)).status).toBe(403);
  });

  it('replays an upload with the same Idempotency-Key, and refuses the key for another file (422)', async () => {
    const key = randomUUID();
    const first = await upload(mediator.token, `/disputes/${disputeId}/evidence`, JPEG, '厂门口.jpg', '厂门口通知', { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const again = await upload(mediator.token, `/disputes/${disputeId}/evidence`, JPEG, '厂门口.jpg', '厂门口通知', { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await upload(mediator.token, `/disputes/${disputeId}/evidence`, PDF.subarray(0, 1000), 'x.pdf', '别的', { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(fields(other)).toEqual(['Idempotency-Key']);
  });

  it('removes a file as an event: the bytes deleted, the fact on the timeline with who did it', async () => {
    const res = await app.http().delete(`/api/v1/disputes/${disputeId}/evidence/${fileId}`).set(...bearer(mediator.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recordId: disputeId, fileId });
    expect((await get(mediator.token, `/disputes/${disputeId}/evidence`)).body.items.map((f: { id: string }) => f.id)).not.toContain(fileId);
    expect((await download(mediator.token, `/disputes/${disputeId}/evidence/${fileId}`)).status).toBe(404);
    const rows = await app.api.get(DataSource).query(`SELECT 1 FROM evidence_files WHERE file_id = $1`, [fileId]);
    expect(rows).toHaveLength(0);

    const timeline = await get(supervisor.token, `/disputes/${disputeId}/timeline`);
    const evidenceEvents = timeline.body.events.filter((e: { type: string }) => e.type.startsWith('Evidence'));
    expect(evidenceEvents.map((e: { type: string; data: { fileId: string } }) => [e.type, e.data.fileId])).toEqual([
      ['EvidenceAttached', fileId],
      ['EvidenceAttached', expect.any(String)],
      ['EvidenceRemoved', fileId],
    ]);
    expect(evidenceEvents[2].actor).toMatchObject({ id: mediator.id, displayName: '李梅' });
    const badKey = await app.http().delete(`/api/v1/disputes/${disputeId}/evidence/${fileId}`).set(...bearer(mediator.token)).set('Idempotency-Key', 'key with spaces');
    expect(badKey.status).toBe(400);
    expect(fields(badKey)).toEqual(['Idempotency-Key']);
    // Removing it again changes nothing.
    expect((await app.http().delete(`/api/v1/disputes/${disputeId}/evidence/${fileId}`).set(...bearer(mediator.token))).status).toBe(200);
    expect((await app.http().delete(`/api/v1/disputes/${disputeId}/evidence/${randomUUID()}`).set(...bearer(mediator.token))).status).toBe(404);
  });
});

describe('evidence on a mediation and on an alert', () => {
  it('keeps an XLSX (a real workbook) with a mediation', async () => {
    const referred = await app
      .http()
      .post('/api/v1/mediations')
      .set(...bearer(mediator.token))
      .send({
        court: '深圳市龙岗区人民法院',
        courtCaseNo: '（2026）粤0307民诉前调0777号',
        referredOn: '2026-03-02',
        subDistrict: 'pinghu',
        category: 'wage_arrears',
        employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        workers: [{ name: '王五' }],
        claimAmountFen: 1_200_000,
      });
    expect(referred.status).toBe(201);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('考勤').addRow(['姓名', '出勤天数']).commit();
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(mediator.token, `/mediations/${referred.body.id}/evidence`, xlsx, '考勤记录.xlsx', '二月考勤记录');
    expect(res.status).toBe(201);
    expect(res.body.file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const back = await download(supervisor.token, `/mediations/${referred.body.id}/evidence/${res.body.file.id}`);
    expect(Buffer.compare(back.body as Buffer, xlsx)).toBe(0);
    expect((await get(bujiMediator.token, `/mediations/${referred.body.id}/evidence`)).status).toBe(404);
    const timeline = await get(supervisor.token, `/mediations/${referred.body.id}/timeline`);
    expect(timeline.body.events.at(-1)).toMatchObject({ type: 'EvidenceAttached', data: { fileName: '考勤记录.xlsx' }, actor: { id: mediator.id, displayName: '李梅' } });
  });

  it("lets an informant attach a photo to their own alert, and to no one else's", async () => {
    const submitted = await app
      .http()
      .post('/api/v1/alerts')
      .set(...bearer(informant.token))
      .set('Idempotency-Key', randomUUID())
      .send({
        enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        subDistrict: 'pinghu',
        signals: ['wage_delay'],
        workersAffected: 12,
        description: '2月工资未发',
        observedAt: '2026-03-10T08:30:00+08:00',
      });
    expect(submitted.status).toBe(201);
    const alertId = submitted.body.id as string;
    const res = await upload(informant.token, `/alerts/${alertId}/evidence`, JPEG, 'IMG_0001.jpg', '厂门口贴的停工通知');
    expect(res.status).toBe(201);
    expect(res.body.file.contentType).toBe('image/jpeg');
    expect((await get(informant.token, `/alerts/${alertId}/evidence`)).body.items).toHaveLength(1);
    expect((await get(mediator.token, `/alerts/${alertId}/evidence`)).body.items).toHaveLength(1);
    expect((await get(otherInformant.token, `/alerts/${alertId}/evidence`)).status).toBe(404);
    expect((await upload(otherInformant.token, `/alerts/${alertId}/evidence`, PDF, 'x.pdf', '别人的')).status).toBe(404);
    expect((await get(bujiMediator.token, `/alerts/${alertId}/evidence`)).status).toBe(404);
  });
});

describe('evidence of an erased person', () => {
  it('goes with them: the bytes deleted, the file listed as erased, its download 410', async () => {
    const disputeId = await openDispute();
    const res = await upload(mediator.token, `/disputes/${disputeId}/evidence`, Buffer.concat([PDF, Buffer.from('erasure')]), '劳动合同.pdf', '张三的劳动合同');
    expect(res.status).toBe(201);
    const fileId = res.body.file.id as string;
    const personId = (await get(admin, `/disputes/${disputeId}`)).body.claimants[0].personId as string;

    const erased = await app.http().post(`/api/v1/persons/${personId}/erasure`).set(...bearer(admin)).send({ reason: '本人申请删除' });
    expect(erased.status).toBe(200);
    await app.settled();

    const list = await get(mediator.token, `/disputes/${disputeId}/evidence`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: fileId, erased: true, sha256: res.body.file.sha256 })]);
    const gone = await download(mediator.token, `/disputes/${disputeId}/evidence/${fileId}`);
    expect(gone.status).toBe(410);
    expect(await app.api.get(DataSource).query(`SELECT 1 FROM evidence_files WHERE file_id = $1`, [fileId])).toHaveLength(0);
  });
});
