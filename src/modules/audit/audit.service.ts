import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, MoreThan } from 'typeorm';
import type { Scope } from '../auth/principal.js';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';
import { type ChainProblem, chainOf, firstBreak, GENESIS_HASH, SYSTEM_CHAIN } from './domain/chain.js';

const BATCH = 2000;

export interface ChainReport {
  chain: string;
  organisationId: string | null;
  checked: number;
  ok: boolean;
  firstBrokenId: string | null;
  problem: ChainProblem | 'head_mismatch' | null;
  /** The last entry's hash: note it elsewhere to detect a rewrite of the whole chain later. */
  headHash: string;
  headSeq: string;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  chains: ChainReport[];
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Recomputes every hash of the caller's chains (their organisations; `system` for admins). */
  async verify(scope: Scope, includeSystem: boolean): Promise<VerifyReport> {
    const chains = [...scope.organisationIds.map((id) => chainOf(id)).sort(), ...(includeSystem ? [SYSTEM_CHAIN] : [])];
    const reports: ChainReport[] = [];
    for (const chain of chains) reports.push(await this.verifyChain(chain));
    const broken = reports.find((r) => !r.ok);
    return { ok: !broken, checked: reports.reduce((sum, r) => sum + r.checked, 0), firstBrokenId: broken?.firstBrokenId ?? null, chains: reports };
  }

  private async verifyChain(chain: string): Promise<ChainReport> {
    const head = await this.db.manager.findOne(AuditHeadEntity, { where: { chain } });
    const organisationId = chain === SYSTEM_CHAIN ? null : chain.slice('org:'.length);
    let previous: { seq: string; hash: string } | null = null;
    let checked = 0;
    for (;;) {
      const entries: AuditEntryEntity[] = await this.db.manager.find(AuditEntryEntity, {
        where: previous ? { chain, seq: MoreThan(previous.seq) } : { chain },
        order: { seq: 'ASC' },
        take: BATCH,
      });
      const broken = firstBreak(entries, previous);
      if (broken) {
        checked += entries.findIndex((e) => e.id === broken.id) + 1;
        return { chain, organisationId, checked, ok: false, firstBrokenId: broken.id, problem: broken.problem, headHash: head?.hash ?? GENESIS_HASH, headSeq: head?.seq ?? '0' };
      }
      checked += entries.length;
      const last: AuditEntryEntity | undefined = entries.at(-1);
      if (last) previous = { seq: last.seq, hash: last.hash };
      if (entries.length < BATCH) break;
    }
    // Entries cut off the end of the chain leave the head pointing past the last one.
    const tailIntact = (head?.seq ?? '0') === (previous?.seq ?? '0') && (head?.hash ?? GENESIS_HASH) === (previous?.hash ?? GENESIS_HASH);
    return {
      chain,
      organisationId,
      checked,
      ok: tailIntact,
      firstBrokenId: null,
      problem: tailIntact ? null : 'head_mismatch',
      headHash: head?.hash ?? GENESIS_HASH,
      headSeq: head?.seq ?? '0',
    };
  }

  async list(organisationIds: readonly string[], limit: number, offset: number): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const [items, total] = await this.db.manager.findAndCount(AuditEntryEntity, {
      where: { organisationId: In([...organisationIds]) },
      order: { id: 'DESC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }
}
