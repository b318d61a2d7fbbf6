/**
 * What an escalation tells people, independent of the channel that carries it. The
 * scheduler builds one AlertMessage per fired rung; a delivery sends it to one channel.
 */
export const CHANNEL_TYPES = ['webhook', 'slack', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface AlertMessage {
  /** Stable per delivery (outbox row id): the idempotency key, header X-Breach-Delivery. */
  readonly deliveryId: string;
  readonly escalationId: string;
  readonly incident: { readonly id: string; readonly reference: string; readonly title: string };
  readonly organisation: { readonly id: string; readonly legalName: string; readonly timeZone: string };
  readonly obligation: {
    readonly id: string;
    /** e.g. gdpr_art33_1 */
    readonly kind: string;
    /** Human label, e.g. "GDPR Art. 33(1): notify the supervisory authority" */
    readonly label: string;
    readonly recipient: string;
    readonly dueAt: string;
  };
  readonly rung: {
    /** Minutes before the deadline (positive), at it (0), or after it (negative: overdue). */
    readonly offsetMinutes: number;
    /** e.g. "24 h before", "at the deadline", "12 h overdue" */
    readonly label: string;
    /** Fired after a later rung had already passed when it was planned (catch-up). */
    readonly late: boolean;
  };
  /** Milliseconds until the deadline at firing time; negative when overdue. */
  readonly timeLeftMs: number;
  readonly firedAt: string;
}

/** Channel configuration as stored (secrets included: never returned by the API). */
export type ChannelConfig =
  | { readonly type: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly type: 'slack'; readonly url: string }
  | { readonly type: 'email'; readonly to: readonly string[] };

export type DeliveryOutcome =
  | { readonly ok: true; readonly detail?: string }
  /** `retryable` false means retrying cannot help (e.g. 4xx other than 408/429): dead-letter at once. */
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

export interface ChannelSender {
  readonly type: ChannelType;
  send(message: AlertMessage, config: ChannelConfig): Promise<DeliveryOutcome>;
}
