import * as contracts from './index';

describe('@cc/contracts public API', () => {
  it('loads without NestJS at runtime and exposes the namespaces and helpers', () => {
    expect(contracts.callV1.CallArrived.encode).toBeInstanceOf(Function);
    expect(contracts.agentV1.AgentState.AGENT_STATE_WRAP_UP).toBe(5);
    expect(contracts.queueV1.RoutingStrategy.ROUTING_STRATEGY_LONGEST_IDLE).toBe(1);
    expect(contracts.commonV1.Channel.CHANNEL_VOICE).toBe(1);
    expect(contracts.platformV1.AdminServiceService.getStatus.path).toBe(
      '/callcenter.platform.v1.AdminService/GetStatus',
    );
    expect(contracts.healthV1.HealthService.check.path).toBe('/grpc.health.v1.Health/Check');
    expect(contracts.GRPC_METHODS.admin).toEqual(['getStatus', 'listTopics', 'getConsumerLag']);
    expect(contracts.GRPC_METHODS.health).toEqual(['check', 'list', 'watch']);
    expect(contracts.eventDefinitionFor('cc.queue.v1.QueueConfigured')).toBe(contracts.QueueConfiguredEvent);
    expect(contracts.allTopicDefinitions().length).toBeGreaterThan(0);
    expect(Object.keys(contracts)).not.toContain('platformV1Nest');
  });

  it('exposes the four files of callcenter.routing.v1 as one namespace, routingV1', () => {
    const { routingV1 } = contracts;
    expect(routingV1.protobufPackage).toBe('callcenter.routing.v1');
    expect(routingV1.protobufFileName).toBe('callcenter/routing/v1/routing_service.proto');
    expect(routingV1.QueueDefined.encode).toBeInstanceOf(Function);
    expect(routingV1.LogInAgent.encode).toBeInstanceOf(Function);
    expect(routingV1.InteractionQueued.encode).toBeInstanceOf(Function);
    expect(routingV1.RoutingStrategy.ROUTING_STRATEGY_LONGEST_IDLE).toBe(1);
    expect(routingV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH).toBe(1);
    expect(routingV1.RoutingServiceService.queueInteraction.path).toBe(
      '/callcenter.routing.v1.RoutingService/QueueInteraction',
    );
    expect(typeof routingV1.RoutingServiceClient).toBe('function');
    expect(contracts.eventDefinitionFor('cc.routing.v1.OfferAccepted')).toBe(contracts.RoutingOfferAcceptedEvent);
    expect(contracts.topicDefinitionOf(contracts.ROUTING_LOG_TOPIC)?.partitions).toBe(contracts.ROUTING_PARTITIONS);
  });
});
