import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === true;
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/**
 * Settings of the SIP ingress, read once from the environment at boot and validated (see `.env.example`). The
 * platform's own settings (ports of HTTP and gRPC, Kafka, database) are in PlatformConfig.
 */
export class SipIngressConfig {
  /** Address SIP listens on, UDP and TCP. */
  @IsString()
  SIP_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  SIP_PORT = 5060;

  /** Host written in Via/Contact/Record-Route when it differs from SIP_HOST (a public address behind NAT). */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  SIP_ADVERTISED_HOST?: string = undefined;

  /** gRPC address of the routing service; unset: this process's own gRPC server (all-in-one). */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[^\s:]+:\d+$/, { message: 'ROUTING_GRPC_ADDRESS must be host:port' })
  ROUTING_GRPC_ADDRESS?: string = undefined;

  /** gRPC address of crm-sync for caller identification; unset: calls are routed without a lookup. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[^\s:]+:\d+$/, { message: 'CRM_GRPC_ADDRESS must be host:port' })
  CRM_GRPC_ADDRESS?: string = undefined;

  /** Longest wait for the caller lookup before the call is routed without it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5000)
  CRM_LOOKUP_TIMEOUT_MS = 300;

  /** Tenant that owns requests addressed to an IP address rather than to a tenant's SIP domain. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  SIP_DEFAULT_TENANT?: string = 'demo';

  /** Branches whose calls this instance takes (comma-separated); unset: every branch (one ingress for all). */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'SIP_BRANCHES must be branch ids separated by commas' })
  SIP_BRANCHES?: string = undefined;

  /** Secret for digest nonces and for the encryption of trunk passwords at rest. Secret. */
  @IsString()
  @MinLength(16)
  SIP_SECRET = 'change-me-in-production-0123456789';

  /**
   * Digest challenges offered to phones, in order (MD5, SHA-256). MD5 first by default: many phones and sipp answer
   * the first challenge whatever its algorithm; "SHA-256,MD5" prefers the stronger one for phones that choose.
   */
  @Matches(/^(MD5|SHA-256)(,(MD5|SHA-256))?$/, {
    message: 'SIP_DIGEST_ALGORITHMS must be MD5 and/or SHA-256, comma-separated',
  })
  SIP_DIGEST_ALGORITHMS = 'MD5,SHA-256';

  /** An agent whose phone registers is logged in and made ready; unregistering logs the agent out. */
  @Transform(toBool)
  @IsIn([true, false])
  SIP_LOGIN_ON_REGISTER = true;

  /** How often the directory looks for changes made through other ingress instances, ms; 0 = never. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SIP_DIRECTORY_REFRESH_MS = 10_000;

  /** Largest SIP message accepted, bytes; larger ones get 513. */
  @Transform(toInt)
  @IsInt()
  @Min(1500)
  @Max(1_048_576)
  SIP_MAX_MESSAGE_BYTES = 65_535;
}
