import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, instantSchema, ProblemResponses, RequestMeta, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { ReadsModels } from '@lc/projections';
import { ErasePersonCommand } from '../erase-person/erase-person.command';
import { ErasePersonRequest, erasePersonSchema } from '../erase-person/erase-person.schema';
import { FindPersonsQuery, GetPersonQuery } from '../find-persons/find-persons.query';
import { FindPersonsRequest, findPersonsSchema } from '../find-persons/find-persons.schema';

const personId = z.uuid('must be the id (uuid) of a person');

const personSchema = z
  .object({
    id: z.uuid(),
    erased: z.boolean(),
    erasedAt: instantSchema.nullable(),
    records: z.array(
      z.object({
        kind: z.enum(['dispute', 'mediation', 'informant']),
        id: z.uuid(),
        reference: z.string().nullable().meta({ description: 'the case number (disputes), the court’s case number (mediations); null for informants' }),
        subDistrict: z.string(),
      }),
    ),
  })
  .meta({ title: 'PersonOnRecord' });
const erasureSchema = z.object({ id: z.uuid(), erasedAt: instantSchema, version: z.number().int() }).meta({ title: 'ErasureDone' });

/** Data subjects' rights (PIPL): administrators find a person's records and erase their personal data. */
@ApiTags('persons')
@ApiBearerAuth()
@Allow('admin')
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The persons with this ID number or phone, and the records each appears in. */
  @Get()
  // The records a person appears in come from the read models (the person's key and erasure, read directly, are current).
  @ReadsModels('dispute-cases', 'mediations', 'informants')
  @Describe('Finds persons by ID number or phone', 'The persons with this resident ID number or phone, and the records each appears in (PIPL requests).')
  @ZodResponse(200, z.object({ items: z.array(personSchema) }).meta({ title: 'PersonList' }), 'The persons found', { fresh: true })
  @ProblemResponses(400, 401, 403)
  find(@ZodQuery(findPersonsSchema) query: FindPersonsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new FindPersonsQuery(query, actor));
  }

  @Get(':id')
  @ReadsModels('dispute-cases', 'mediations', 'informants')
  @Describe('One person and their records', 'Whether their data was erased, and the records they appear in.')
  @ZodResponse(200, personSchema, 'The person', { fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', personId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetPersonQuery(id, actor));
  }

  /**
   * Erases the person's name, ID number and phone everywhere, for good (their key is destroyed):
   * records, lists, timelines and exports then show 已删除 / erased; counts and amounts stay.
   * → 200 {id, erasedAt, version}. Again for an erased person: the same answer, nothing appended.
   */
  @Post(':id/erasure')
  @HttpCode(200)
  @Describe('Erases the person’s personal data', 'Name, ID number and phone everywhere, for good (their key is destroyed): records, lists, timelines and exports then show 已删除; counts and amounts stay. Again for an erased person: the same answer, nothing appended.', { command: 'create' })
  @ZodResponse(200, erasureSchema, 'Erased')
  @ProblemResponses(400, 401, 403, 404, 415)
  erase(
    @ZodParam('id', personId) id: string,
    @ZodBody(erasePersonSchema) body: ErasePersonRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new ErasePersonCommand(id, body, meta));
  }
}
