import { IsISO8601, IsString } from 'class-validator';

export const REFERRAL_ACKNOWLEDGED_V1 = 'referral.acknowledged.v1';

/** referral-hub → (statistics, future consumers): the police service confirmed it received a referral. */
export class ReferralAcknowledgedV1 {
  @IsString() disseminationId!: string;
  @IsString() caseId!: string;
  @IsString() policeServiceId!: string;
  /** The partner key (or staff member) that acknowledged. */
  @IsString() acknowledgedBy!: string;
  @IsISO8601() acknowledgedAt!: string;
}
