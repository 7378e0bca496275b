import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, Matches, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase()));

/** The takedown work's environment variables (README, "Takedown"), validated when the module starts. */
export class TakedownConfig {
  /** How often the sweep sends due notices and checks due URLs; 0 turns the sweep off. */
  @IsOptional() @Transform(toInt) @IsInt({ message: 'TAKEDOWN_SWEEP_MS must be a whole number of milliseconds' }) @Min(0) TAKEDOWN_SWEEP_MS = 60000;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'TAKEDOWN_RESEND_MS must be a whole number of milliseconds' }) @Min(1000) TAKEDOWN_RESEND_MS = 24 * 3600_000;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'TAKEDOWN_RETRY_MS must be a whole number of milliseconds' }) @Min(100) TAKEDOWN_RETRY_MS = 15 * 60_000;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'TAKEDOWN_CHECK_MS must be a whole number of milliseconds' }) @Min(100) TAKEDOWN_CHECK_MS = 3600_000;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'TAKEDOWN_HTTP_TIMEOUT_MS must be a whole number of milliseconds' }) @Min(100) TAKEDOWN_HTTP_TIMEOUT_MS = 10000;
  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'TAKEDOWN_SMTP_URL must be an smtp:// or smtps:// URL' }) TAKEDOWN_SMTP_URL?: string;
  @IsOptional() @IsEmail({}, { message: 'TAKEDOWN_NOTICE_FROM must be an email address' }) TAKEDOWN_NOTICE_FROM = 'takedown@vigil.invalid';
  @IsOptional() @Transform(toBool) @IsBoolean() TAKEDOWN_CHECK_PRIVATE_ADDRESSES = false;
}

const KEYS = ['TAKEDOWN_SWEEP_MS', 'TAKEDOWN_RESEND_MS', 'TAKEDOWN_RETRY_MS', 'TAKEDOWN_CHECK_MS', 'TAKEDOWN_HTTP_TIMEOUT_MS', 'TAKEDOWN_SMTP_URL', 'TAKEDOWN_NOTICE_FROM', 'TAKEDOWN_CHECK_PRIVATE_ADDRESSES'];

export function readTakedownConfig(env: NodeJS.ProcessEnv): TakedownConfig {
  // An empty variable counts as unset, as in the platform's own configuration.
  const known = Object.fromEntries(Object.entries(env).filter(([key, value]) => KEYS.includes(key) && value !== ''));
  const config = plainToInstance(TakedownConfig, known);
  const errors = validateSync(config);
  if (errors.length > 0) throw new Error(`invalid takedown configuration:\n  ${errors.flatMap((error) => Object.values(error.constraints ?? {})).join('\n  ')}`);
  return config;
}

export const TAKEDOWN_CONFIG = Symbol('TakedownConfig');
