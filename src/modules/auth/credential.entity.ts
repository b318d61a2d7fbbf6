import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** An API token: only its SHA-256 is kept; the token itself is shown once, at creation. */
@Entity('api_tokens')
@Index('api_tokens_token_hash_key', ['tokenHash'], { unique: true })
@Index('api_tokens_user_idx', ['userId'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_tokens_user_id_fkey' })
  user?: UserEntity;

  @Column('text')
  name: string;

  @Column('text')
  tokenHash: string;

  /** The first characters, so a person can tell tokens apart. */
  @Column('text')
  prefix: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}

/** A signed-in browser: the cookie holds a random secret, the row only its SHA-256. */
@Entity('sessions')
@Index('sessions_token_hash_key', ['tokenHash'], { unique: true })
@Index('sessions_user_idx', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: UserEntity;

  @Column('text')
  tokenHash: string;

  /** Sent back with every state-changing request made with this session. */
  @Column('text')
  csrfToken: string;

  @Column('text')
  address: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}

/** A failed login, counted per account and per address to slow guessing down. */
@Entity('login_failures')
@Index('login_failures_account_at_idx', ['account', 'at'])
@Index('login_failures_address_at_idx', ['address', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('text')
  account: string;

  @Column('text')
  address: string;

  @Column('timestamptz')
  at: Date;
}
