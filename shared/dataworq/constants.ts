/** Defaults for the DataWORQ client, in one place. */
export const DEFAULT_CLOUD_CONNECTOR_URL = 'https://api.quebit.com';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** DataWORQ's refusal text is kept in the error, but a gateway can send pages of it. */
export const MAX_ERROR_BODY_CHARS = 500;
/** The seed: "Get the status for multiple Jobs (maximum of 100)". */
export const MAX_LISTED_JOBS = 100;
export const JOBS_PATH = '/api/v1/jobs';

/** How a call reaches DataWORQ: through the Cloud Connector, or straight to a DataWORQ server. */
export const TRANSPORT_KINDS = ['cloud-connector', 'native'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];
