// A body is read only when the request says it is JSON. Cross-site forms and simple fetches can
// send text/plain, x-www-form-urlencoded or multipart bodies without a CORS preflight; JSON needs
// one, which another origin never passes.

/** What is wrong with a request body's Content-Type, or null for application/json (UTF-8). */
export function jsonContentTypeProblem(header: string | null): string | null {
  const [mediaType = "", ...params] = (header ?? "").split(";").map((p) => p.trim().toLowerCase());
  const fix = "send the body as JSON with content-type: application/json";
  if (!mediaType) return `The request body has no content type: ${fix}.`;
  if (mediaType !== "application/json") return `The request body is ${mediaType.slice(0, 80)}, not JSON: ${fix}.`;
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8") return `The request body must be UTF-8, not ${charset}: ${fix}.`;
  return null;
}
