import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Ha1Lookup } from '../auth/digest-authenticator';
import { type DidRoute, DirectorySnapshot, type IngressTrunk, type SipCredentials } from './directory-snapshot';
import { SIP_DIRECTORY_SETTINGS, type SipDirectorySettings, trunkSecretBox } from './sip-directory-settings';
import { SipDirectoryRepository } from './sip-directory.repository';

/**
 * The directory as the call path reads it: in memory, no database query per call. Loaded at start, reloaded
 * after every change made through this instance's API, and every refreshIntervalMs when the stored revision moved
 * (changes made through another instance).
 */
@Injectable()
export class IngressDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IngressDirectory.name);
  private snapshot: DirectorySnapshot;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private readonly openSecret: (sealed: string, owner: string) => string | undefined;

  constructor(
    @Inject(SipDirectoryRepository) private readonly repository: SipDirectoryRepository,
    @Inject(SIP_DIRECTORY_SETTINGS) private readonly settings: SipDirectorySettings,
  ) {
    const box = trunkSecretBox(settings);
    this.openSecret = (sealed, owner) => box.open(sealed, owner);
    this.snapshot = this.build({
      revision: -1,
      tenants: [],
      domains: [],
      dids: [],
      credentials: [],
      deskPhones: [],
      trunks: [],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    if (this.settings.refreshIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.refresh().catch((error: unknown) => this.logger.warn(`directory refresh failed: ${String(error)}`));
      }, this.settings.refreshIntervalMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** The revision of the directory in memory. */
  get revision(): number {
    return this.snapshot.revision;
  }

  /**
   * Reloads until the directory in memory is at the stored revision. A load already under way may have read
   * before the latest change, hence the loop.
   */
  async refresh(): Promise<void> {
    while ((await this.repository.revision()) !== this.snapshot.revision) await this.reload();
  }

  /** Reads the whole directory again; one load at a time, a caller during a load joins it. */
  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        this.snapshot = this.build(await this.repository.loadAll());
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  didOf(number: string): DidRoute | undefined {
    return this.snapshot.didOf(number);
  }

  tenantOfDomain(host: string): string | undefined {
    return this.snapshot.tenantOfDomain(host);
  }

  realmOf(tenantId: string): string | undefined {
    return this.snapshot.realmOf(tenantId);
  }

  trunkForSource(address: string, tenantId?: string): IngressTrunk | undefined {
    return this.snapshot.trunkForSource(address, tenantId);
  }

  trunkAt(address: string, port: number): IngressTrunk | undefined {
    return this.snapshot.trunkAt(address, port);
  }

  trunksForSource(address: string): IngressTrunk[] {
    return this.snapshot.trunksForSource(address);
  }

  isTrunkSource(address: string): boolean {
    return this.snapshot.isTrunkSource(address);
  }

  credentialsOf(tenantId: string, username: string): SipCredentials | undefined {
    return this.snapshot.credentialsOf(tenantId, username);
  }

  ha1LookupOf(tenantId: string): Ha1Lookup {
    return this.snapshot.ha1LookupOf(tenantId);
  }

  deskPhoneOf(tenantId: string, agentId: string): string | undefined {
    return this.snapshot.deskPhoneOf(tenantId, agentId);
  }

  isDeskPhoneSource(address: string): boolean {
    return this.snapshot.isDeskPhoneSource(address);
  }

  hasTenant(tenantId: string): boolean {
    return this.snapshot.hasTenant(tenantId);
  }

  trunk(tenantId: string, trunkId: string): IngressTrunk | undefined {
    return this.snapshot.trunk(tenantId, trunkId);
  }

  trunksOf(tenantId: string): IngressTrunk[] {
    return this.snapshot.trunksOf(tenantId);
  }

  private build(rows: ConstructorParameters<typeof DirectorySnapshot>[0]): DirectorySnapshot {
    const snapshot = new DirectorySnapshot(rows, {
      defaultTenantId: this.settings.defaultTenantId,
      openSecret: this.openSecret,
    });
    for (const owner of snapshot.unreadableSecrets) {
      this.logger.warn(
        `the outbound password of trunk ${owner} cannot be decrypted (was SIP_SECRET changed?): set it again`,
      );
    }
    return snapshot;
  }
}
