import { DomainError } from '../../../shared/domain/domain-error.js';

/**
 * The controllers a processor's breach affects: the addressees of the controller notice
 * (GDPR Art. 33(2): "The processor shall notify the controller without undue delay";
 * Art. 28(3)(f)). Only a processor has controllers to notify: on an incident recorded in the
 * controller role the organisation is the controller itself.
 */
export interface IncidentController {
  readonly name: string;
  readonly contactEmail: string | null;
  /** The contract or customer number under which the processing is done. */
  readonly reference: string | null;
}

/** One breach may touch many customers; beyond this, one incident per group of controllers. */
export const MAX_CONTROLLERS = 50;

export interface ControllerInput {
  readonly name: string;
  readonly contactEmail?: string | null;
  readonly reference?: string | null;
}

/** The stored shape: every key present, blanks as null. */
export function normaliseControllers(input: readonly ControllerInput[] | null | undefined): IncidentController[] {
  return (input ?? []).map((c) => ({ name: c.name.trim(), contactEmail: blankToNull(c.contactEmail), reference: blankToNull(c.reference) }));
}

/** GDPR Art. 33(2) binds processors: a controller incident names no controllers. */
export function assertControllersFitRole(role: 'controller' | 'processor', controllers: readonly IncidentController[]): void {
  if (role !== 'processor' && controllers.length > 0) {
    throw new DomainError(
      'INCIDENT.CONTROLLERS_NOT_APPLICABLE',
      'controllers are the addressees of the controller notice, which a processor sends (GDPR Art. 33(2)); this incident is recorded in the controller role. Leave controllers empty, or record the incident as processor',
      'unprocessable',
      { field: 'controllers' },
    );
  }
}

/** For the object given to the repository on creation: normalised and checked against the role. */
export function controllersFor(role: 'controller' | 'processor', input: readonly ControllerInput[] | null | undefined): IncidentController[] {
  const controllers = normaliseControllers(input);
  assertControllersFitRole(role, controllers);
  return controllers;
}

function blankToNull(text: string | null | undefined): string | null {
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
}
