import type { CreateIncidentDto } from '../modules/incidents/dto/incident.dto.js';
import type { CreateOrganisationDto } from '../modules/organisations/dto/organisation.dto.js';

/**
 * The five first users, as their privacy policies in ../shared/seeds/ describe them.
 * Only facts stated in a policy are filled in; where a policy names no DPO e-mail (or the
 * published page hides it), the field stays empty rather than invented.
 */
export interface DemoOrganisation {
  readonly seedFile: string;
  readonly organisation: CreateOrganisationDto;
  /** A sample incident; times are offsets in hours before "now" so the clocks are live. */
  readonly incident: Omit<CreateIncidentDto, 'organisationId' | 'detectedAt' | 'awareAt' | 'occurredAt'> & {
    readonly occurredHoursAgo: number | null;
    readonly detectedHoursAgo: number;
    readonly awareHoursAgo: number | null;
  };
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    // 000: "Regarding Customer Data the Customer is the data controller and Noux Digital the
    // data processor"; "We have appointed a Data Protection Officer" (no contact published).
    seedFile: '000_b4c722232c67bc0a.txt',
    organisation: {
      legalName: 'Noux Digital Ltd.',
      country: 'FI',
      timeZone: 'Europe/Helsinki',
      roles: ['controller', 'processor'],
      contact: { kind: 'dpo', name: null, email: null, phone: null, address: null },
      establishment: { mainEstablishmentCountry: 'FI' },
      breachNoticeCommitment:
        'In case we become aware of a data security breach affecting personal data we will report this to the Customer as required by Applicable Laws.',
    },
    incident: {
      title: 'Digital Sales Room share link exposed visitor contact details',
      description:
        'A sales-room link meant for one prospect was forwarded and opened by unknown visitors; the room listed names, e-mail addresses and phone numbers of the customer\'s contacts.',
      role: 'processor',
      affectedCountries: ['FI', 'SE'],
      occurredHoursAgo: 30,
      detectedHoursAgo: 20,
      awareHoursAgo: 18,
    },
  },
  {
    // 001: controller for customer-relationship data; "When performing tasks agreed with the
    // customer, such as IT support services, Netox acts as a data processor".
    seedFile: '001_694adff3aedf2ce4.txt',
    organisation: {
      legalName: 'Netox Oy',
      country: 'FI',
      timeZone: 'Europe/Helsinki',
      roles: ['controller', 'processor'],
      contact: { kind: 'contact_point', name: null, email: 'tietosuoja@netox.fi', phone: null, address: 'Saaristonkatu 22, 2krs. 90100 Oulu, Finland' },
      establishment: { mainEstablishmentCountry: 'FI' },
    },
    incident: {
      title: 'Remote-support session to a customer server left open',
      description:
        'An IT-support remote session stayed connected overnight; logs show an unrecognised login to the customer\'s file server holding employee records (names, home addresses, supervisors).',
      role: 'processor',
      affectedCountries: ['FI'],
      occurredHoursAgo: 14,
      detectedHoursAgo: 6,
      awareHoursAgo: null,
    },
  },
  {
    // 002: "Technology Nexus Secured Business Solutions AB ... is the Data Controller";
    // "In some cases, we process personal data on behalf of other Data Controllers (e.g. our
    // customers). In these cases, we act as a Data Processor." DPO: dpo@nexusgroup.com.
    seedFile: '002_e3cb5b9e817d87d3.txt',
    organisation: {
      legalName: 'Technology Nexus Secured Business Solutions AB',
      country: 'SE',
      timeZone: 'Europe/Stockholm',
      roles: ['controller', 'processor'],
      contact: { kind: 'dpo', name: null, email: 'dpo@nexusgroup.com', phone: null, address: 'Telefonvägen 26, 126 26 Hägersten, Sweden' },
      establishment: { mainEstablishmentCountry: 'SE' },
    },
    incident: {
      title: 'Phished marketing mailbox with webinar attendee lists',
      description:
        'A marketing employee entered credentials on a phishing page; the mailbox held webinar registration exports (names, companies, e-mail addresses, phone numbers).',
      role: 'controller',
      affectedCountries: ['SE', 'FI', 'DE'],
      occurredHoursAgo: 50,
      detectedHoursAgo: 40,
      awareHoursAgo: 36,
    },
  },
  {
    // 003: "Cloudnovi will, in case of doubt, always notify data breaches ... to the Belgian
    // Data Protection Authority as well as the data subjects concerned"; "within 72 hours";
    // "Cloudnovi will naturally also notify you, as our customer, of any data breach that
    // occurs at a supplier". The DPO address is hidden on the published page: left empty.
    seedFile: '003_e16b4f89d3c03677.txt',
    organisation: {
      legalName: 'Cloudnovi',
      country: 'BE',
      timeZone: 'Europe/Brussels',
      roles: ['controller', 'processor'],
      contact: { kind: 'dpo', name: null, email: null, phone: null, address: 'Cloudnovi (SPACES), Borsbeeksebrug 34, 2600 Antwerp, Belgium' },
      establishment: { mainEstablishmentCountry: 'BE' },
      notifyWhenInDoubt: true,
      breachNoticeCommitment:
        'In case of doubt, always notifies data breaches in its own systems and those of its processors and suppliers to the Belgian Data Protection Authority and the data subjects concerned, within 72 hours; customers are told of any breach at a supplier.',
    },
    incident: {
      title: 'Support-ticket attachments readable by another customer',
      description: 'A permissions change let one customer open another customer\'s support-ticket attachments (names, addresses, phone numbers).',
      role: 'controller',
      affectedCountries: ['BE', 'NL'],
      occurredHoursAgo: 8,
      detectedHoursAgo: 4,
      awareHoursAgo: 3,
    },
  },
  {
    // 004: a consent-management service whose policy does not state its legal name; data in
    // "Internet Vizija data centers" (Lithuania). Controller of Account data, processor of
    // "End User Data" generated on customers' websites. "we will notify you and the competent
    // Supervisory Authority(ies) within 72 hours by e-mail". No DPO or contact e-mail given.
    seedFile: '004_58b8b67a415eec97.txt',
    organisation: {
      legalName: 'Consent-management provider (legal name not stated in its policy; hosted in Lithuania)',
      country: 'LT',
      timeZone: 'Europe/Vilnius',
      roles: ['controller', 'processor'],
      contact: { kind: 'contact_point', name: null, email: null, phone: null, address: null },
      establishment: { mainEstablishmentCountry: 'LT' },
      controllerNoticeWindowHours: 72,
      breachNoticeCommitment:
        'In the event that your data is compromised, we will notify you and the competent Supervisory Authority(ies) within 72 hours by e-mail with information about the extent of the breach, affected data, and action plan.',
    },
    incident: {
      title: 'Consent-log backup reachable without authentication',
      description:
        'A point-in-time backup of consent logs (anonymised IP, consent state, URL, timestamp) was reachable on a misconfigured storage endpoint for two days.',
      role: 'processor',
      affectedCountries: ['LT', 'LV', 'EE'],
      occurredHoursAgo: 60,
      detectedHoursAgo: 10,
      awareHoursAgo: 9,
    },
  },
];
