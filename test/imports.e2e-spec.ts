import ExcelJS from 'exceljs';
import { RecordedEvent } from '@lc/event-store';
import { readWholeLog } from '@lc/demo';
import { CaseNumberAllocator } from '@lc/disputes';
import { fileHashOf, importedRecordId, parseCsv, toCsv } from '@lc/imports';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

// 2023-01-10 10:00 in Shanghai: rows dated after it are in the future.
const NOW = new Date('2023-01-10T02:00:00Z');

let app: TestApp;
let admin: string;
let mediator: { id: string; username: string; token: string };

beforeAll(async () => {
  app = await startTestApp('imports', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  const created = await app.user('mediator', 'pinghu');
  mediator = { id: created.id, username: created.username, token: created.token };
});
afterAll(async () => {
  await app?.close();
});

type Kind = 'disputes' | 'mediations' | 'complaints';

function upload(kind: Kind, content: Buffer | string, fileName: string, options: { dryRun?: boolean; token?: string } = {}) {
  return app
    .http()
    .post(`/api/v1/imports?kind=${kind}${options.dryRun ? '&dryRun=true' : ''}`)
    .set(...bearer(options.token ?? admin))
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), fileName);
}

async function finished(id: string): Promise<Record<string, any>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await app.http().get(`/api/v1/imports/${id}`).set(...bearer(admin));
    expect(res.status).toBe(200);
    if (res.body.state === 'completed' || res.body.state === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Events on dispute, complaint and mediation streams: what an import may write. Read once the
 * worker's projections are done: the log shows events only below the oldest open transaction.
 */
async function recordEvents(): Promise<RecordedEvent[]> {
  await app.settled();
  return readWholeLog(app.store, ['dispute-', 'complaint-', 'mediation-']);
}

type ImportMetadata = { importId: string; row: number; fileHash: string; kind: string };
const rowOf = (e: RecordedEvent) => (e.metadata.import as ImportMetadata).row;

async function importedEvents(importId: string): Promise<RecordedEvent[]> {
  return (await recordEvents()).filter((e) => (e.metadata.import as ImportMetadata | undefined)?.importId === importId);
}

const DISPUTE_HEADERS_ZH = ['街道', '来源渠道', '纠纷类型', '用人单位', '统一社会信用代码', '涉及职工人数', '诉求金额（元）', '案情摘要', '受理日期', '申请人', '申请人身份证号', '调解员账号', '追回金额（元）', '追回日期', '办结结果', '办结日期'];

function disputeRow(overrides: Partial<Record<string, string>> = {}): string[] {
  const row: Record<string, string> = {
    街道: '平湖',
    来源渠道: '来访',
    纠纷类型: '欠薪',
    用人单位: '深圳市某某电子有限公司',
    统一社会信用代码: '91440300708461136T',
    涉及职工人数: '12',
    '诉求金额（元）': '360,000.00',
    案情摘要: '12名员工反映2月工资未发放',
    受理日期: '2021-03-02',
    申请人: '张三',
    申请人身份证号: '11010519491231002X',
    调解员账号: '',
    '追回金额（元）': '300000.5',
    追回日期: '2021-03-25',
    办结结果: '调解成功',
    办结日期: '2021-03-20',
    ...overrides,
  };
  return DISPUTE_HEADERS_ZH.map((h) => row[h]);
}

describe('templates', () => {
  it('gives a CSV template with a BOM and each header in Chinese and English', async () => {
    const res = await app.http().get('/api/v1/imports/template?kind=disputes&format=csv').set(...bearer(admin)).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('import-template-disputes.csv');
    const text = res.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header] = parseCsv(text);
    expect(header.cells).toContain('街道 / subDistrict');
    expect(header.cells).toContain('受理日期 / openedOn');
    expect(header.cells).toContain('追回金额（元） / amountRecoveredYuan');
  });

  it.each(['disputes', 'mediations', 'complaints'] as const)('gives an XLSX template for %s, with the columns explained in both languages', async (kind) => {
    const res = await app
      .http()
      .get(`/api/v1/imports/template?kind=${kind}&format=xlsx`)
      .set(...bearer(admin))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const [data, notes] = workbook.worksheets;
    expect(data.getRow(1).getCell(1).value).toMatch(/^[\u4e00-\u9fa5].* \/ [a-zA-Z]+$/);
    expect(notes.getRow(2).values).toEqual(expect.arrayContaining(['中文表头', 'English header']));
    expect(notes.rowCount).toBeGreaterThan(5);
  });

  it('refuses an unknown kind', async () => {
    const res = await app.http().get('/api/v1/imports/template?kind=alerts').set(...bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('kind');
  });
});

describe('a dry run', () => {
  it('reports every bad row with its row, column and message, and writes nothing', async () => {
    const before = (await recordEvents()).length;
    const csv = toCsv([
      DISPUTE_HEADERS_ZH,
      disputeRow(),
      disputeRow({ 统一社会信用代码: '91440300708461136U' }),
      disputeRow({ 办结日期: '2021-02-28' }),
      disputeRow({ 受理日期: '2023-02-01', 追回日期: '2023-02-02', 办结日期: '2023-02-02' }),
      disputeRow({ 街道: '福田', 涉及职工人数: '十二' }),
      disputeRow({ 办结日期: '' }),
      disputeRow({ 调解员账号: 'nobody-here' }),
      disputeRow({ 申请人身份证号: '110105194912310021' }),
    ]);
    const res = await upload('disputes', csv, '2021年纠纷.csv', { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, kind: 'disputes', format: 'csv', rowsTotal: 8, rowsValid: 1, rowsWithErrors: 7, rowsAlreadyImported: 0 });
    expect(res.body.fileName).toBe('2021年纠纷.csv');
    const errors = res.body.errors as Array<{ row: number; column: string | null; field: string | null; message: string }>;
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => [e.column, e.field]);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([['统一社会信用代码', 'employerCreditCode']]);
    expect(errors.find((e) => e.row === 3)!.message).toMatch(/check character/);
    // The decider's rule: a resolution is not before the opening.
    expect(at(4)).toEqual([['办结日期', 'resolvedOn']]);
    expect(errors.find((e) => e.row === 4)!.message).toMatch(/before the day the case was opened/);
    // The opening in the future, and so are the recovery and the resolution: each is listed.
    expect(at(5)).toEqual([
      ['受理日期', 'openedOn'],
      ['追回日期', 'recoveredOn'],
      ['办结日期', 'resolvedOn'],
    ]);
    expect(errors.filter((e) => e.row === 5).every((e) => /in the future/.test(e.message))).toBe(true);
    expect(at(6)).toEqual([
      ['街道', 'subDistrict'],
      ['涉及职工人数', 'workersInvolved'],
    ]);
    expect(errors.find((e) => e.row === 6 && e.field === 'subDistrict')!.message).toContain('平湖 (pinghu)');
    expect(at(7)).toEqual([['办结日期', 'resolvedOn']]);
    expect(at(8)).toEqual([['调解员账号', 'mediator']]);
    expect(errors.find((e) => e.row === 8)!.message).toBe('no account has the username nobody-here');
    expect(at(9)).toEqual([['申请人身份证号', 'claimantIdNumber']]);
    expect(JSON.stringify(errors)).not.toContain('110105194912310021');

    expect((await recordEvents()).length).toBe(before);
  });

  it('lists every error of a row at once: bad cells, the schema and the business rules together', async () => {
    const csv = toCsv([
      DISPUTE_HEADERS_ZH,
      disputeRow({
        纠纷类型: '吵架', // not a category
        涉及职工人数: '十二', // not a number
        统一社会信用代码: '91440300708461136U', // a bad check character (the API's schema)
        调解员账号: 'nobody-here', // no such account
        办结日期: '2021-02-28', // before the opening: the decider's rule
      }),
    ]);
    const res = await upload('disputes', csv, 'many-errors.csv', { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rowsTotal: 1, rowsValid: 0, rowsWithErrors: 1 });
    const errors = res.body.errors as Array<{ row: number; column: string | null; field: string | null; message: string }>;
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [2, '纠纷类型', 'category'],
      [2, '涉及职工人数', 'workersInvolved'],
      [2, '统一社会信用代码', 'employerCreditCode'],
      [2, '调解员账号', 'mediator'],
      [2, '办结日期', 'resolvedOn'],
    ]);
    expect(errors.find((e) => e.field === 'resolvedOn')!.message).toMatch(/before the day the case was opened/);

    // Business rules of two commands beside a schema error: a refused recovery does not stop the
    // resolution from being decided. And when the schema refuses the opening day itself, the later
    // dates are still checked against the rules that need no opening day (not in the future).
    const twoRules = await upload(
      'disputes',
      toCsv([
        DISPUTE_HEADERS_ZH,
        disputeRow({
          统一社会信用代码: '91440300708461136U', // the API's schema: a bad check character
          追回日期: '2021-03-01', // before the opening (2021-03-02): the recovery's rule
          办结日期: '2023-02-01', // after today (2023-01-10): the resolution's rule
        }),
        disputeRow({ 受理日期: '1900-01-01', 追回日期: '2023-02-02', 办结日期: '2023-02-03' }),
      ]),
      'two-rules.csv',
      { dryRun: true },
    );
    expect(twoRules.status).toBe(200);
    expect(twoRules.body).toMatchObject({ rowsTotal: 2, rowsValid: 0, rowsWithErrors: 2 });
    const listed = twoRules.body.errors as Array<{ row: number; column: string | null; field: string | null; message: string }>;
    expect(listed.map((e) => [e.row, e.column, e.field])).toEqual([
      [2, '统一社会信用代码', 'employerCreditCode'],
      [2, '追回日期', 'recoveredOn'],
      [2, '办结日期', 'resolvedOn'],
      [3, '受理日期', 'openedOn'],
      [3, '追回日期', 'recoveredOn'],
      [3, '办结日期', 'resolvedOn'],
    ]);
    expect(listed[1].message).toMatch(/before the day the case was opened/);
    expect(listed[2].message).toMatch(/in the future/);
    expect(listed[3].message).toMatch(/1949-10-01/);
    expect(listed.slice(4).every((e) => /in the future/.test(e.message))).toBe(true);
    // The real run refuses the same file whole, as any file with a bad row.
    const real = await upload('disputes', toCsv([DISPUTE_HEADERS_ZH, disputeRow({ 追回日期: '2021-03-01', 办结日期: '2023-02-01' })]), 'two-rules.csv');
    expect(real.status).toBe(400);
    expect(real.body.detail).toBe('Of 1 row, 1 has errors: nothing was imported');
    expect((real.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['recoveredOn', 'resolvedOn']);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['委派法院', '法院案号', '委派日期', '街道', '纠纷类型', '用人单位', '统一社会信用代码', '职工姓名', '调解结果', '结案日期', '调解金额（元）', '司法确认', '申请司法确认日期', '司法确认日期']);
    // No court case number, an unknown category, and a judicial confirmation applied for 40 days after
    // the agreement (the decider's 30-day window).
    sheet.addRow(['深圳市龙岗区人民法院', '', '2021-05-06', '坂田', '吵架', '某公司', '91350200776049653A', '王五', '调解成功', '2021-05-20', 100, '已确认', '2021-06-29', '2021-07-01']);
    const mediations = await upload('mediations', Buffer.from(await workbook.xlsx.writeBuffer()), 'many-errors.xlsx', { dryRun: true });
    expect(mediations.status).toBe(200);
    expect((mediations.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['courtCaseNo', 'category', 'judicialConfirmationAppliedOn']);
  });

  it('reports an unknown or missing column against the header row', async () => {
    const res = await upload('disputes', toCsv([['街道', '来源渠道', '备注栏'], ['平湖', '来访', 'x']]), 'bad.csv', { dryRun: true });
    expect(res.status).toBe(200);
    const errors = res.body.errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.row === 1)).toBe(true);
    expect(errors.find((e) => e.column === '备注栏')!.message).toMatch(/not a column/);
    expect(errors.find((e) => e.column === '受理日期')!.message).toMatch(/required column is missing/);
  });

  it('refuses a file that is not UTF-8 CSV or XLSX, naming the file', async () => {
    const gbk = Buffer.from([0xbd, 0xd6, 0xb5, 0xc0, 0x0d, 0x0a, 0xc6, 0xbd, 0xba, 0xfe]); // 街道 / 平湖 in GBK
    const res = await upload('disputes', gbk, 'old.csv', { dryRun: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors[0]).toMatchObject({ field: 'file' });
    expect(res.body.errors[0].message).toMatch(/UTF-8/);
  });

  it('needs the file', async () => {
    const res = await app.http().post('/api/v1/imports?kind=disputes').set(...bearer(admin)).field('note', 'x');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('file');
  });
});

describe('a real run', () => {
  it('writes nothing when a row is bad, and says which', async () => {
    const before = (await recordEvents()).length;
    const csv = toCsv([DISPUTE_HEADERS_ZH, disputeRow({ 案情摘要: '第一行没问题' }), disputeRow({ 纠纷类型: '加班费' })]);
    const res = await upload('disputes', csv, 'one-bad.csv');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toBe('Of 2 rows, 1 has errors: nothing was imported');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: '纠纷类型', field: 'category', message: expect.stringContaining('欠薪 (wage_arrears)') }),
    ]);
    expect((await recordEvents()).length).toBe(before);
  });

  let imported: { id: string; fileHash: string; body: string };

  it('imports a good CSV with Chinese headers: each row becomes the events it implies, dated as it says', async () => {
    const csv = toCsv([
      DISPUTE_HEADERS_ZH,
      disputeRow({ 调解员账号: mediator.username }),
      disputeRow({ 街道: 'buji', 来源渠道: 'hotline_12351', 用人单位: '深圳市布吉物流有限公司', 涉及职工人数: '45', 案情摘要: '45名司机反映被拖欠工资，内容含逗号, 和"引号"\n以及换行', '追回金额（元）': '', 追回日期: '', 办结结果: '', 办结日期: '' }),
      disputeRow({ 受理日期: '2021/12/28', '追回金额（元）': '5000', 追回日期: '', 办结结果: '转劳动监察', 办结日期: '2022年1月5日' }),
    ]);
    const res = await upload('disputes', csv, 'disputes-2021.csv');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/imports/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'disputes', state: 'queued', rowsTotal: 3, fileName: 'disputes-2021.csv' });

    const status = await finished(res.body.id);
    expect(status).toMatchObject({ state: 'completed', rowsTotal: 3, rowsDone: 3, rowsWritten: 3, rowsAlreadyImported: 0, errors: [] });
    expect(status.finishedAt).toEqual(expect.any(String));
    imported = { id: res.body.id, fileHash: status.fileHash, body: csv };

    const events = await importedEvents(res.body.id);
    // In the file's row order (the log's order need not follow it).
    const streams = [...new Set([...events].sort((a, b) => rowOf(a) - rowOf(b)).map((e) => e.streamId))];
    expect(streams).toHaveLength(3);
    const [first, second, third] = streams.map((s) => events.filter((e) => e.streamId === s));
    expect(first.map((e) => e.type)).toEqual(['DisputeOpened', 'MediatorAssigned', 'RecoveryRecorded', 'DisputeResolved']);
    expect(first[0].data).toMatchObject({
      caseNo: 'LG-PH-2021-0001',
      channel: 'walk_in',
      subDistrict: 'pinghu',
      category: 'wage_arrears',
      workersInvolved: 12,
      amountClaimedFen: 36_000_000,
      openedOn: '2021-03-02',
      claimants: [{ name: '张三', idNumber: '11010519491231002X' }],
    });
    expect(first[1].data).toEqual({ mediatorId: mediator.id });
    expect(first[2].data).toMatchObject({ amountFen: 30_000_050, recoveredOn: '2021-03-25' });
    expect(first[3].data).toMatchObject({ outcome: 'agreement', resolvedOn: '2021-03-20' });
    for (const e of first) {
      expect(e.metadata).toMatchObject({ import: { fileHash: status.fileHash, row: 2, kind: 'disputes' }, actorRole: 'admin' });
    }
    // A group dispute stays open; it is flagged as any case of 30+ workers would be.
    expect(second.map((e) => e.type)).toEqual(['DisputeOpened', 'GroupDisputeFlagged']);
    expect(second[0].data).toMatchObject({ caseNo: 'LG-BJ-2021-0001', channel: 'hotline_12351', summary: '45名司机反映被拖欠工资，内容含逗号, 和"引号"\n以及换行' });
    expect(second[0].metadata).toMatchObject({ import: { row: 3 } });
    // Recovered on the resolution day when the row gives no day of its own.
    expect(third.map((e) => [e.type, e.data.recoveredOn ?? e.data.resolvedOn])).toEqual([
      ['DisputeOpened', undefined],
      ['RecoveryRecorded', '2022-01-05'],
      ['DisputeResolved', '2022-01-05'],
    ]);

    await app.settled();
    const detail = await app.http().get(`/api/v1/disputes/${first[0].data.disputeId}`).set(...bearer(admin));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'resolved', amountRecoveredFen: 30_000_050 });
  });

  it('adds nothing when the same file is imported again', async () => {
    const before = (await recordEvents()).length;
    const dry = await upload('disputes', imported.body, 'again.csv', { dryRun: true });
    expect(dry.body).toMatchObject({ rowsTotal: 3, rowsValid: 3, rowsAlreadyImported: 3, errors: [] });

    const res = await upload('disputes', imported.body, 'again.csv');
    expect(res.status).toBe(202);
    expect(res.body.id).not.toBe(imported.id);
    const status = await finished(res.body.id);
    expect(status).toMatchObject({ state: 'completed', fileHash: imported.fileHash, rowsDone: 3, rowsWritten: 0, rowsAlreadyImported: 3 });
    expect(status.message).toBe('0 rows imported; 3 rows had been imported from this file before and were left as they were.');
    expect((await recordEvents()).length).toBe(before);
  });

  it('gives a retried job the numbers its crashed attempt took, and the rest after them, with no gap', async () => {
    // An attempt that numbered the first three rows of this file and stopped before writing them.
    const rows = [2, 3, 4, 5, 6];
    const csv = toCsv([DISPUTE_HEADERS_ZH, ...rows.map((n) => disputeRow({ 受理日期: `2020-0${n}-01`, 申请人身份证号: '', 申请人: `工人${n}`, '追回金额（元）': '', 追回日期: '', 办结结果: '', 办结日期: '' }))]);
    const ids = rows.map((row) => importedRecordId('disputes', fileHashOf(Buffer.from(csv, 'utf8')), row));
    expect(await app.worker.get(CaseNumberAllocator).allocateMany(ids.slice(0, 3), 'pinghu', 2020, { id: 'crashed-attempt', role: 'admin' })).toEqual(['LG-PH-2020-0001', 'LG-PH-2020-0002', 'LG-PH-2020-0003']);

    const res = await upload('disputes', csv, 'retried.csv');
    expect(await finished(res.body.id)).toMatchObject({ state: 'completed', rowsWritten: 5 });
    const opened = (await importedEvents(res.body.id)).filter((e) => e.type === 'DisputeOpened');
    expect(opened.sort((a, b) => rowOf(a) - rowOf(b)).map((e) => [rowOf(e), e.data.caseNo])).toEqual(
      rows.map((row, i) => [row, `LG-PH-2020-000${i + 1}`]),
    );
    expect((await app.store.readStream('case-numbers-LG-PH-2020')).map((e) => e.data.disputeId)).toEqual(ids);
  });

  it('imports mediations from XLSX with English headers, typed date and number cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['court', 'courtCaseNo', 'referredOn', 'subDistrict', 'category', 'employerName', 'employerCreditCode', 'workerNames', 'claimAmountYuan', 'mediator', 'result', 'endedOn', 'agreedAmountYuan', 'paymentTerms', 'reason', 'judicialConfirmation', 'judicialConfirmationAppliedOn', 'judicialConfirmationDecidedOn']);
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    sheet.addRow(['深圳市龙岗区人民法院', '（2021）粤0307民诉前调101号', day('2021-05-06'), 'Bantian', 'Wage arrears', '深圳市坂田精密五金有限公司', '91350200776049653A', '王五、赵六', 56000, mediator.username, 'agreement', day('2021-05-20'), 48000.5, '一次性支付', null, 'granted', day('2021-05-25'), day('2021-06-03')]);
    sheet.addRow(['深圳市龙岗区人民法院', '（2021）粤0307民诉前调102号', '2021-06-01', '坂田', '工伤', '深圳市坂田精密五金有限公司', '91350200776049653A', '钱七', null, null, '调解不成功', '2021-06-25', null, null, null, null, null, null]);
    sheet.addRow(['深圳市龙岗区人民法院', '（2021）粤0307民诉前调103号', '2021-07-01', 'bantian', 'other', '深圳市坂田精密五金有限公司', '91350200776049653A', '孙八', 1000, null, 'withdrawn', '2021-07-02', null, null, '当事人撤回', null, null, null]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await upload('mediations', content, 'mediations.xlsx');
    expect(res.status).toBe(202);
    expect(res.body.format).toBe('xlsx');
    const status = await finished(res.body.id);
    expect(status).toMatchObject({ state: 'completed', rowsWritten: 3 });

    const events = await importedEvents(res.body.id);
    const [agreed, failed, withdrawn] = [2, 3, 4].map((row) => events.filter((e) => rowOf(e) === row));
    expect(agreed.map((e) => e.type)).toEqual([
      'MediationReferred',
      'MediationMediatorAssigned',
      'MediationAgreementReached',
      'JudicialConfirmationApplied',
      'JudicialConfirmationGranted',
    ]);
    expect(agreed[0].data).toMatchObject({ referredOn: '2021-05-06', subDistrict: 'bantian', workers: [{ name: '王五' }, { name: '赵六' }], claimAmountFen: 5_600_000 });
    expect(agreed[2].data).toEqual({ amountFen: 4_800_050, agreedOn: '2021-05-20', paymentTerms: '一次性支付' });
    expect(agreed[4].data).toEqual({ on: '2021-06-03' });
    expect(failed.map((e) => e.type)).toEqual(['MediationReferred', 'MediationFailed']);
    expect(failed[0].data).toMatchObject({ category: 'work_injury', claimAmountFen: 0 });
    expect(failed[1].data).toMatchObject({ failedOn: '2021-06-25' });
    expect(withdrawn.map((e) => [e.type, e.data.withdrawnOn])).toEqual([
      ['MediationReferred', undefined],
      ['MediationWithdrawn', '2021-07-02'],
    ]);
  });

  it('checks XLSX rows as strictly as CSV, with the mediation rules', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['委派法院', '法院案号', '委派日期', '街道', '纠纷类型', '用人单位', '统一社会信用代码', '职工姓名', '调解结果', '结案日期', '调解金额（元）', '司法确认', '申请司法确认日期', '司法确认日期']);
    // Applied for judicial confirmation 40 days after the agreement: the decider's 30-day window is closed.
    sheet.addRow(['深圳市龙岗区人民法院', 'A-1', '2021-05-06', '坂田', '欠薪', '某公司', '91350200776049653A', '王五', '调解成功', '2021-05-20', 100, '已确认', '2021-06-29', '2021-07-01']);
    sheet.addRow(['深圳市龙岗区人民法院', 'A-2', '2021-05-06', '坂田', '欠薪', '某公司', '91350200776049653A', '王五', '调解成功', '2021-05-20', null, null, null, null]);
    sheet.addRow(['深圳市龙岗区人民法院', 'A-3', '2021-05-06', '坂田', '欠薪', '某公司', 110105194912310021, '王五', '调解失败', null, null, null, null, null]);
    const res = await upload('mediations', Buffer.from(await workbook.xlsx.writeBuffer()), 'bad.xlsx', { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.rowsWithErrors).toBe(3);
    const errors = res.body.errors as Array<{ row: number; field: string; message: string }>;
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'judicialConfirmationAppliedOn'],
      [3, 'agreedAmountYuan'],
      [4, 'employerCreditCode'],
      [4, 'endedOn'],
    ]);
    expect(errors[0].message).toMatch(/more than 30 days after the agreement/);
  });

  it('imports complaints from CSV with English headers and no BOM', async () => {
    const csv = toCsv([
      ['source', 'workOrderNo', 'subDistrict', 'employerName', 'summary', 'receivedAt', 'handledOn', 'handlingNote'],
      ['12351工单', 'GD-2022-0001', 'longgang', '深圳市龙岗某餐饮管理有限公司', '反映拖欠工资, 共3个月', '2022-03-02 09:30', '2022-03-04', '已联系企业'],
      ['online_opinion', '', '龙城', '', '网帖称某厂欠薪', '2022-12-30 22:15', '', ''],
    ]).slice(1);
    const res = await upload('complaints', csv, 'complaints.csv');
    expect(res.status).toBe(202);
    const status = await finished(res.body.id);
    expect(status).toMatchObject({ state: 'completed', rowsWritten: 2 });
    // Rows are written a few at a time: in the log, one row's events stay together, in order.
    const events = (await importedEvents(res.body.id)).sort((a, b) => rowOf(a) - rowOf(b));
    expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintHandled', 'ComplaintReceived']);
    expect(events[0].data).toMatchObject({ source: 'hotline_12351', workOrderNo: 'GD-2022-0001', receivedAt: '2022-03-02T01:30:00.000Z', summary: '反映拖欠工资, 共3个月' });
    expect(events[1].data).toEqual({ handledOn: '2022-03-04', note: '已联系企业' });
    // 22:15 in Shanghai is 14:15 UTC, the same Shanghai day.
    expect(events[2].data).toMatchObject({ source: 'online_opinion', subDistrict: 'longcheng', receivedAt: '2022-12-30T14:15:00.000Z' });
  });

});

describe('notifications (issue 10): imported past records are history, not news', () => {
  it('tells no mediator "assigned to you" for imported cases and mediations, nor supervisors of an imported group dispute; live ones still do', async () => {
    const li = await app.user('mediator', 'pinghu');
    const supervisor = await app.user('supervisor', 'pinghu');
    const cases = await upload(
      'disputes',
      toCsv([
        DISPUTE_HEADERS_ZH,
        disputeRow({ 调解员账号: li.username, 案情摘要: '两年前办结的案件', 涉及职工人数: '40' }),
        disputeRow({ 调解员账号: li.username, 受理日期: '2022-12-01', 申请人: '李四', '追回金额（元）': '', 追回日期: '', 办结结果: '', 办结日期: '' }),
      ]),
      'mediator-history.csv',
    );
    expect(cases.status).toBe(202);
    expect(await finished(cases.body.id)).toMatchObject({ state: 'completed', rowsWritten: 2, message: '2 rows imported.' });
    const mediations = await upload(
      'mediations',
      toCsv([
        ['court', 'courtCaseNo', 'referredOn', 'subDistrict', 'category', 'employerName', 'employerCreditCode', 'workerNames', 'mediator', 'result', 'endedOn', 'agreedAmountYuan'],
        ['深圳市龙岗区人民法院', '（2021）粤0307民诉前调901号', '2021-05-06', '平湖', '欠薪', '某公司', '91350200776049653A', '王五', li.username, '调解成功', '2021-05-20', '100'],
      ]),
      'mediator-history-mediations.csv',
    );
    expect(mediations.status).toBe(202);
    expect(await finished(mediations.body.id)).toMatchObject({ state: 'completed', rowsWritten: 1, message: '1 row imported.' });
    const imported = [...(await importedEvents(cases.body.id)), ...(await importedEvents(mediations.body.id))];
    expect(imported.filter((e) => e.type === 'MediatorAssigned' || e.type === 'MediationMediatorAssigned')).toHaveLength(3);
    expect(imported.filter((e) => e.type === 'GroupDisputeFlagged')).toHaveLength(1);

    // A case handed to li today: the notifier runs, and tells li of this one alone.
    const opened = await app.http().post('/api/v1/disputes').set(...bearer(supervisor.token)).send({
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      category: 'wage_arrears',
      workersInvolved: 35,
      amountClaimedFen: 100_000,
      summary: '今天受理的案件',
      openedOn: '2023-01-09',
      claimants: [{ name: '王五' }],
    });
    expect(opened.status).toBe(201);
    await app.http().post(`/api/v1/disputes/${opened.body.id}/assignments`).set(...bearer(supervisor.token)).send({ mediatorId: li.id }).expect(200);
    await app.settled();

    const inbox = await app.http().get('/api/v1/notifications?kind=mediator_assigned&pageSize=200').set(...bearer(li.token));
    expect(inbox.status).toBe(200);
    expect((inbox.body.items as Array<{ subject: { id: string } }>).map((n) => n.subject.id)).toEqual([opened.body.id]);
    const escalations = await app.http().get('/api/v1/notifications?kind=group_dispute_flagged&pageSize=200').set(...bearer(supervisor.token));
    expect(escalations.status).toBe(200);
    expect((escalations.body.items as Array<{ subject: { id: string } }>).map((n) => n.subject.id)).toEqual([opened.body.id]);
  });
});

describe('unique numbers (issue 10 §3): a row cannot take a number another record has', () => {
  const COMPLAINT_HEADERS = ['source', 'workOrderNo', 'subDistrict', 'summary', 'receivedAt'];
  const MEDIATION_HEADERS = ['court', 'courtCaseNo', 'referredOn', 'subDistrict', 'category', 'employerName', 'employerCreditCode', 'workerNames'];
  const mediationRow = (courtCaseNo: string) => ['深圳市龙岗区人民法院', courtCaseNo, '2022-05-06', '平湖', '欠薪', '某公司', '91350200776049653A', '王五'];

  it('refuses a 12351 work-order number received already, or twice in the file: the dry run names the rows, the real run writes nothing', async () => {
    const received = await app
      .http()
      .post('/api/v1/complaints')
      .set(...bearer(mediator.token))
      .send({ source: 'hotline_12351', workOrderNo: 'GD-2022-7001', subDistrict: 'pinghu', summary: '来电反映欠薪', receivedAt: '2022-06-01T09:00:00+08:00' });
    expect(received.status).toBe(201);
    const csv = toCsv([
      COMPLAINT_HEADERS,
      // The same number written another way is the same work order.
      ['12351工单', ' gd-2022-7001 ', '平湖', '再次来电', '2022-06-02 10:00'],
      ['12351工单', 'GD-2022-7002', '平湖', '新来电', '2022-06-03 10:00'],
      ['12351工单', 'GD-2022-7002', '平湖', '同一工单', '2022-06-04 10:00'],
    ]);
    const before = (await recordEvents()).length;
    const dry = await upload('complaints', csv, 'dup-complaints.csv', { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rowsTotal: 3, rowsValid: 1, rowsWithErrors: 2 });
    expect(dry.body.errors).toEqual([
      { row: 2, column: 'workOrderNo', field: 'workOrderNo', message: `was received already (complaint ${received.body.id})` },
      { row: 4, column: 'workOrderNo', field: 'workOrderNo', message: 'GD-2022-7002 is also in row 3: a number belongs to one complaint' },
    ]);

    const real = await upload('complaints', csv, 'dup-complaints.csv');
    expect(real.status).toBe(400);
    expect(real.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'workOrderNo'],
      [4, 'workOrderNo'],
    ]);
    expect((await recordEvents()).length).toBe(before);
  });

  it('claims the number of an imported row as the API does: a later complaint or referral with it answers 409, importing the file again adds nothing', async () => {
    const complaints = toCsv([COMPLAINT_HEADERS, ['12351工单', 'GD-2022-7101', '平湖', '来电', '2022-07-01 10:00']]);
    const imported = await upload('complaints', complaints, 'numbers.csv');
    expect(imported.status).toBe(202);
    expect(await finished(imported.body.id)).toMatchObject({ state: 'completed', rowsWritten: 1, errors: [] });
    const [event] = await importedEvents(imported.body.id);
    const again = await app
      .http()
      .post('/api/v1/complaints')
      .set(...bearer(mediator.token))
      .send({ source: 'hotline_12351', workOrderNo: 'GD-2022-7101', subDistrict: 'pinghu', summary: '再次来电', receivedAt: '2022-07-02T09:00:00+08:00' });
    expect(again.status).toBe(409);
    expect(again.body.existing).toEqual({ kind: 'complaint', id: event.data.complaintId });
    // The same file again: its row holds the number itself, so the dry run finds no error.
    const repeat = await upload('complaints', complaints, 'numbers.csv', { dryRun: true });
    expect(repeat.body).toMatchObject({ rowsValid: 1, rowsWithErrors: 0, rowsAlreadyImported: 1, errors: [] });

    const mediations = toCsv([MEDIATION_HEADERS, mediationRow('（2022）粤0307民诉前调7201号')]);
    const referred = await upload('mediations', mediations, 'referrals.csv');
    expect(referred.status).toBe(202);
    expect(await finished(referred.body.id)).toMatchObject({ state: 'completed', rowsWritten: 1 });
    const referral = await app
      .http()
      .post('/api/v1/mediations')
      .set(...bearer(mediator.token))
      .send({
        court: '深圳市龙岗区人民法院',
        courtCaseNo: '(2022)粤0307民诉前调7201号',
        referredOn: '2022-07-06',
        subDistrict: 'pinghu',
        category: 'wage_arrears',
        employer: { name: '某公司', creditCode: '91350200776049653A' },
        workers: [{ name: '王五' }],
        claimAmountFen: 0,
      });
    expect(referral.status).toBe(409);
    expect(referral.body.existing.kind).toBe('mediation');
  });

  it('refuses a court case number (案号) referred already, in the dry run and the real run', async () => {
    const referral = await app
      .http()
      .post('/api/v1/mediations')
      .set(...bearer(mediator.token))
      .send({
        court: '深圳市龙岗区人民法院',
        courtCaseNo: '（2022）粤0307民诉前调7301号',
        referredOn: '2022-08-01',
        subDistrict: 'pinghu',
        category: 'wage_arrears',
        employer: { name: '某公司', creditCode: '91350200776049653A' },
        workers: [{ name: '王五' }],
        claimAmountFen: 0,
      });
    expect(referral.status).toBe(201);
    // Half-width brackets: the same number.
    const csv = toCsv([MEDIATION_HEADERS, mediationRow('(2022)粤0307民诉前调7301号'), mediationRow('（2022）粤0307民诉前调7302号')]);
    const before = (await recordEvents()).length;
    const dry = await upload('mediations', csv, 'dup-mediations.csv', { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rowsTotal: 2, rowsValid: 1, rowsWithErrors: 1 });
    expect(dry.body.errors).toEqual([{ row: 2, column: 'courtCaseNo', field: 'courtCaseNo', message: `was referred already (mediation ${referral.body.id})` }]);
    const real = await upload('mediations', csv, 'dup-mediations.csv');
    expect(real.status).toBe(400);
    expect((await recordEvents()).length).toBe(before);
  });
});

describe('access', () => {
  it('answers 404 for an unknown import, and only admins may import', async () => {
    const res = await app.http().get('/api/v1/imports/6f1d1c1e-0000-4000-8000-000000000000').set(...bearer(admin));
    expect(res.status).toBe(404);
    const { token } = await app.user('supervisor');
    const refused = await upload('complaints', 'source\n', 'x.csv', { token });
    expect(refused.status).toBe(403);
  });
});
