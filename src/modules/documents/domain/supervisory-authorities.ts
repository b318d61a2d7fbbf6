/**
 * The supervisory authorities of the EEA, the UK (ICO) and Switzerland (FDPIC), from
 * ../shared/reference/supervisory-authorities.json (schema 1.0). Names and websites are
 * graded there: CORROBORATED_SECONDARY or weaker, never checked live; breach-notification
 * URLs are UNVERIFIED and so not carried here. Germany and Spain have regional authorities
 * (gdpr-rules.md SA-7, UNVERIFIED): the national entry is shown and documents say so.
 */
export interface SupervisoryAuthority {
  readonly country: string;
  readonly eea: boolean;
  readonly regime: string;
  readonly nameEn: string;
  readonly nameNative: string | null;
  readonly acronym: string | null;
  readonly website: string | null;
  /** Verification grade of the name, as in the reference file. */
  readonly verification: string | null;
}

export const SUPERVISORY_AUTHORITIES: readonly SupervisoryAuthority[] = [
  {
    "country": "AT",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Austrian Data Protection Authority",
    "nameNative": "Österreichische Datenschutzbehörde",
    "acronym": "DSB",
    "website": "https://www.dsb.gv.at/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "BE",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Data Protection Authority (Belgian DPA)",
    "nameNative": "Gegevensbeschermingsautoriteit / Autorité de protection des données / Datenschutzbehörde",
    "acronym": "GBA / APD",
    "website": "https://www.autoriteprotectiondonnees.be/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "BG",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Commission for Personal Data Protection",
    "nameNative": "Комисия за защита на личните данни",
    "acronym": "CPDP / КЗЛД",
    "website": "https://www.cpdp.bg/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "HR",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Croatian Personal Data Protection Agency",
    "nameNative": "Agencija za zaštitu osobnih podataka",
    "acronym": "AZOP",
    "website": "https://azop.hr/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "CY",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Office of the Commissioner for Personal Data Protection",
    "nameNative": "Γραφείο Επιτρόπου Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
    "acronym": "—",
    "website": "http://www.dataprotection.gov.cy/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "CZ",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Office for Personal Data Protection",
    "nameNative": "Úřad pro ochranu osobních údajů",
    "acronym": "ÚOOÚ",
    "website": "https://uoou.gov.cz/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "DK",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Danish Data Protection Agency",
    "nameNative": "Datatilsynet",
    "acronym": "—",
    "website": "https://www.datatilsynet.dk/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "EE",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Estonian Data Protection Inspectorate",
    "nameNative": "Andmekaitse Inspektsioon",
    "acronym": "AKI",
    "website": "https://www.aki.ee/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "FI",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Office of the Data Protection Ombudsman",
    "nameNative": "Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå",
    "acronym": "—",
    "website": "https://tietosuoja.fi/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "FR",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "National Commission on Informatics and Liberty (French data protection authority)",
    "nameNative": "Commission nationale de l'informatique et des libertés",
    "acronym": "CNIL",
    "website": "https://www.cnil.fr/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "DE",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Federal Commissioner for Data Protection and Freedom of Information",
    "nameNative": "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
    "acronym": "BfDI",
    "website": "https://www.bfdi.bund.de/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "GR",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Hellenic Data Protection Authority",
    "nameNative": "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
    "acronym": "HDPA",
    "website": "https://www.dpa.gr/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "HU",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Hungarian National Authority for Data Protection and Freedom of Information",
    "nameNative": "Nemzeti Adatvédelmi és Információszabadság Hatóság",
    "acronym": "NAIH",
    "website": "https://naih.hu/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "IE",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Data Protection Commission",
    "nameNative": "An Coimisiún um Chosaint Sonraí",
    "acronym": "DPC",
    "website": "https://www.dataprotection.ie/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "IT",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Italian Data Protection Authority",
    "nameNative": "Garante per la protezione dei dati personali",
    "acronym": "Garante / GPDP",
    "website": "https://www.garanteprivacy.it/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "LV",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Data State Inspectorate",
    "nameNative": "Datu valsts inspekcija",
    "acronym": "DVI",
    "website": "https://www.dvi.gov.lv/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "LT",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "State Data Protection Inspectorate",
    "nameNative": "Valstybinė duomenų apsaugos inspekcija",
    "acronym": "VDAI",
    "website": "https://vdai.lrv.lt/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "LU",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "National Commission for Data Protection",
    "nameNative": "Commission nationale pour la protection des données",
    "acronym": "CNPD",
    "website": "https://cnpd.public.lu/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "MT",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Office of the Information and Data Protection Commissioner",
    "nameNative": "L-Uffiċċju tal-Kummissarju għall-Informazzjoni u l-Protezzjoni tad-Data",
    "acronym": "IDPC",
    "website": "https://idpc.org.mt/",
    "verification": "ANALYST_KNOWLEDGE_UNVERIFIED"
  },
  {
    "country": "NL",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Dutch Data Protection Authority",
    "nameNative": "Autoriteit Persoonsgegevens",
    "acronym": "AP",
    "website": "https://autoriteitpersoonsgegevens.nl/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "PL",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Personal Data Protection Office",
    "nameNative": "Urząd Ochrony Danych Osobowych",
    "acronym": "UODO",
    "website": "https://uodo.gov.pl/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "PT",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "National Data Protection Commission",
    "nameNative": "Comissão Nacional de Proteção de Dados",
    "acronym": "CNPD",
    "website": "https://www.cnpd.pt/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "RO",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "National Supervisory Authority for Personal Data Processing",
    "nameNative": "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
    "acronym": "ANSPDCP",
    "website": "https://www.dataprotection.ro/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "SK",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Office for Personal Data Protection of the Slovak Republic",
    "nameNative": "Úrad na ochranu osobných údajov Slovenskej republiky",
    "acronym": "ÚOOÚ SR",
    "website": "https://dataprotection.gov.sk/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "SI",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Information Commissioner of the Republic of Slovenia",
    "nameNative": "Informacijski pooblaščenec Republike Slovenije",
    "acronym": "IP",
    "website": "https://www.ip-rs.si/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "ES",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Spanish Data Protection Agency",
    "nameNative": "Agencia Española de Protección de Datos",
    "acronym": "AEPD",
    "website": "https://www.aepd.es/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "SE",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Swedish Authority for Privacy Protection",
    "nameNative": "Integritetsskyddsmyndigheten",
    "acronym": "IMY",
    "website": "https://www.imy.se/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "IS",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Icelandic Data Protection Authority",
    "nameNative": "Persónuvernd",
    "acronym": "—",
    "website": "https://www.personuvernd.is/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "LI",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Data Protection Authority of the Principality of Liechtenstein",
    "nameNative": "Datenschutzstelle Liechtenstein",
    "acronym": "DSS",
    "website": "https://www.datenschutzstelle.li/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "NO",
    "eea": true,
    "regime": "GDPR",
    "nameEn": "Norwegian Data Protection Authority",
    "nameNative": "Datatilsynet",
    "acronym": "—",
    "website": "https://www.datatilsynet.no/",
    "verification": "CORROBORATED_SECONDARY"
  },
  {
    "country": "GB",
    "eea": false,
    "regime": "UK GDPR + Data Protection Act 2018",
    "nameEn": "Information Commissioner's Office",
    "nameNative": "Information Commissioner's Office",
    "acronym": "ICO",
    "website": "https://ico.org.uk/",
    "verification": "ANALYST_KNOWLEDGE_UNVERIFIED"
  },
  {
    "country": "CH",
    "eea": false,
    "regime": "Swiss Federal Act on Data Protection (revFADP / nDSG), in force 1 September 2023",
    "nameEn": "Federal Data Protection and Information Commissioner",
    "nameNative": "Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter (EDÖB) / Préposé fédéral à la protection des données et à la transparence (PFPDT) / Incaricato federale della protezione dei dati e della trasparenza (IFPDT)",
    "acronym": "FDPIC",
    "website": "https://www.edoeb.admin.ch/",
    "verification": "ANALYST_KNOWLEDGE_UNVERIFIED"
  }
];

const BY_COUNTRY = new Map(SUPERVISORY_AUTHORITIES.map((a) => [a.country, a]));

export function authorityFor(country: string): SupervisoryAuthority | undefined {
  return BY_COUNTRY.get(country);
}
