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
});
