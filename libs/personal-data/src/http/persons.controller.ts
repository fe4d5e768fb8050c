import { Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, AuthenticatedActor, CurrentActor, ZodBody, ZodParam, ZodQuery } from '@lc/http';
import { ErasePersonCommand } from '../erase-person/erase-person.command';
import { ErasePersonRequest, erasePersonSchema } from '../erase-person/erase-person.schema';
import { FindPersonsQuery, GetPersonQuery } from '../find-persons/find-persons.query';
import { FindPersonsRequest, findPersonsSchema } from '../find-persons/find-persons.schema';

const personId = z.uuid('must be the id (uuid) of a person');

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
  find(@ZodQuery(findPersonsSchema) query: FindPersonsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new FindPersonsQuery(query, actor));
  }

  @Get(':id')
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
  erase(
    @ZodParam('id', personId) id: string,
    @ZodBody(erasePersonSchema) body: ErasePersonRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.commands.execute(new ErasePersonCommand(id, body, actor, idempotencyKey));
  }
}
