import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ClaimNextItemUseCase,
  ExposureCountsUseCase,
  OverrideReviewUseCase,
  PreviewReviewMediaUseCase,
  RecordDecisionUseCase,
  ReleaseItemUseCase,
  REVIEW_ITEM_REPOSITORY,
  type ConsensusRule,
  type HashEntryProps,
  type OnBehalfOf,
  type RenderedPreview,
  type ReviewItemRepository,
  type ReviewItemSnapshot,
  type Viewer,
} from '@vigil/hashes';
import { CLOCK, NotFoundError, ValidationError, type Clock } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import type { Request, Response } from 'express';
import { OverrideRequest, RecordDecisionRequest, ReviewItemsQuery } from './review.dto';
import { CONSENSUS_RULE } from './review.tokens';

const BASE = '/api/v1/review/items';

/** Supervisors see every item and every decision; reviewers only their own. */
function viewerOf(user: StaffUser): Viewer {
  return { username: user.username, supervisor: user.roles.includes('supervisor') || user.roles.includes('admin') };
}

/** The reviewer's own token, passed on to the tipline so it authorises and audits the reviewer. */
function onBehalfOf(request: Request): OnBehalfOf {
  return { bearerToken: (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '') };
}

/**
 * What a viewer is shown of an item: metadata and hashes first, no image. Reviewers do not see
 * other reviewers' decisions (consensus needs independent judgements), only how many there are.
 */
function itemView(item: ReviewItemSnapshot, viewer: Viewer) {
  const { decisions, overrides, ...rest } = item;
  return {
    ...rest,
    decisionCount: decisions.length,
    decisions: viewer.supervisor ? decisions : decisions.filter((decision) => decision.reviewer === viewer.username),
    overrides: viewer.supervisor ? overrides : [],
    links: {
      preview: `${BASE}/${item.id}/preview`,
      reveal: `${BASE}/${item.id}/reveal`,
      decisions: `${BASE}/${item.id}/decisions`,
      release: `${BASE}/${item.id}/release`,
    },
  };
}

/** Images leave this service only as small re-encoded previews, never cached, never sniffed. */
function sendImage(response: Response, preview: RenderedPreview): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(Buffer.from(preview.content), { type: preview.contentType, length: preview.content.length, disposition: 'inline' });
}

function parseColour(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ValidationError('colour: must be true or false', 'colour');
}

/**
 * The human review queue for media that matched nothing. Wellness by design: one item at a
 * time, hashes and metadata first, a blurred greyscale preview by default, an unblurred view
 * only on demand (counted as an exposure), and known material never shown at all.
 */
@ApiTags('review queue')
@ApiBearerAuth()
@Controller('api/v1/review')
export class ReviewController {
  constructor(
    @Inject(REVIEW_ITEM_REPOSITORY) private readonly items: ReviewItemRepository,
    @Inject(CONSENSUS_RULE) private readonly rule: ConsensusRule,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly claimNext: ClaimNextItemUseCase,
    private readonly releaseItem: ReleaseItemUseCase,
    private readonly recordDecision: RecordDecisionUseCase,
    private readonly overrideReview: OverrideReviewUseCase,
    private readonly media: PreviewReviewMediaUseCase,
    private readonly exposures: ExposureCountsUseCase,
  ) {}

  @Get('queue')
  @Roles('reviewer', 'supervisor')
  @ApiOperation({ summary: 'How many items wait, by urgency, and since when the oldest has waited' })
  async queue() {
    return { ...(await this.items.summary(this.clock.now())), consensusRequired: this.rule.required };
  }

  @Post('next')
  @Roles('reviewer')
  @ApiOperation({ summary: 'Take the next item (most urgent, then oldest): metadata and hashes, no image', description: 'One at a time: asking again returns the item you hold.' })
  @ApiNoContentResponse({ description: 'Nothing is waiting for you' })
  async next(@CurrentUser() user: StaffUser, @Res({ passthrough: true }) response: Response) {
    const item = await this.claimNext.execute(user.username);
    if (!item) {
      response.status(204);
      return undefined;
    }
    response.status(200);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'review-item', resourceId: item.id, detail: { claimed: true, mediaId: item.mediaId } });
    return itemView(item, viewerOf(user));
  }

  @Get('items')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Items waiting for a supervisor (reviewers could not agree): most urgent first, each with every decision (audited)',
    description: 'Only `status=awaiting-supervisor` is offered: reviewers take items one at a time with POST next, never from a list.',
  })
  async list(@CurrentUser() user: StaffUser, @Query() query: ReviewItemsQuery) {
    const items = await this.items.listAwaitingSupervisor(query.limit ?? 50);
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'review-item', resourceId: '*', detail: { status: query.status, count: items.length } });
    return items.map((item) => itemView(item.snapshot(), viewerOf(user)));
  }

  @Get('items/:id')
  @Roles('reviewer', 'supervisor')
  @ApiOperation({ summary: 'One item’s metadata, hashes and status (audited)' })
  async get(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string) {
    const item = await this.items.findById(id);
    if (!item) throw new NotFoundError('review item', id);
    const viewer = viewerOf(user);
    item.assertMayInspect(viewer, this.clock.now());
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'review-item', resourceId: id });
    return itemView(item.snapshot(), viewer);
  }

  @Get('items/:id/preview')
  @Roles('reviewer', 'supervisor')
  @ApiOperation({ summary: 'The blurred, greyscale, downscaled preview (JPEG, never cached; audited)' })
  @ApiProduces('image/jpeg')
  async preview(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const preview = await this.media.preview(id, viewerOf(user), onBehalfOf(request));
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'review-media', resourceId: id, detail: { blurred: true } });
    return sendImage(response, preview);
  }

  @Post('items/:id/reveal')
  @HttpCode(200)
  @Roles('reviewer', 'supervisor')
  @ApiOperation({ summary: 'Reveal the unblurred preview (still downscaled; greyscale unless ?colour=true). Counts one exposure; audited.' })
  @ApiQuery({ name: 'colour', required: false, type: Boolean })
  @ApiProduces('image/jpeg')
  async reveal(
    @CurrentUser() user: StaffUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('colour') colour: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const inColour = parseColour(colour);
    const preview = await this.media.reveal(id, viewerOf(user), onBehalfOf(request), inColour);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'review-media', resourceId: id, detail: { blurred: false, colour: inColour } });
    return sendImage(response, preview);
  }

  @Post('items/:id/decisions')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Classify the item you hold; N agreeing reviewers make it final and bank its hashes' })
  async decide(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordDecisionRequest) {
    const result = await this.recordDecision.execute({ itemId: id, reviewer: user.username, classification: body.classification, note: body.note });
    await this.audit.record({ actor: user.username, action: 'change', resourceType: 'review-item', resourceId: id, detail: { decision: body.classification, verdict: result.verdict.kind } });
    return { item: itemView(result.item, viewerOf(user)), verdict: result.verdict.kind, bankEntries: result.bankEntries.map(({ id: entryId, bankId, hashType, value }) => ({ id: entryId, bankId, hashType, value })) };
  }

  @Post('items/:id/release')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Give the item back to the queue, undecided' })
  async release(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string) {
    await this.releaseItem.execute(id, user.username);
    return { released: id };
  }

  @Post('items/:id/override')
  @HttpCode(200)
  @Roles('supervisor', 'bank-curator')
  @ApiOperation({ summary: 'Decide in place of the reviewers, with a reason (recorded with who and when)' })
  async override(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: OverrideRequest) {
    const result = await this.overrideReview.execute({ itemId: id, supervisor: user.username, classification: body.classification, reason: body.reason });
    await this.audit.record({ actor: user.username, action: 'override', resourceType: 'review-item', resourceId: id, detail: { classification: body.classification, reason: body.reason } });
    const entry = ({ id: entryId, bankId, hashType, value, classification, disabledAt }: HashEntryProps) => ({ id: entryId, bankId, hashType, value, classification, disabledAt });
    return { item: itemView(result.item, { username: user.username, supervisor: true }), bankEntries: result.bankEntries.map(entry), changedEntries: result.changedEntries.map(entry) };
  }

  @Get('exposure')
  @Roles('reviewer', 'supervisor')
  @ApiOperation({ summary: 'Unblurred views today, this week and in total, and items decided: your own; supervisors also see everyone’s' })
  async exposure(@CurrentUser() user: StaffUser) {
    const own = await this.exposures.forReviewer(user.username);
    if (!viewerOf(user).supervisor) return { own };
    const everyone = await this.exposures.forEveryone();
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'review-exposure', resourceId: '*', detail: { count: everyone.length } });
    return { own, everyone };
  }
}
