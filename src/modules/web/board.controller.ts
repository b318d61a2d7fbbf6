import { Controller, Get, Inject, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { type BoardSource, boardRows } from './domain/board.js';
import { pageContext } from './page-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The board: every open deadline of the user's organisations, the nearest first. */
@ApiExcludeController()
@Controller()
export class BoardController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('read')
  @Render('board')
  async board(@CurrentPrincipal() principal: Principal, @Query('organisationId') organisationId?: string): Promise<Record<string, unknown>> {
    const filter = typeof organisationId === 'string' && UUID.test(organisationId) && principal.organisationIds.includes(organisationId) ? organisationId : null;
    const scope = filter ? [filter] : [...principal.organisationIds];
    const sources = (await this.db.query(
      `SELECT o.id AS "obligationId", o.label, o.recipient, o.due_at AS "dueAt", i.id AS "incidentId", i.reference, i.title,
              g.legal_name AS "organisationName", g.time_zone AS "timeZone"
         FROM obligations o JOIN incidents i ON i.id = o.incident_id JOIN organisations g ON g.id = o.organisation_id
        WHERE o.status = 'open' AND o.due_at IS NOT NULL AND o.organisation_id = ANY($1::uuid[])
        ORDER BY o.due_at, o.id`,
      [scope],
    )) as BoardSource[];
    const organisations = (await this.db.query(`SELECT id, legal_name AS "legalName" FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY legal_name`, [principal.organisationIds])) as Array<{ id: string; legalName: string }>;
    const now = this.clock.now();
    const rows = boardRows(sources, now);
    return {
      ...pageContext(principal, 'Deadlines', 'board', now),
      rows,
      count: rows.length,
      overdue: rows.filter((r) => r.rung === 'overdue').length,
      organisations: organisations.map((o) => ({ ...o, selected: o.id === filter })),
      filtered: filter !== null,
    };
  }
}
