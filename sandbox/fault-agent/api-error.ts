// Errors with the status code and JSON shape Toxiproxy answers with: {"error": "...", "status": N}.
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 | 500,
  ) {
    super(message);
  }
}

export const proxyNotFound = () => new ApiError('proxy not found', 404);
export const proxyExists = () => new ApiError('proxy already exists', 409);
export const toxicNotFound = () => new ApiError('toxic not found', 404);
export const toxicExists = () => new ApiError('toxic already exists', 409);
export const invalidStream = () => new ApiError('stream was invalid, can be either upstream or downstream', 400);
export const invalidToxicType = () => new ApiError('invalid toxic type', 400);
export const badBody = (why: string) => new ApiError(`bad request body: ${why}`, 400);
export const missingField = (field: string) => new ApiError(`missing required field: ${field}`, 400);
