import {
  CALL_LIFECYCLE_TOPIC,
  SIP_LEGS_TOPIC,
  SIP_REGISTRATIONS_TOPIC,
  SipPhoneRegistrationChangedEvent,
  sipV1,
  topicDefinitionOf,
} from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { GrpcServerService, PlatformConfig } from '@cc/platform';
import { SipTransport, SipUserAgent, type SipLogger } from '@cc/sip';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type DigestAlgorithm } from './auth/digest-algorithm';
import { DigestAuthenticator } from './auth/digest-authenticator';
import { CallFactsPublisher } from './calls/call-facts.publisher';
import { type RoutingPort } from './calls/call-ports';
import { CallRunner } from './calls/call-runner';
import { SipIngressConfig } from './config/sip-ingress-config';
import { DEFAULT_DEMO_DIRECTORY_OPTIONS, seedDemoDirectory } from './directory/demo-directory-seed';
import { IngressDirectory } from './directory/ingress-directory';
import { SipDirectoryService } from './directory/sip-directory.service';
import { Admission } from './protection/admission';
import { sourceTrustOf } from './protection/source-trust';
import { type RegistrationChange, remainingSeconds } from './registrar/binding';
import { Registrar } from './registrar/registrar';
import { RoutingClient } from './routing/routing-client';
import { RoutingDecisionsConsumer } from './routing/routing-decisions.consumer';
import { RoutingPortAdapter, refusalStatusOf } from './routing/routing-port.adapter';
import { Originator } from './originate/originator';
import { BranchRelay } from './sip/branch-relay';
import { BridgedDialogs } from './sip/bridged-dialogs';
import { SipFrontDoor } from './sip/sip-front-door';
import { SipLegDialer } from './sip/sip-leg-dialer';

export const SIP_INGRESS_OPTIONS = Symbol('SIP_INGRESS_OPTIONS');

export interface SipIngressOptions {
  /** Seed the demo tenant's SIP directory (DEMO.md) when it was never defined (`npm start`). */
  seedDemoDirectory?: boolean;
  /**
   * Routing of the calls in place of the routing service (gRPC and the routing log): the B2BUA embedded with an
   * ACD of its own, or with a fixed pool of agents to measure the B2BUA alone. `attach` gets the runner its
   * decisions go to (runner.routingDecision).
   */
  routing?: RoutingPort & { attach?(runner: CallRunner): void };
}

const REGISTRATION_CHANGES: Record<RegistrationChange['kind'], sipV1.RegistrationChange> = {
  registered: sipV1.RegistrationChange.REGISTRATION_CHANGE_REGISTERED,
  refreshed: sipV1.RegistrationChange.REGISTRATION_CHANGE_REFRESHED,
  unregistered: sipV1.RegistrationChange.REGISTRATION_CHANGE_UNREGISTERED,
  expired: sipV1.RegistrationChange.REGISTRATION_CHANGE_EXPIRED,
};

/** How often expired registrations are swept (and their agents logged out). */
const REGISTRATION_SWEEP_MS = 5_000;

/**
 * The SIP ingress at run time: the SIP stack on SIP_HOST:SIP_PORT (UDP and TCP), the front door, the calls and
 * their legs, and the routing decisions that drive them.
 */
@Injectable()
export class SipIngressService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SipIngress');
  private transport?: SipTransport;
  private agent?: SipUserAgent;
  private sweep?: NodeJS.Timeout;
  private readonly decisions = new RoutingDecisionsConsumer();
  private routing?: RoutingPortAdapter;
  readonly registrar: Registrar;
  readonly dialogs = new BridgedDialogs();
  runner?: CallRunner;
  originator?: Originator;

  constructor(
    @Inject(SipIngressConfig) private readonly config: SipIngressConfig,
    @Inject(PlatformConfig) private readonly platform: PlatformConfig,
    @Inject(GrpcServerService) private readonly grpc: GrpcServerService,
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(IngressDirectory) private readonly directory: IngressDirectory,
    @Inject(SipDirectoryService) private readonly directoryService: SipDirectoryService,
    @Inject(SIP_INGRESS_OPTIONS) private readonly options: SipIngressOptions,
  ) {
    this.registrar = new Registrar((tenantId, agentId) => directory.deskPhoneOf(tenantId, agentId));
  }

  /** Where SIP listens (the bound port when SIP_PORT is 0). */
  get sipAddress(): { host: string; port: number } {
    return { host: this.config.SIP_HOST, port: this.transport?.port ?? this.config.SIP_PORT };
  }

  get userAgent(): SipUserAgent | undefined {
    return this.agent;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.seedDemoDirectory) {
      const outcome = await seedDemoDirectory(this.directoryService, DEFAULT_DEMO_DIRECTORY_OPTIONS);
      this.logger.log(
        outcome === 'kept' ? 'demo SIP directory already defined: kept as it is' : `demo SIP directory ${outcome}`,
      );
    }
    await this.bus.ensureTopics(
      [CALL_LIFECYCLE_TOPIC, SIP_LEGS_TOPIC, SIP_REGISTRATIONS_TOPIC].map((name) => topicDefinitionOf(name)!),
    );
    const sipLogger = this.sipLogger();
    const admission = new Admission(sourceTrustOf(this.directory, this.registrar));
    this.transport = new SipTransport({
      host: this.config.SIP_HOST,
      port: this.config.SIP_PORT,
      maxMessageBytes: this.config.SIP_MAX_MESSAGE_BYTES,
      logger: sipLogger,
      admit: (source, message) =>
        message.kind === 'request' ? admission.admit(source, message, Date.now()) : 'accept',
    });
    await this.transport.start();
    this.agent = new SipUserAgent({
      transport: this.transport,
      advertisedHost: this.config.SIP_ADVERTISED_HOST,
      logger: sipLogger,
      userAgent: 'cc-sip-ingress',
    });
    // The address is read when routing is first called: with GRPC_PORT=0 this process's port is bound later.
    const grpcAddress = () =>
      this.config.ROUTING_GRPC_ADDRESS ?? `${this.platform.GRPC_HOST}:${this.grpc.port ?? this.platform.GRPC_PORT}`;
    if (!this.options.routing) this.routing = new RoutingPortAdapter(() => new RoutingClient(grpcAddress()));
    const routing: RoutingPort | undefined = this.options.routing ?? this.routing;
    if (!routing) throw new Error('the SIP ingress has no routing');
    const runner = new CallRunner(
      {
        routing,
        dialer: new SipLegDialer({
          agent: this.agent,
          registrar: this.registrar,
          directory: this.directory,
          dialogs: this.dialogs,
        }),
        facts: new CallFactsPublisher(this.bus, this.logger),
        lookupTimeoutMs: this.config.CRM_LOOKUP_TIMEOUT_MS,
        logger: this.logger,
      },
      refusalStatusOf,
    );
    this.runner = runner;
    this.originator = new Originator({ agent: this.agent, runner, dialogs: this.dialogs });
    const frontDoor = new SipFrontDoor({
      directory: this.directory,
      registrar: this.registrar,
      authenticator: new DigestAuthenticator({
        secret: this.config.SIP_SECRET,
        startedAt: Date.now(),
        algorithms: this.config.SIP_DIGEST_ALGORITHMS.split(',') as DigestAlgorithm[],
      }),
      runner,
      dialogs: this.dialogs,
      relay: new BranchRelay({
        agent: this.agent,
        registrar: this.registrar,
        dialogs: this.dialogs,
        logger: this.logger,
      }),
      branches: this.config.SIP_BRANCHES ? new Set(this.config.SIP_BRANCHES.split(',')) : undefined,
      onRegistrationChanges: (changes) => this.registrationChanged(changes),
      logger: this.logger,
    });
    this.agent.onRequest((incoming) => frontDoor.handle(incoming));
    if (this.options.routing) this.options.routing.attach?.(runner);
    else await this.decisions.start(this.bus, (interactionId, input) => runner.routingDecision(interactionId, input));
    this.sweep = setInterval(() => {
      const expired = this.registrar.expire(Date.now());
      if (expired.length > 0) this.registrationChanged(expired);
    }, REGISTRATION_SWEEP_MS);
    this.sweep.unref();
    this.logger.log(`SIP on ${this.config.SIP_HOST}:${this.transport.port} (UDP and TCP)`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    await this.decisions.stop();
    await this.agent?.close();
    await this.transport?.close();
    this.routing?.close();
  }

  /**
   * Registration changes: published on cc.sip.registrations.v1, and (SIP_LOGIN_ON_REGISTER) the agent logged in
   * and made ready when its first phone registers, logged out when its last one goes.
   */
  private registrationChanged(changes: RegistrationChange[]): void {
    const now = Date.now();
    for (const change of changes) {
      const { tenantId, agentId } = change.binding.aor;
      const removed = change.kind === 'unregistered' || change.kind === 'expired';
      this.bus
        .publish({
          event: SipPhoneRegistrationChangedEvent,
          tenantId,
          data: sipV1.PhoneRegistrationChanged.fromPartial({
            tenantId,
            occurredAt: new Date(now),
            agentId,
            change: REGISTRATION_CHANGES[change.kind],
            contactUri: change.binding.contactUri,
            expiresSeconds: removed ? 0 : remainingSeconds(change.binding, now),
            source: `${change.binding.source.transport}:${change.binding.source.address}:${change.binding.source.port}`,
            userAgent: change.binding.userAgent ?? '',
            bindingsLeft: change.bindingsLeft,
          }),
        })
        .catch((error: unknown) => this.logger.warn(`registration event not published: ${String(error)}`));
      if (!this.config.SIP_LOGIN_ON_REGISTER || !this.routing) continue;
      if (change.kind === 'registered' && change.bindingsLeft === 1) {
        this.routing.routing.logInReady(tenantId, agentId, change.binding.contactUri).catch((error: unknown) => {
          this.logger.warn(`agent ${agentId} not logged in on registration: ${String(error)}`);
        });
      } else if ((change.kind === 'unregistered' || change.kind === 'expired') && change.bindingsLeft === 0) {
        this.routing.routing.logOut(tenantId, agentId).catch((error: unknown) => {
          this.logger.warn(`agent ${agentId} not logged out on unregistration: ${String(error)}`);
        });
      }
    }
  }

  private sipLogger(): SipLogger {
    return {
      debug: (message, fields) => this.logger.debug(`${message} ${fields ? JSON.stringify(fields) : ''}`),
      warn: (message, fields) => this.logger.warn(`${message} ${fields ? JSON.stringify(fields) : ''}`),
    };
  }
}
