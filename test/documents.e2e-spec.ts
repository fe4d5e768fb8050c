import JSZip from 'jszip';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

// 2026-03-10 10:00 in Shanghai: dates in request bodies must not be after it.
const NOW = new Date('2026-03-10T02:00:00Z');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let app: TestApp;
let admin: string;
type User = { id: string; token: string; username: string };
let mediator: User; // pinghu
let otherMediator: User; // buji
let supervisor: User; // pinghu
let informant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('documents', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  otherMediator = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const EMPLOYER = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };

const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

/** Downloads a document as bytes (supertest buffers only what it knows as binary). */
const download = (token: string, path: string, language?: string) => {
  const req = app
    .http()
    .get(`/api/v1${path}`)
    .set(...bearer(token))
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return language ? req.set('Accept-Language', language) : req;
};

/** The text of a .docx as Word shows it: word/document.xml without its markup, paragraphs on lines. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/\r?\n/g, '')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function documentText(token: string, path: string): Promise<string> {
  const res = await download(token, path);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(DOCX);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''/);
  return docxText(res.body as Buffer);
}

let courtCases = 0;
async function referAndAgree(): Promise<string> {
  const referred = await post(mediator.token, '/mediations', {
    court: '深圳市龙岗区人民法院',
    courtCaseNo: `（2026）粤0307民诉前调${2000 + ++courtCases}号`,
    referredOn: '2026-03-02',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: EMPLOYER,
    workers: [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }, { name: '李四' }],
    claimAmountFen: 12_000_000,
  });
  expect(referred.status).toBe(201);
  const id = referred.body.id as string;
  await post(mediator.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-04', form: 'in_person', note: '三方面对面调解，企业同意分期' }).expect(200);
  return id;
}

describe('a court-referred mediation’s documents', () => {
  it('none before the agreement (409); after it, the agreement, the application for judicial confirmation and the feedback letter read back right', async () => {
    const id = await referAndAgree();
    expect((await get(mediator.token, `/mediations/${id}`)).body.documents).toEqual([]);
    const early = await download(mediator.token, `/mediations/${id}/documents/mediation-agreement`);
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse((early.body as Buffer).toString('utf8'))).toMatchObject({ status: 409, code: 'conflict' });
    expect((await download(mediator.token, `/mediations/${id}/documents/referral-feedback`)).status).toBe(409);

    await post(mediator.token, `/mediations/${id}/agreement`, { amountFen: 1_234_500, agreedOn: '2026-03-09', paymentTerms: '2026年4月30日前以银行转账一次性支付' }).expect(200);
    expect((await get(mediator.token, `/mediations/${id}`)).body.documents).toEqual([
      'mediation-agreement',
      'judicial-confirmation-application',
      'referral-feedback',
    ]);

    for (const kind of ['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback']) {
      const text = await documentText(mediator.token, `/mediations/${id}/documents/${kind}`);
      // The parties, the amount in figures and in capitals, the date of the agreement.
      expect(text).toContain('张三');
      expect(text).toContain('李四');
      expect(text).toContain(EMPLOYER.name);
      expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元整');
      expect(text).toContain('12,345.00');
      expect(text).toContain('2026年3月9日');
      expect(text).toContain('深圳市龙岗区人民法院');
    }
    const agreement = await documentText(mediator.token, `/mediations/${id}/documents/mediation-agreement`);
    expect(agreement).toContain('调解协议书');
    expect(agreement).toContain(`公民身份号码：${ID_NUMBER}`);
    expect(agreement).toContain(mediator.username);
    const application = await documentText(mediator.token, `/mediations/${id}/documents/judicial-confirmation-application`);
    expect(application).toContain('司法确认申请书');
    expect(application).toContain(`联系电话 ${PHONE}`);
    expect(application).toContain('2026年4月8日前');
    const feedback = await documentText(mediator.token, `/mediations/${id}/documents/referral-feedback`);
    expect(feedback).toContain('委托调解反馈函');
    expect(feedback).toContain('调解成功');
    expect(feedback).toContain('三方面对面调解，企业同意分期');

    // A supervisor gets the ID numbers and phones masked, as on the detail.
    const masked = await documentText(supervisor.token, `/mediations/${id}/documents/mediation-agreement`);
    expect(masked).toContain('110105********002X');
    expect(masked).not.toContain(ID_NUMBER);
    // In English on request.
    const english = await download(mediator.token, `/mediations/${id}/documents/mediation-agreement`, 'en');
    expect(english.status).toBe(200);
    expect(english.headers['content-type']).toBe(DOCX);
    expect(await docxText(english.body as Buffer)).toContain('Mediation agreement');

    // Scope and roles as the detail: another sub-district's mediator does not see it, an informant may not.
    expect((await download(otherMediator.token, `/mediations/${id}/documents/mediation-agreement`)).status).toBe(404);
    expect((await download(informant.token, `/mediations/${id}/documents/mediation-agreement`)).status).toBe(403);
    const badKind = await get(mediator.token, `/mediations/${id}/documents/contract`);
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
  });

  it('a failed mediation has the feedback letter with the points in dispute, and no agreement', async () => {
    const id = await referAndAgree();
    await post(mediator.token, `/mediations/${id}/failure`, { reason: '双方对加班费计算基数无法达成一致', failedOn: '2026-03-09' }).expect(200);
    expect((await get(mediator.token, `/mediations/${id}`)).body.documents).toEqual(['referral-feedback']);
    const feedback = await documentText(mediator.token, `/mediations/${id}/documents/referral-feedback`);
    expect(feedback).toContain('调解不成（2026年3月9日）');
    expect(feedback).toContain('双方对加班费计算基数无法达成一致');
    expect((await download(mediator.token, `/mediations/${id}/documents/judicial-confirmation-application`)).status).toBe(409);
  });
});

async function openDispute(): Promise<{ id: string; caseNo: string }> {
  const res = await post(mediator.token, '/disputes', {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: EMPLOYER,
    category: 'wage_arrears',
    workersInvolved: 2,
    amountClaimedFen: 3_000_000,
    summary: '2名员工反映2月工资未发放 <b>{{employerName}}</b>',
    openedOn: '2026-03-02',
    claimants: [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }, { name: '王五' }],
    confirmDuplicate: true,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('a dispute case’s 调解协议书', () => {
  it('is refused (409) before an agreement and reads back after one, with what users typed as text', async () => {
    const { id, caseNo } = await openDispute();
    const early = await download(mediator.token, `/disputes/${id}/documents/mediation-agreement`);
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get(mediator.token, `/disputes/${id}`)).body.documents).toEqual([]);
    // The court's documents are not a dispute case's.
    expect((await download(mediator.token, `/disputes/${id}/documents/judicial-confirmation-application`)).status).toBe(409);

    await post(mediator.token, `/disputes/${id}/recoveries`, { amountFen: 1_000_001, recoveredOn: '2026-03-08', note: '首期' }).expect(200);
    await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-08', note: '公司于2026年3月31日前支付余款' }).expect(200);
    expect((await get(mediator.token, `/disputes/${id}`)).body.documents).toEqual(['mediation-agreement']);

    const text = await documentText(mediator.token, `/disputes/${id}/documents/mediation-agreement`);
    expect(text).toContain(caseNo);
    expect(text).toContain('张三');
    expect(text).toContain('王五');
    expect(text).toContain(EMPLOYER.name);
    expect(text).toContain(EMPLOYER.creditCode);
    expect(text).toContain('人民币壹万元零壹分（¥10,000.01元）');
    expect(text).toContain('公司于2026年3月31日前支付余款');
    expect(text).toContain('2026年3月8日');
    // Typed markup and a placeholder look-alike come out as typed, not as markup or a value.
    expect(text).toContain('2名员工反映2月工资未发放 <b>{{employerName}}</b>');
  });
});

describe('letters to an enterprise (一函两书)', () => {
  it('issues a numbered 提示函 on a case; it is on the enterprise’s page with its number and who issued it, and downloads', async () => {
    const { id, caseNo } = await openDispute();
    expect((await download(mediator.token, `/disputes/${id}/documents/reminder-letter`)).status).toBe(409);

    // A refused letter takes no number.
    const refused = await post(mediator.token, `/disputes/${id}/letters`, { kind: 'reminder-letter', facts: '', requests: '按时支付工资' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'facts' })]);
    const future = await post(mediator.token, `/disputes/${id}/letters`, { kind: 'reminder-letter', facts: '拖欠工资', requests: '按时支付', issuedOn: '2026-03-11' });
    expect(future.status).toBe(422);
    expect((await post(otherMediator.token, `/disputes/${id}/letters`, { kind: 'reminder-letter', facts: '拖欠工资', requests: '按时支付' })).status).toBe(404);
    expect((await post(informant.token, `/disputes/${id}/letters`, { kind: 'reminder-letter', facts: '拖欠工资', requests: '按时支付' })).status).toBe(403);

    const issued = await post(mediator.token, `/disputes/${id}/letters`, {
      kind: 'reminder-letter',
      facts: '你单位拖欠2名员工2026年2月工资。',
      requests: '一、立即足额支付所欠工资；\n二、建立工资按月支付制度。',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ letterId: expect.any(String), kind: 'reminder-letter', letterNo: '龙岗工提〔2026〕1号', issuedOn: '2026-03-10' });
    const second = await post(supervisor.token, `/disputes/${id}/letters`, { kind: 'reminder-letter', facts: '仍未支付', requests: '三日内支付' });
    expect(second.body.letterNo).toBe('龙岗工提〔2026〕2号');
    const opinion = await post(mediator.token, `/disputes/${id}/letters`, { kind: 'opinion', facts: '仍未支付', requests: '依法支付' });
    expect(opinion.body.letterNo).toBe('龙岗工意〔2026〕1号');

    const enterprise = await get(mediator.token, `/enterprises/${EMPLOYER.creditCode}`);
    expect(enterprise.status).toBe(200);
    expect(enterprise.body.letters).toContainEqual({
      letterId: issued.body.letterId,
      kind: 'reminder-letter',
      letterNo: '龙岗工提〔2026〕1号',
      issuedOn: '2026-03-10',
      issuedAt: expect.stringMatching(/\+08:00$/),
      issuedBy: { id: mediator.id, displayName: mediator.username },
      record: { kind: 'dispute', id, ref: caseNo },
      subDistrict: 'pinghu',
    });
    // Out of scope: a mediator of another sub-district does not see the letters of this one's cases.
    expect((await get(otherMediator.token, `/enterprises/${EMPLOYER.creditCode}`)).body.letters).toEqual([]);

    // The latest 提示函 by default, any one by its id.
    const latest = await documentText(mediator.token, `/disputes/${id}/documents/reminder-letter`);
    expect(latest).toContain('龙岗工提〔2026〕2号');
    const first = await documentText(mediator.token, `/disputes/${id}/documents/reminder-letter?letterId=${issued.body.letterId}`);
    expect(first).toContain('提示函');
    expect(first).toContain('龙岗工提〔2026〕1号');
    expect(first).toContain(`${EMPLOYER.name}（统一社会信用代码：${EMPLOYER.creditCode}）`);
    expect(first).toContain(caseNo);
    expect(first).toContain('一、立即足额支付所欠工资；\n二、建立工资按月支付制度。');
    expect(first).toContain('2026年3月10日');
  });
});
