import { DomainError } from '@lc/decider';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CommandMeta } from '@lc/access';
import { district } from '@lc/reference-data';
import { ChangeRiskWeightsRequest } from './risk-weights.schema';
import { CurrentRiskWeights, RiskWeightsStore } from './risk-weights.store';
import { DEFAULT_RISK_WEIGHTS, RiskWeights } from './risk-weights';

export interface RiskWeightsAnswer extends RiskWeights {
  /** The district's "123" thresholds the points are graded by. */
  grading: { redAbove: number; greenBelow: number };
}

/*
 * The body's `version` is the weights' version (1 for the defaults, +1 per change): what alerts'
 * weightsVersion names, and what the ETag and If-Match carry. The stream holds one event per
 * change after the defaults, so its version is the weights' version less the defaults'.
 */
const answer = ({ weights }: CurrentRiskWeights, districtCode: string): RiskWeightsAnswer => ({
  ...weights,
  grading: { ...district(districtCode).alertGrading },
});

export class GetRiskWeightsQuery {}

@QueryHandler(GetRiskWeightsQuery)
export class GetRiskWeightsHandler implements IQueryHandler<GetRiskWeightsQuery, RiskWeightsAnswer> {
  constructor(private readonly weights: RiskWeightsStore) {}

  async execute(): Promise<RiskWeightsAnswer> {
    return answer(await this.weights.current(), this.weights.districtCode);
  }
}

export class ChangeRiskWeightsCommand {
  constructor(
    readonly input: ChangeRiskWeightsRequest,
    /** meta.expectedVersion (If-Match): the weights' version. */
    readonly meta: CommandMeta,
  ) {}
}

/** New weights grade the alerts submitted from now on; graded alerts keep their grade and points. */
@CommandHandler(ChangeRiskWeightsCommand)
export class ChangeRiskWeightsHandler implements ICommandHandler<ChangeRiskWeightsCommand, RiskWeightsAnswer> {
  constructor(private readonly weights: RiskWeightsStore) {}

  async execute({ input, meta: { actor, expectedVersion, idempotencyKey } }: ChangeRiskWeightsCommand): Promise<RiskWeightsAnswer> {
    const streamVersion = expectedVersion === undefined ? undefined : expectedVersion - DEFAULT_RISK_WEIGHTS.version;
    if (streamVersion !== undefined && streamVersion < 0) {
      throw new DomainError('precondition_failed', `the risk weights have no version ${expectedVersion}`);
    }
    return answer(await this.weights.change(input, actor, { expectedVersion: streamVersion, idempotencyKey }), this.weights.districtCode);
  }
}
