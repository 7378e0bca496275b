import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PDQ_CANDIDATE_FINDER, type PdqIndexSnapshotter, type PdqIndexStatus, type PdqSnapshotStatus, type SnapshotablePdqCandidateFinder } from '@vigil/hashes';
import { Roles } from '@vigil/security';
import { PDQ_INDEX_SNAPSHOTTER } from './index-snapshot.config';

class FingerprintView {
  @ApiProperty() entries!: number;
  @ApiProperty({ description: 'sum of a 64-bit hash of each (entry id, PDQ) pair: equal to Postgres’s when the index holds exactly the enabled PDQ entries' }) checksum!: string;
}

class PdqIndexView implements PdqIndexStatus {
  @ApiProperty({ example: 100000 }) entries!: number;
  @ApiProperty({ example: 12_000_000 }) memoryEstimateBytes!: number;
  @ApiProperty({ enum: ['postgres', 'snapshot', 'empty'], description: 'where the index came from at start' }) source!: 'postgres' | 'snapshot' | 'empty';
  @ApiPropertyOptional({ description: 'when it was rebuilt or loaded' }) loadedAt?: string;
  @ApiPropertyOptional({ description: 'how long the rebuild or load took' }) loadMs?: number;
  @ApiProperty({ type: FingerprintView }) fingerprint!: FingerprintView;
  @ApiProperty() changedSinceSnapshot!: boolean;
  @ApiPropertyOptional({ description: 'when the snapshot it was loaded from had been written (source snapshot)' }) snapshotWrittenAt?: string;
}

class SnapshotView implements PdqSnapshotStatus {
  @ApiProperty() path!: string;
  @ApiProperty({ description: '0: written only at shutdown' }) intervalMs!: number;
  @ApiPropertyOptional() lastWrittenAt?: string;
  @ApiPropertyOptional() lastBytes?: number;
  @ApiPropertyOptional() lastWriteMs?: number;
  @ApiPropertyOptional() lastError?: string;
}

export class IndexStatusResponse {
  @ApiProperty({ type: PdqIndexView }) pdq!: PdqIndexView;
  @ApiProperty({ type: SnapshotView }) snapshot!: SnapshotView;
}

@ApiTags('match index')
@ApiBearerAuth()
@Controller('api/v1/index')
export class IndexStatusController {
  constructor(
    @Inject(PDQ_CANDIDATE_FINDER) private readonly finder: SnapshotablePdqCandidateFinder,
    @Inject(PDQ_INDEX_SNAPSHOTTER) private readonly snapshotter: PdqIndexSnapshotter,
  ) {}

  @Get('status')
  @Roles('reviewer', 'bank-curator')
  @ApiOperation({ summary: 'The in-memory PDQ index: entries, memory, where it was loaded from, its snapshot' })
  @ApiOkResponse({ type: IndexStatusResponse })
  status(): IndexStatusResponse {
    return { pdq: this.finder.status(), snapshot: this.snapshotter.status() };
  }

  @Post('snapshot')
  @HttpCode(200)
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Write the PDQ index snapshot now (if the index changed since the last one)' })
  @ApiOkResponse({ type: IndexStatusResponse })
  async snapshot(): Promise<IndexStatusResponse> {
    await this.snapshotter.saveIfChanged();
    return this.status();
  }
}
