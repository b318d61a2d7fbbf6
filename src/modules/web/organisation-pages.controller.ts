import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { UuidParam } from '../../shared/http/params.js';
import { ChannelsService } from '../alerts/channels.service.js';
import { CreateChannelDto } from '../alerts/dto/channel.dto.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { can } from '../auth/domain/permissions.js';
import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { rungLabel } from '../obligations/domain/ladder.js';
import { LadderDto, type LadderView, type OrganisationView, UpdateOrganisationDto } from '../organisations/dto/organisation.dto.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { domainErrors, type FieldErrors, type FormBody, formBoolean, formList, formNumber, formText, validateForm } from './forms.js';
import { pageContext } from './page-context.js';

/** Post-redirect-get: the redirect names what was done; only these sentences can be shown. */
const DONE: Readonly<Record<string, string>> = {
  window: 'Notification windows saved. Deadlines of open incidents were recomputed.',
  ladder: 'Escalation ladder saved. Pending reminders of open duties were re-planned.',
  'channel-added': 'Alert channel added.',
  'channel-deleted': 'Alert channel removed. Alerts already sent keep their record.',
};

const CHANNEL_TYPE_LABELS: Readonly<Record<string, string>> = { webhook: 'Webhook', slack: 'Slack', email: 'E-mail' };

/** What each form shows: its values as typed (strings), its errors (null when none: strict templates). */
interface WindowValues { controllerNoticeWindowHours: string; subjectNoticeHours: string; notifyWhenInDoubt: boolean }
interface LadderValues { rungsBeforeHours: string; atDeadline: boolean; overdueEveryHours: string }
interface ChannelValues { type: string; name: string; url: string; to: string }
interface Drafts {
  window?: { values: WindowValues; errors: FieldErrors };
  ladder?: { values: LadderValues; errors: FieldErrors };
  channel?: { values: ChannelValues; errors: FieldErrors };
}

const WINDOW_FIELDS = ['controllerNoticeWindowHours', 'subjectNoticeHours', 'notifyWhenInDoubt', 'form'] as const;
const LADDER_FIELDS = ['rungsBeforeHours', 'atDeadline', 'overdueEveryHours', 'form'] as const;
const CHANNEL_FIELDS = ['type', 'name', 'url', 'secret', 'to', 'form'] as const;

/** The settings of the user's organisations: facts, notification windows, escalation ladder, alert channels. */
@ApiExcludeController()
@Controller('organisations')
export class OrganisationPagesController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly channels: ChannelsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('read')
  @Render('organisations')
  async list(@CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    const page = await this.organisations.list({ limit: 200, offset: 0 }, principal);
    return {
      ...pageContext(principal, 'Organisations', 'organisations', this.clock.now()),
      organisations: page.items.map((o) => ({ id: o.id, legalName: o.legalName, country: o.country, timeZone: o.timeZone, roles: roleList(o.roles), controllerNoticeWindowHours: o.controllerNoticeWindowHours })),
      count: page.items.length,
      more: page.total > page.items.length,
    };
  }

  @Get(':id')
  @Requires('read')
  @Render('organisation')
  settings(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Query('done') done?: string): Promise<Record<string, unknown>> {
    return this.model(id, principal, {}, typeof done === 'string' && Object.hasOwn(DONE, done) ? (DONE[done] as string) : null);
  }

  @Post(':id/window')
  @Requires('organisations:manage')
  @HttpCode(303)
  async saveWindow(@Param('id', UuidParam) id: string, @Body() form: FormBody, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Res() reply: FastifyReply): Promise<void> {
    const values: WindowValues = { controllerNoticeWindowHours: formText(form.controllerNoticeWindowHours) ?? '', subjectNoticeHours: formText(form.subjectNoticeHours) ?? '', notifyWhenInDoubt: formBoolean(form.notifyWhenInDoubt) };
    const missing = required(values, ['controllerNoticeWindowHours', 'subjectNoticeHours'], 'Enter a number of hours.');
    const checked = await validateForm(UpdateOrganisationDto, {
      controllerNoticeWindowHours: formNumber(form.controllerNoticeWindowHours),
      subjectNoticeHours: formNumber(form.subjectNoticeHours),
      notifyWhenInDoubt: values.notifyWhenInDoubt,
    });
    const errors = { ...(checked.ok ? {} : checked.errors), ...missing };
    if (checked.ok && Object.keys(missing).length === 0) {
      const refused = await attempt(() => this.organisations.update(id, checked.value, acting));
      if (!refused) return this.done(reply, id, 'window', 'window');
      Object.assign(errors, refused.errors);
      return this.again(reply, refused.status, id, principal, { window: { values, errors } });
    }
    return this.again(reply, 400, id, principal, { window: { values, errors } });
  }

  @Post(':id/ladder')
  @Requires('organisations:manage')
  @HttpCode(303)
  async saveLadder(@Param('id', UuidParam) id: string, @Body() form: FormBody, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Res() reply: FastifyReply): Promise<void> {
    const values: LadderValues = { rungsBeforeHours: formText(form.rungsBeforeHours) ?? '', atDeadline: formBoolean(form.atDeadline), overdueEveryHours: formText(form.overdueEveryHours) ?? '' };
    const missing = required(values, ['overdueEveryHours'], 'Enter a number of hours.');
    // "48, 24, 12" or "48 24 12": each rung as a number when it reads as one (the DTO refuses the rest).
    const rungs = values.rungsBeforeHours.split(/[\s,;]+/).filter(Boolean).map((r) => formNumber(r));
    const checked = await validateForm(LadderDto, { rungsBeforeHours: rungs, atDeadline: values.atDeadline, overdueEveryHours: formNumber(form.overdueEveryHours) });
    const errors = { ...(checked.ok ? {} : checked.errors), ...missing };
    if (checked.ok && Object.keys(missing).length === 0) {
      const refused = await attempt(() => this.organisations.setLadder(id, checked.value, acting));
      if (!refused) return this.done(reply, id, 'ladder', 'ladder');
      Object.assign(errors, refused.errors);
      return this.again(reply, refused.status, id, principal, { ladder: { values, errors } });
    }
    return this.again(reply, 400, id, principal, { ladder: { values, errors } });
  }

  @Post(':id/channels')
  @Requires('channels:manage')
  @HttpCode(303)
  async addChannel(@Param('id', UuidParam) id: string, @Body() form: FormBody, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Res() reply: FastifyReply): Promise<void> {
    const type = formText(form.type) ?? '';
    // The secret is never written back into the page: after an error it is typed again.
    const values: ChannelValues = { type, name: formText(form.name) ?? '', url: formText(form.url) ?? '', to: formList(form.to).join(', ') };
    const checked = await validateForm(CreateChannelDto, {
      type: type || undefined,
      name: values.name || undefined,
      ...(type === 'webhook' || type === 'slack' ? { url: values.url || undefined } : {}),
      ...(type === 'webhook' ? { secret: formText(form.secret) } : {}),
      ...(type === 'email' ? { to: values.to.split(/[\s,;]+/).filter(Boolean) } : {}),
    });
    if (checked.ok) {
      const refused = await attempt(() => this.channels.create(id, checked.value, acting));
      if (!refused) return this.done(reply, id, 'channel-added', 'channels');
      return this.again(reply, refused.status, id, principal, { channel: { values, errors: refused.errors } });
    }
    return this.again(reply, 400, id, principal, { channel: { values, errors: checked.errors } });
  }

  @Post(':id/channels/:cid/delete')
  @Requires('channels:manage')
  @HttpCode(303)
  async deleteChannel(@Param('id', UuidParam) id: string, @Param('cid', UuidParam) cid: string, @Acting() acting: ActingContext, @Res() reply: FastifyReply): Promise<void> {
    await this.channels.remove(id, cid, acting);
    return this.done(reply, id, 'channel-deleted', 'channels');
  }

  /** Back to the section just changed, saying what was done. */
  private async done(reply: FastifyReply, id: string, what: string, section: string): Promise<void> {
    await reply.redirect(`/organisations/${id}?done=${what}#${section}`, 303);
  }

  private async again(reply: FastifyReply, status: number, id: string, principal: Principal, drafts: Drafts): Promise<void> {
    await reply.status(status).view('organisation', await this.model(id, principal, drafts, null));
  }

  private async model(id: string, principal: Principal, drafts: Drafts, flash: string | null): Promise<Record<string, unknown>> {
    const [organisation, ladder, channels] = await Promise.all([this.organisations.get(id), this.organisations.ladder(id), this.channels.list(id)]);
    return {
      ...pageContext(principal, organisation.legalName, 'organisations', this.clock.now(), flash),
      organisation: facts(organisation),
      canManageOrganisation: can(principal.role, 'organisations:manage'),
      canManageChannels: can(principal.role, 'channels:manage'),
      windowForm: form(drafts.window ?? { values: windowValues(organisation), errors: {} }, WINDOW_FIELDS),
      ladder: { rungs: ladderRungs(ladder), isDefault: ladder.isDefault },
      ladderForm: form(drafts.ladder ?? { values: ladderValues(ladder), errors: {} }, LADDER_FIELDS),
      channels: channels.items.map((c) => ({ id: c.id, name: c.name, type: CHANNEL_TYPE_LABELS[c.type] ?? c.type, target: c.type === 'email' ? c.to.join(', ') : (c.url ?? ''), signed: c.hasSecret, createdAt: `${c.createdAt.slice(0, 16).replace('T', ' ')} UTC` })),
      channelForm: form(drafts.channel ?? { values: { type: 'webhook', name: '', url: '', to: '' }, errors: {} }, CHANNEL_FIELDS),
    };
  }
}

/** A refusal from a service, as errors beside the form's fields; anything else propagates. */
async function attempt(action: () => Promise<unknown>): Promise<{ status: number; errors: FieldErrors } | null> {
  try {
    await action();
    return null;
  } catch (error) {
    const errors = ladderErrors(error) ?? domainErrors(error);
    if (!errors || !(error instanceof DomainError) || error.kind === 'not_found' || error.kind === 'forbidden') throw error;
    return { status: error.kind === 'invalid' ? 400 : error.kind === 'conflict' ? 409 : 422, errors };
  }
}

/** ORGANISATION.INVALID_LADDER names each bad rung (`rungsBeforeHours[2]`): shown beside its field. */
function ladderErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof DomainError) || error.code !== 'ORGANISATION.INVALID_LADDER') return null;
  const errors: FieldErrors = {};
  for (const v of (error.details?.violations ?? []) as Array<{ field: string; message: string }>) {
    const [field, index] = v.field.split(/[[\]]/);
    const text = `${index === undefined ? '' : `Rung ${Number(index) + 1}: `}${v.message}.`;
    errors[field as string] = errors[field as string] ? `${errors[field as string]} ${text}` : text;
  }
  return errors;
}

function required<T extends object>(values: T, fields: ReadonlyArray<keyof T & string>, message: string): FieldErrors {
  return Object.fromEntries(fields.filter((f) => values[f] === '').map((f) => [f, message]));
}

/** A form's values and its errors, one per field (null when none); open when it has any. */
function form<V>(draft: { values: V; errors: FieldErrors }, fields: readonly string[]): { values: V; errors: Record<string, string | null>; open: boolean } {
  // A message about a field this form does not have is shown at the top of the form.
  const elsewhere = Object.entries(draft.errors).filter(([f]) => !fields.includes(f)).map(([, message]) => message);
  const errors = Object.fromEntries(fields.map((f) => [f, draft.errors[f] ?? null]));
  if (elsewhere.length > 0) errors.form = [errors.form, ...elsewhere].filter(Boolean).join(' ');
  return { values: draft.values, errors, open: Object.keys(draft.errors).length > 0 };
}

const windowValues = (o: OrganisationView): WindowValues => ({ controllerNoticeWindowHours: String(o.controllerNoticeWindowHours), subjectNoticeHours: String(o.subjectNoticeHours), notifyWhenInDoubt: o.notifyWhenInDoubt });
const ladderValues = (l: LadderView): LadderValues => ({ rungsBeforeHours: l.rungsBeforeHours.join(', '), atDeadline: l.atDeadline, overdueEveryHours: String(l.overdueEveryHours) });

function ladderRungs(l: LadderView): string[] {
  const before = [...l.rungsBeforeHours].sort((a, b) => b - a).map((h) => rungLabel(Math.round(h * 60)));
  return [...before, ...(l.atDeadline ? [rungLabel(0)] : []), `then every ${l.overdueEveryHours} h while overdue`];
}

const roleList = (roles: readonly string[]): string => roles.map((r) => (r === 'controller' ? 'Controller' : 'Processor')).join(', ');

function facts(o: OrganisationView): Record<string, unknown> {
  const e = o.establishment;
  return {
    id: o.id,
    legalName: o.legalName,
    country: o.country,
    timeZone: o.timeZone,
    roles: roleList(o.roles),
    contactKind: o.contact.kind === 'dpo' ? 'Data protection officer' : 'Contact point',
    contact: [o.contact.name, o.contact.email, o.contact.phone, o.contact.address].filter((v): v is string => !!v).join(' · ') || null,
    establishment: e.mainEstablishmentCountry
      ? `Main establishment in ${e.mainEstablishmentCountry}${e.otherEstablishmentCountries.length ? `; also in ${e.otherEstablishmentCountries.join(', ')}` : ''}`
      : e.representativeCountry ? `No EEA establishment; Art. 27 representative in ${e.representativeCountry}` : 'No EEA establishment',
    sectors: [o.nis2Entity ? 'NIS2 entity' : '', o.trustServiceProvider ? 'Trust service provider' : '', o.doraFinancialEntity ? 'DORA financial entity' : ''].filter(Boolean).join(', ') || 'None',
    controllerNoticeWindowHours: o.controllerNoticeWindowHours,
    subjectNoticeHours: o.subjectNoticeHours,
    notifyWhenInDoubt: o.notifyWhenInDoubt ? 'Yes' : 'No',
    breachNoticeCommitment: o.breachNoticeCommitment,
  };
}
