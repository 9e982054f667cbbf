/** An answer before it is written: the emulator's logic returns these, the server sends them. */
export interface EmulatorAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export const answers = {
  json: (value: unknown, status = 200): EmulatorAnswer => ({
    status,
    contentType: 'application/json',
    body: JSON.stringify(value),
  }),
  text: (body: string, status: number): EmulatorAnswer => ({ status, contentType: 'text/plain; charset=utf-8', body }),
  /** DataWORQ's 400 "Bad Request or Server error": a short text, never an echo of a key. */
  badRequest: (detail?: string): EmulatorAnswer =>
    answers.text(detail === undefined ? 'Bad Request' : `Bad Request: ${detail}`, 400),
  /** What a gateway in front of DataWORQ sends when DataWORQ is down. */
  gatewayHtml: (): EmulatorAnswer => ({
    status: 502,
    contentType: 'text/html; charset=utf-8',
    body:
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n' +
      '<body><center><h1>502 Bad Gateway</h1></center><hr><center>awselb/2.0</center></body></html>\n',
  }),
};
