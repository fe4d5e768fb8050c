import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { WriteRequest, writeContext } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { DEFAULT_DISTRICT_CODE } from '@lc/reference-data';
import { RiskWeights, WorkersBand, riskWeights, riskWeightsStreamId } from './risk-weights';

export interface CurrentRiskWeights {
  weights: RiskWeights;
  /** The stream's version (0 while the defaults apply): the ETag for If-Match. */
  version: number;
}

/** The district's risk weights: a stream of a few events, read whole when an alert is graded. */
@Injectable()
export class RiskWeightsStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  readonly districtCode = DEFAULT_DISTRICT_CODE;

  async current(): Promise<CurrentRiskWeights> {
    const { state, version } = await loadState(this.store, riskWeights, riskWeightsStreamId(this.districtCode));
    return { weights: state, version };
  }

  async change(
    input: { signals: Record<string, number>; workersBands: WorkersBand[] },
    actor: AuthenticatedActor,
    request: WriteRequest,
  ): Promise<CurrentRiskWeights> {
    const result = await decideAndAppend(
      this.store,
      riskWeights,
      riskWeightsStreamId(this.districtCode),
      { type: 'ChangeRiskWeights', ...input, now: this.clock.now(), actor: { id: actor.id, role: actor.role } },
      writeContext(actor, request),
    );
    return { weights: result.state, version: result.version };
  }
}
