import { Public } from '../auth/principal.js';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { DocumentRenderer } from '../documents/document-renderer.js';

class DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: Number, nullable: true, description: 'Round trip of SELECT 1 in ms' }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

class BrowserHealth {
  @ApiProperty({ enum: ['running', 'idle', 'missing'], description: 'idle: found, launched on the first PDF' }) status: 'running' | 'idle' | 'missing';
  @ApiProperty({ type: String, nullable: true }) executable: string | null;
  @ApiProperty({ type: Number, nullable: true }) pid: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded (503) when the database does not answer' }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
  @ApiProperty({ type: BrowserHealth, description: 'Chromium for PDF notices' }) browser: BrowserHealth;
  @ApiProperty({ format: 'date-time' }) time: string;
}

/** Liveness and readiness in one: 200 when the database answers, 503 otherwise. No auth. */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthView> {
    const started = performance.now();
    let database: DatabaseHealth;
    try {
      await withTimeout(this.db.query('SELECT 1'), 3000);
      database = { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10, error: null };
    } catch {
      database = { status: 'down', latencyMs: null, error: 'database unreachable' };
    }
    const status = database.status === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') void res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, browser: this.renderer.status(), time: new Date().toISOString() };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
