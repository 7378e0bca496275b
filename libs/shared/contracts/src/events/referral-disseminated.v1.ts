import { IsIn, IsInt, IsISO8601, IsString, Matches, Min } from 'class-validator';

export const REFERRAL_DISSEMINATED_V1 = 'referral.disseminated.v1';

/**
 * referral-hub → (statistics, future consumers): a case went to a police service, as a full
 * investigation package or a lighter lead. `manifestSha256` lets anyone check the package
 * the police service pulls is the one that was sent.
 */
export class ReferralDisseminatedV1 {
  @IsString() disseminationId!: string;
  @IsString() caseId!: string;
  @IsString() caseReference!: string;
  @IsString() policeServiceId!: string;
  @IsIn(['package', 'lead']) kind!: 'package' | 'lead';
  @IsInt() @Min(1) packageVersion!: number;
  @Matches(/^[0-9a-f]{64}$/) manifestSha256!: string;
  @IsString() disseminatedBy!: string;
  @IsISO8601() disseminatedAt!: string;
}
