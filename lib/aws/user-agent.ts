// The marker every AWS SDK client of the console adds to its User-Agent. CloudTrail records it
// as userAgent, which is how the console's own bucket changes are told from changes made
// elsewhere (lib/usage/cloudtrail/management-events.ts). Pure, so pure modules may import it.
export const consoleUserAgent = "bucket-key-console";
