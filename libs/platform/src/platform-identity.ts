/** Which service this process is, for status reports, logs and CloudEvents source. */
export interface PlatformIdentity {
  service: string;
  version: string;
  startedAt: Date;
}

export const PLATFORM_IDENTITY = Symbol('PlatformIdentity');
