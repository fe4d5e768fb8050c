import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { SwaggerModule, DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { ZodBody, ZodParam, ZodQuery } from './zod.decorators';
import { ZodPipe } from './zod.pipe';

const openCase = z.object({
  employer: z.object({ name: z.string().min(1), creditCode: z.string().length(18) }),
  workersInvolved: z.number().int().positive(),
  note: z.string().optional(),
});
const listCases = z.object({ subDistrict: z.string(), page: z.coerce.number().int().min(1).default(1) });

@Controller('cases')
class CasesController {
  @Post()
  open(@ZodBody(openCase) body: z.output<typeof openCase>) {
    return body;
  }

  @Get()
  list(@ZodQuery(listCases) query: z.output<typeof listCases>) {
    return query;
  }

  @Get(':caseId')
  get(@ZodParam('caseId', z.uuid()) caseId: string) {
    return caseId;
  }
}

describe('zod decorators', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [CasesController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });
  afterAll(() => app.close());

  it('validate through ZodPipe', () => {
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, CasesController, 'open') as Record<string, { pipes: unknown[] }>;
    const [body] = Object.values(args);
    expect(body.pipes[0]).toBeInstanceOf(ZodPipe);
  });

  it('document the body with the JSON Schema zod derives', () => {
    const schema = (document.paths['/cases'].post?.requestBody as { content: Record<string, { schema: unknown }> })
      .content['application/json'].schema;
    expect(schema).toMatchObject({
      type: 'object',
      required: ['employer', 'workersInvolved'],
      properties: {
        employer: { type: 'object', properties: { creditCode: { type: 'string', minLength: 18, maxLength: 18 } } },
        workersInvolved: { type: 'integer', minimum: 0, exclusiveMinimum: true },
      },
    });
  });

  it('document each query parameter', () => {
    const parameters = document.paths['/cases'].get?.parameters as Array<{ name: string; in: string; required: boolean }>;
    expect(parameters.map(({ name, in: where, required }) => ({ name, in: where, required }))).toEqual(
      expect.arrayContaining([
        { name: 'subDistrict', in: 'query', required: true },
        { name: 'page', in: 'query', required: false },
      ]),
    );
  });

  it('document and validate path parameters under their own name', async () => {
    const parameters = document.paths['/cases/{caseId}'].get?.parameters as Array<{ name: string; schema: unknown }>;
    expect(parameters.find((p) => p.name === 'caseId')?.schema).toMatchObject({ type: 'string', format: 'uuid' });
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, CasesController, 'get') as Record<
      string,
      { data: string; pipes: Array<{ transform(v: unknown): Promise<unknown> }> }
    >;
    const caseId = Object.values(args).find((a) => a.data === 'caseId')!;
    await expect(caseId.pipes[0].transform('not-a-uuid')).rejects.toMatchObject({
      errors: [{ field: 'caseId', message: expect.any(String) }],
    });
  });
});
