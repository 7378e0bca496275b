import { MEDIA_LIMITS } from '../taxonomy';
import { urlProblems, webAddressesIn } from './report-questions';

export type FollowUpField = 'reference' | 'secret' | 'text' | 'urls' | 'media';

export interface FollowUpProblem {
  field: FollowUpField;
  key: string;
  values?: Record<string, string | number>;
}

const REFERENCE = /^VGL-[0-9A-Z]{4}-[0-9A-Z]{4}$/i;

/** What is missing or wrong in a follow-up, field by field, before it is sent. */
export function followUpProblems(input: { reference: string; secret: string; text: string; urls: string; files: File[] }): FollowUpProblem[] {
  const problems: FollowUpProblem[] = [];
  if (!REFERENCE.test(input.reference.trim())) problems.push({ field: 'reference', key: 'followUp.errors.reference' });
  if (!input.secret.trim()) problems.push({ field: 'secret', key: 'followUp.errors.secret' });
  const { urls, wrongLines } = webAddressesIn(input.urls);
  problems.push(...urlProblems(wrongLines));
  if (!input.text.trim() && urls.length === 0 && wrongLines.length === 0 && input.files.length === 0) problems.push({ field: 'text', key: 'followUp.errors.nothing' });
  const megabytes = MEDIA_LIMITS.maxFileBytes / 1024 / 1024;
  if (input.files.length > MEDIA_LIMITS.maxFiles) problems.push({ field: 'media', key: 'report.errors.tooManyFiles', values: { count: MEDIA_LIMITS.maxFiles } });
  for (const file of input.files) {
    if (!MEDIA_LIMITS.types.includes(file.type)) problems.push({ field: 'media', key: 'report.errors.fileType', values: { name: file.name } });
    else if (file.size > MEDIA_LIMITS.maxFileBytes) problems.push({ field: 'media', key: 'report.errors.fileSize', values: { name: file.name, megabytes } });
  }
  return problems;
}

