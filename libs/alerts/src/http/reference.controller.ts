import { Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, Describe, ProblemResponses, RequestMeta, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { z } from 'zod';
import { checkHistoryWindow, creditCodeSchema, historyWindowQueryFields } from '@lc/reference-data';

const enterpriseQuery = z.strictObject(historyWindowQueryFields).superRefine(checkHistoryWindow);
import { GetEnterpriseQuery } from '../enterprise-view/get-enterprise.query';
import { ChangeRiskWeightsCommand, GetRiskWeightsQuery, RiskWeightsAnswer } from '../risk-weights/risk-weights.queries';
import { ChangeRiskWeightsRequest, changeRiskWeightsSchema } from '../risk-weights/risk-weights.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { enterpriseViewSchema, riskWeightsSchema } from './alerts.responses';

/** The "123" model's weights: supervisors read them, admins change them. ETag and If-Match carry the weights' version. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('reference/risk-weights')
export class RiskWeightsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  // Reference data kept as events of its own stream, folded on each read: always current.
  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor')
  @Describe('The "123" model’s weights', 'Points per signal and per band of workers affected, and the grading thresholds. The ETag is the weights’ version.')
  @ZodResponse(200, riskWeightsSchema, 'The weights', { etag: true, fresh: true })
  @ProblemResponses(401, 403)
  get() {
    return this.queries.execute<GetRiskWeightsQuery, RiskWeightsAnswer>(new GetRiskWeightsQuery());
  }

  /** Grades alerts submitted from now on; alerts graded already keep their grade. */
  @Put()
  @Allow('admin')
  @Describe('Changes the weights', 'Grades alerts submitted from now on; alerts graded already keep their grade. If-Match: the weights’ version.', { command: 'change' })
  @ZodResponse(200, riskWeightsSchema, 'The new weights', { etag: true })
  @ProblemResponses(400, 401, 403, 409, 412, 415, 422)
  change(
    @ZodBody(changeRiskWeightsSchema) body: ChangeRiskWeightsRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute<ChangeRiskWeightsCommand, RiskWeightsAnswer>(new ChangeRiskWeightsCommand(body, meta));
  }
}

/** Everything known about an employer by its credit code, within the caller's scope. */
@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':creditCode')
  // And the accounts read model, which names who issued each letter.
  @ReadsModels('alerts', 'dispute-cases', 'mediations', 'accounts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Everything known about an employer', 'By credit code, within the caller’s scope and a window, as the watch-list takes it (`period=2026`, `2026-Q3`, `2026-11`, or `from`/`to`; by default the three years to today): its alerts, cases, mediations and group disputes, under the name most recently registered.')
  @ZodResponse(200, enterpriseViewSchema, 'The employer’s record', { fresh: true })
  @ProblemResponses(400, 401, 403)
  get(
    @ZodParam('creditCode', creditCodeSchema) creditCode: string,
    @ZodQuery(enterpriseQuery) query: z.output<typeof enterpriseQuery>,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.queries.execute(new GetEnterpriseQuery(creditCode, actor, query));
  }
}
