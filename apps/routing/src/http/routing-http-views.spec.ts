import { agentV1, routingV1 } from '@cc/contracts';
import { type CommandAnswer } from '../api/routing-gateway';
import { agentViewToProto } from '../codec/view-codec';
import {
  agentCommandJson,
  agentStatusJson,
  announcementJson,
  callbackJson,
  interactionJson,
  queuedInteractionJson,
  queueStatusJson,
} from './routing-http-views';

const AS_OF = new Date('2026-11-23T09:00:00.000Z');
const SINCE = new Date('2026-11-23T08:55:00.000Z');

function answer(reply: Partial<routingV1.CommandReply>): CommandAnswer {
  return { commandId: 'c-1', reply: routingV1.CommandReply.fromPartial(reply) };
}

describe('REST views', () => {
  it('shows an agent with the engine\'s state names, an ISO time and null for "none"', () => {
    const view = routingV1.AgentView.fromPartial({
      agentId: 'a1',
      branchId: 'msk',
      state: agentV1.AgentState.AGENT_STATE_NOT_READY,
      since: SINCE,
      reasonCode: 'break',
    });

    expect(agentStatusJson(view)).toEqual({
      agentId: 'a1',
      branchId: 'msk',
      state: 'NotReady',
      since: '2026-11-23T08:55:00.000Z',
      reasonCode: 'break',
      pendingNotReadyReason: null,
      interactionId: null,
    });
  });

  it('shows a logged-out agent', () => {
    expect(agentStatusJson(agentViewToProto('a1', 'msk', undefined))).toMatchObject({
      state: 'LoggedOut',
      since: null,
    });
  });

  it("shows a queue's figures with predictor names", () => {
    const status = routingV1.QueueStatus.fromPartial({
      queueId: 'msk-sales',
      branchId: 'msk',
      name: 'Sales',
      waiting: 4,
      longestWaitMs: 95_000,
      estimatedWaitMs: 120_000,
      predictor: routingV1.WaitPredictor.WAIT_PREDICTOR_HEAD_OF_LINE,
      predictorAccuracy: [
        { predictor: routingV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH, samples: 12, rase: 0.25 },
        { predictor: routingV1.WaitPredictor.WAIT_PREDICTOR_HEAD_OF_LINE, samples: 0 },
      ],
      agents: { available: 1, busy: 3, wrapUp: 1 },
      asOf: AS_OF,
    });

    expect(queueStatusJson(status)).toEqual({
      queueId: 'msk-sales',
      branchId: 'msk',
      name: 'Sales',
      waiting: 4,
      longestWaitMs: 95_000,
      estimatedWaitMs: 120_000,
      unbounded: false,
      predictor: 'head-of-line',
      predictorAccuracy: [
        { predictor: 'queue-length', samples: 12, rase: 0.25 },
        { predictor: 'head-of-line', samples: 0, rase: null },
      ],
      agents: { available: 1, reserved: 0, busy: 3, wrapUp: 1, notReady: 0 },
      asOf: '2026-11-23T09:00:00.000Z',
    });
  });

  it('shows where an interaction stands', () => {
    const view = routingV1.InteractionView.fromPartial({
      interactionId: 'call-1',
      queueId: 'msk-sales',
      kind: routingV1.InteractionKind.INTERACTION_KIND_INBOUND,
      status: routingV1.InteractionStatus.INTERACTION_STATUS_WAITING,
      enqueuedAt: SINCE,
      waitedMs: 300_000,
      position: 2,
      estimatedWaitMs: 60_000,
      extraBranchIds: ['nsk'],
      asOf: AS_OF,
    });

    expect(interactionJson(view)).toEqual({
      interactionId: 'call-1',
      queueId: 'msk-sales',
      kind: 'inbound',
      status: 'waiting',
      enqueuedAt: '2026-11-23T08:55:00.000Z',
      waitedMs: 300_000,
      position: 2,
      estimatedWaitMs: 60_000,
      unbounded: false,
      agentId: null,
      extraBranchIds: ['nsk'],
      asOf: '2026-11-23T09:00:00.000Z',
    });
  });

  it('answers commands with the command id and what they led to', () => {
    const agent = routingV1.AgentView.fromPartial({
      agentId: 'a1',
      branchId: 'msk',
      state: agentV1.AgentState.AGENT_STATE_AVAILABLE,
      since: AS_OF,
    });

    expect(agentCommandJson(answer({ agent }))).toMatchObject({ commandId: 'c-1', agent: { state: 'Available' } });
    expect(agentCommandJson(answer({}))).toEqual({ commandId: 'c-1', agent: null });
    expect(queuedInteractionJson(answer({}))).toEqual({ commandId: 'c-1', interaction: null });
    expect(callbackJson(answer({ callbackInteractionId: 'cb-1' }))).toEqual({
      commandId: 'c-1',
      callbackInteractionId: 'cb-1',
    });
    expect(
      announcementJson(
        answer({
          position: 3,
          estimate: { remainingMs: 180_000, waitedMs: 40_000 },
          predictor: routingV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH,
        }),
      ),
    ).toEqual({
      commandId: 'c-1',
      position: 3,
      estimate: { remainingMs: 180_000, waitedMs: 40_000 },
      predictor: 'queue-length',
      unbounded: false,
    });
  });
});
