export const handler = async () => ({ statusCode: 202 });
