import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === undefined ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase()));
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the platform reads, validated at start so a typo fails loudly
 * with the variable's name instead of surfacing later. The README lists them.
 */
export class PlatformConfig {
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL?: string;
  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' }) REDIS_URL?: string;
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' }) JWT_SECRET?: string;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsString() VIGIL_DATA_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535) VIGIL_EMBEDDED_PG_PORT?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() VIGIL_DEMO_USERS?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() VIGIL_SEED_DEMO?: boolean;
  @IsOptional() @IsString() VIGIL_STAFF_FILE?: string;
  @IsOptional() @Matches(/^[a-z0-9_-]+$/i, { message: 'VIGIL_BUS_PREFIX may hold letters, digits, - and _' }) VIGIL_BUS_PREFIX?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) BUS_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) BUS_BACKOFF_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) RELAY_INTERVAL_MS?: number;
  /** Services mode: the outbox relay runs in a worker thread (default) or, when false, on the main thread. */
  @IsOptional() @Transform(toBool) @IsBoolean() OUTBOX_RELAY_THREAD?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) BUS_LOCK_MS?: number;
  @IsOptional() @Matches(/^https?:\/\/[^/]+/, { message: 'TIPLINE_URL must be an http(s) URL, e.g. http://tipline:3001' }) TIPLINE_URL?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'REVIEW_CONSENSUS must be an integer' }) @Min(1) @Max(10) REVIEW_CONSENSUS?: number;
  @IsOptional() @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'REVIEW_BANK_ID must be a bank id (UUID)' }) REVIEW_BANK_ID?: string;
  @IsOptional() @Matches(/^\s*[A-Za-z0-9+/=]+(\s*,\s*[A-Za-z0-9+/=]+)*\s*$/, { message: 'VIGIL_KEK must be base64 256-bit keys, comma-separated, current first' }) VIGIL_KEK?: string;
  @IsOptional() @IsString() VIGIL_KEK_FILE?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'RETENTION_PURGE_INTERVAL_MINUTES must be a whole number of minutes' }) @Min(1) @Max(10080) RETENTION_PURGE_INTERVAL_MINUTES?: number;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }) LOG_LEVEL?: string;
  @IsOptional() @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' }) LOG_FORMAT?: string;
  @IsOptional() @IsString() @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' }) METRICS_TOKEN?: string;
}

export function readPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means "embedded").
  const known = Object.fromEntries(Object.entries(env).filter(([key, value]) => KEYS.includes(key) && value !== ''));
  const config = plainToInstance(PlatformConfig, known);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

const KEYS = [
  'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'HOST', 'VIGIL_DATA_DIR', 'VIGIL_EMBEDDED_PG_PORT', 'VIGIL_DEMO_USERS', 'VIGIL_SEED_DEMO',
  'VIGIL_STAFF_FILE', 'VIGIL_BUS_PREFIX', 'BUS_ATTEMPTS', 'BUS_BACKOFF_MS', 'RELAY_INTERVAL_MS', 'OUTBOX_RELAY_THREAD', 'BUS_LOCK_MS',
  'TIPLINE_URL', 'REVIEW_CONSENSUS', 'REVIEW_BANK_ID',
  'VIGIL_KEK', 'VIGIL_KEK_FILE', 'RETENTION_PURGE_INTERVAL_MINUTES',
  'LOG_LEVEL', 'LOG_FORMAT', 'METRICS_TOKEN',
];

/**
 * Where hash-detection reaches the tipline's evidence API: TIPLINE_URL when set (Docker:
 * http://tipline:3001), otherwise the tipline's port on this machine, as both embedded mode and
 * services mode on one host run it.
 */
export function tiplineUrl(config: PlatformConfig, env: NodeJS.ProcessEnv): string {
  if (config.TIPLINE_URL) return config.TIPLINE_URL;
  const host = !config.HOST || config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.TIPLINE_PORT || 3001}`;
}
