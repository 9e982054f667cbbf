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
/**
 * The most bytes of a successful answer the client keeps in memory, after leaving the logs of
 * listed jobs out and cutting a single job's log to its tail: 100 JobStatus objects without logs
 * are about 100 KB, so 2 MiB is room to spare, and far below what a 256 MB Lambda can hold.
 */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
/** An error answer is read only as far as this: its message shows MAX_ERROR_BODY_CHARS of it. */
export const MAX_ERROR_ANSWER_BYTES = 64 * 1024;
/** The end of a single job's log that getJob keeps; the alert shows 4 KB of it (summarize-job.ts). */
export const KEPT_LOG_TAIL_BYTES = 64 * 1024;
